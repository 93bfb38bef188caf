/// Text made safe for HTML: every value shown in a page goes through `HTML.escape`, because record content is
/// written by other organisations and may hold markup meant to run here.
enum HTML {
    /// `text` with `& < > " '` written as entities, so that it can go in element content and in quoted attribute
    /// values alike; control, bidirectional and invisible format characters are shown as their code
    /// (`[U+202E]`), so that a value cannot reorder or hide what the page says around it.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\n", "\t": escaped.unicodeScalars.append(scalar)
            default:
                if hidden(scalar) {
                    escaped += "[U+" + String(scalar.value, radix: 16, uppercase: true) + "]"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }

    /// Control characters, and format characters that reorder or hide text (bidirectional overrides and
    /// isolates, zero-width characters).
    static func hidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x20 || (0x7F ... 0x9F).contains(scalar.value) { return true }
        return scalar.properties.generalCategory == .format
    }
}

/// A page of the interface: a title and its main content, in the layout every page shares.
struct Page {
    var title: String
    /// The main content, already HTML (built with `HTML.escape` for every value).
    var body: String
    /// The catalogue's words, for the layout's own text and the page's language.
    var words: UIWords
    /// Who is signed in, the session's CSRF token, and whether it is the administrator (whose navigation holds no
    /// case page), for the header; nil on the pages before the unlock.
    var signedIn: (who: String, csrf: String, administrator: Bool)?

    private func tr(_ template: String, _ arguments: String...) -> String { words.text(template, arguments) }

    /// The whole document.
    var html: String {
        var header = "<header><p class=\"brand\">Abri</p>"
        if let signedIn {
            let links = signedIn.administrator
                ? [("/administration", tr("Partners and members")), ("/administration/verifier", tr("Verify the log"))]
                : [("/dossiers", tr("Cases")), ("/deposer", tr("Deposit a report")), ("/journal", tr("Log")), ("/approbations", tr("Approvals"))]
            header += "<nav aria-label=\"\(HTML.escape(tr("Main navigation")))\"><ul>"
                + links.map { "<li><a href=\"\($0.0)\">\(HTML.escape($0.1))</a></li>" }.joined() + "</ul></nav>"
            header += """
            <p class="who">\(HTML.escape(tr("Signed in: %@", signedIn.who)))</p>\
            <form method="post" action="/quitter" class="logout">\(Page.csrfField(signedIn.csrf))\
            <button type="submit">\(HTML.escape(tr("Sign out")))</button></form>
            """
        }
        header += "</header>"
        return """
        <!doctype html>
        <html lang="\(HTML.escape(words.language))"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
        <title>\(HTML.escape(title)) — Abri</title>\
        <link rel="stylesheet" href="/style.css"></head>
        <body><a class="skip" href="#contenu">\(HTML.escape(tr("Skip to the content")))</a>
        \(header)
        <main id="contenu"><h1>\(HTML.escape(title))</h1>
        \(body)
        </main></body></html>
        """
    }

    /// The hidden field that carries the session's CSRF token in every form.
    static func csrfField(_ token: String) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(token))\">"
    }

    /// A message in a box that screen readers announce: `kind` is `erreur` or `succes`.
    static func notice(_ text: String, kind: String) -> String {
        "<p class=\"notice \(kind)\" role=\"\(kind == "erreur" ? "alert" : "status")\">\(HTML.escape(text))</p>"
    }
}
