import AbriVault

/// The consent part of the forms that grant another partner: the reference of the victim's consent and its
/// optional end date, or « sans consentement » with a reason.
enum ConsentFields {
    static func html(_ form: FormBody?, tr: (String) -> String) -> String {
        let choice = form?["consentement"]
        let checked = { (value: String) in choice == value ? " checked" : "" }
        let value = { (name: String) in HTML.escape(form?[name] ?? "") }
        return """
        <fieldset class="consent"><legend>\(HTML.escape(tr("The victim's consent (required to pass to another partner)")))</legend>
        <p class="field check"><input type="radio" id="consent-avec" name="consentement" value="avec"\(checked("avec"))>
        <label for="consent-avec">\(HTML.escape(tr("With her consent")))</label></p>
        <p class="field"><label for="consent-ref">\(HTML.escape(tr("Reference of the consent (e.g. form signed on 20/11/2026)")))</label>
        <input type="text" id="consent-ref" name="reference" value="\(value("reference"))" maxlength="4096"></p>
        <p class="field"><label for="consent-fin">\(HTML.escape(tr("End of the consent (optional)")))</label>
        <input type="date" id="consent-fin" name="jusquau" value="\(value("jusquau"))"></p>
        <p class="field check"><input type="radio" id="consent-sans" name="consentement" value="sans"\(checked("sans"))>
        <label for="consent-sans">\(HTML.escape(tr("Without consent")))</label></p>
        <p class="field"><label for="consent-raison">\(HTML.escape(tr("Reason for sharing without consent (shown to the administrator)")))</label>
        <input type="text" id="consent-raison" name="raison" value="\(value("raison"))" maxlength="4096"></p>
        </fieldset>
        """
    }

    /// The consent the form gives, nil when it gives none (the session then refuses a grant to another partner);
    /// a sentence in the reader's language when the form is incomplete.
    static func resolve(_ form: FormBody, tr: (String) -> String) -> Result<Consent?, ConsentProblem> {
        switch form["consentement"] {
        case "avec":
            guard let reference = form.text("reference") else {
                return .failure(ConsentProblem(tr("Give the reference of the victim's consent.")))
            }
            guard reference.utf8.count <= 4096, (form["raison"] ?? "").utf8.count <= 4096 else {
                return .failure(ConsentProblem(tr("The consent's reference is longer than 4096 bytes: cite the document that holds it.")))
            }
            guard let until = form.text("jusquau") else { return .success(.given(reference: reference, until: nil)) }
            guard let day = try? Day(parsing: until) else {
                return .failure(ConsentProblem(tr("The consent's end is not a date (DD/MM/YYYY).")))
            }
            guard day >= Day.today() else {
                return .failure(ConsentProblem(tr("The consent's end has passed: give a date from today on.")))
            }
            return .success(.given(reference: reference, until: day))
        case "sans":
            guard let reason = form.text("raison") else {
                return .failure(ConsentProblem(tr("Give the reason for sharing without consent.")))
            }
            guard reason.utf8.count <= 4096 else {
                return .failure(ConsentProblem(tr("The reason is longer than 4096 bytes: cite the document that holds it.")))
            }
            return .success(.without(reason: reason))
        default:
            return .success(nil)
        }
    }
}

/// A form's consent part, incomplete: the sentence says what is missing.
struct ConsentProblem: Error {
    let sentence: String
    init(_ sentence: String) { self.sentence = sentence }
}
