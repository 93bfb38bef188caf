import AbriVault

/// The consent part of the forms that grant another partner: the reference of the victim's consent and its
/// optional end date, or « sans consentement » with a reason.
enum ConsentFields {
    static func html(_ form: FormBody?) -> String {
        let choice = form?["consentement"]
        let checked = { (value: String) in choice == value ? " checked" : "" }
        let value = { (name: String) in HTML.escape(form?[name] ?? "") }
        return """
        <fieldset class="consent"><legend>Consentement de la victime (obligatoire pour transmettre à un autre partenaire)</legend>
        <p class="field check"><input type="radio" id="consent-avec" name="consentement" value="avec"\(checked("avec"))>
        <label for="consent-avec">Avec son consentement</label></p>
        <p class="field"><label for="consent-ref">Référence du consentement (ex. formulaire signé le 20/11/2026)</label>
        <input type="text" id="consent-ref" name="reference" value="\(value("reference"))" maxlength="4096"></p>
        <p class="field"><label for="consent-fin">Fin du consentement (facultative)</label>
        <input type="date" id="consent-fin" name="jusquau" value="\(value("jusquau"))"></p>
        <p class="field check"><input type="radio" id="consent-sans" name="consentement" value="sans"\(checked("sans"))>
        <label for="consent-sans">Sans consentement</label></p>
        <p class="field"><label for="consent-raison">Raison du partage sans consentement (montrée à l'administrateur)</label>
        <input type="text" id="consent-raison" name="raison" value="\(value("raison"))" maxlength="4096"></p>
        </fieldset>
        """
    }

    /// The consent the form gives, nil when it gives none (the session then refuses a grant to another partner);
    /// a sentence in French when the form is incomplete.
    static func resolve(_ form: FormBody) -> Result<Consent?, ConsentProblem> {
        switch form["consentement"] {
        case "avec":
            guard let reference = form.text("reference") else {
                return .failure(ConsentProblem("Indiquez la référence du consentement de la victime."))
            }
            guard reference.utf8.count <= 4096, (form["raison"] ?? "").utf8.count <= 4096 else {
                return .failure(ConsentProblem("La référence du consentement dépasse 4096 octets : citez le document qui la porte."))
            }
            guard let until = form.text("jusquau") else { return .success(.given(reference: reference, until: nil)) }
            guard let day = try? Day(parsing: until) else {
                return .failure(ConsentProblem("La date de fin du consentement n'est pas une date (JJ/MM/AAAA)."))
            }
            guard day >= Day.today() else {
                return .failure(ConsentProblem("La date de fin du consentement est passée : donnez une date à partir d'aujourd'hui."))
            }
            return .success(.given(reference: reference, until: day))
        case "sans":
            guard let reason = form.text("raison") else {
                return .failure(ConsentProblem("Indiquez la raison du partage sans consentement."))
            }
            guard reason.utf8.count <= 4096 else {
                return .failure(ConsentProblem("La raison dépasse 4096 octets : citez le document qui la porte."))
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
