/// The interface's only style sheet, served as `/style.css` (the pages hold no inline style, which the
/// Content-Security-Policy forbids). Colours keep a contrast of at least 4.5:1 on their background (RGAA 3.2),
/// and the keyboard focus is always drawn.
enum Stylesheet {
    static let css = """
    :root { color: #1a1a1a; background: #ffffff; font-family: system-ui, sans-serif; line-height: 1.5; }
    body { margin: 0 auto; max-width: 70rem; padding: 0 1rem 3rem; }
    a { color: #0b4f9c; }
    a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #b35900; outline-offset: 2px; }
    .skip { position: absolute; left: -999px; }
    .skip:focus { position: static; }
    header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; border-bottom: 2px solid #0b4f9c; padding: .5rem 0; }
    header .brand { font-weight: bold; font-size: 1.3rem; margin: 0; }
    header nav ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
    header .who { margin: 0 0 0 auto; }
    header .logout { margin: 0; }
    h1 { font-size: 1.6rem; }
    .field { margin: .6rem 0; }
    .field label { display: block; font-weight: 600; }
    .field.check label, .check label { display: inline; font-weight: normal; margin-left: .3rem; }
    .check { display: inline-block; margin-right: 1rem; }
    .hint { display: block; color: #4a4a4a; font-size: .9rem; }
    input[type=text], input[type=search], input[type=password], input[type=date], select, textarea {
      font: inherit; padding: .35rem; border: 1px solid #595959; border-radius: 3px; max-width: 40rem; width: 100%; box-sizing: border-box; }
    input[type=file] { font: inherit; }
    ul.attachments form { margin: .3rem 0; }
    button { font: inherit; padding: .45rem 1rem; background: #0b4f9c; color: #ffffff; border: 0; border-radius: 3px; cursor: pointer; }
    fieldset { border: 1px solid #8c8c8c; margin: 1rem 0; padding: .5rem 1rem 1rem; }
    legend { font-weight: bold; padding: 0 .3rem; }
    fieldset.part.general { border: 2px solid #0b4f9c; }
    fieldset.part.locating { border: 3px solid #a4161a; background: #fff6f6; }
    fieldset.part.locating > legend { color: #a4161a; }
    .never { color: #a4161a; font-size: .9rem; }
    .id { color: #4a4a4a; font-weight: normal; }
    table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
    caption { text-align: left; font-weight: bold; }
    th, td { border: 1px solid #bfbfbf; padding: .3rem .5rem; text-align: left; vertical-align: top; }
    .record { border: 1px solid #bfbfbf; padding: 0 1rem 1rem; margin: 1rem 0; }
    .record .locating { border-left: 4px solid #a4161a; padding-left: .8rem; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
    dt { font-weight: 600; }
    dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    .notice { padding: .6rem 1rem; border-radius: 3px; }
    .notice.erreur { background: #fde8e8; border: 2px solid #a4161a; }
    .notice.succes { background: #e8f4ea; border: 2px solid #1e6b2f; }
    .masked, .withheld { font-style: italic; }
    """
}
