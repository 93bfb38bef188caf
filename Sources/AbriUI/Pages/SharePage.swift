import AbriVault
import Hummingbird

extension UIState {
    /// Sharing a case with one partner: the general part, or both parts (never to a never-locating partner).
    func sharePage(_ text: String, form: FormBody?, notice: String?, status: HTTPResponse.Status = .ok) -> UIReply {
        let id = HTML.escape(text)
        var body = notice.map { Page.notice($0, kind: "erreur") } ?? ""
        body += """
        <form method="post" action="/dossiers/\(id)/partager">\(csrfField)
        <fieldset><legend>Partenaire et parties transmises</legend>
        """
        let chosen = form?["partage"]
        for (index, partner) in otherPartners().enumerated() {
            let name = HTML.escape(partner.name), partnerID = HTML.escape(partner.id)
            body += """
            <p class="field check"><input type="radio" id="g-\(index)" name="partage" value="g:\(partnerID)"\(chosen == "g:" + partner.id ? " checked" : "")>
            <label for="g-\(index)">\(name) (\(partnerID)) : la situation seulement</label></p>
            <p class="field check"><input type="radio" id="l-\(index)" name="partage" value="l:\(partnerID)"\
            \(partner.neverLocating ? " disabled" : "")\(chosen == "l:" + partner.id && !partner.neverLocating ? " checked" : "")>
            <label for="l-\(index)">\(name) (\(partnerID)) : la situation et les coordonnées\
            \(partner.neverLocating ? " (impossible : ce partenaire ne reçoit jamais de coordonnées)" : "")</label></p>
            """
        }
        body += "</fieldset>" + ConsentFields.html(form)
        body += "<p><button type=\"submit\">Partager</button></p></form>"
        body += "<p><a href=\"/dossiers/\(id)\">Revenir au dossier</a></p>"
        return signedIn("Partager le dossier \(text)", body, status: status)
    }

    func share(_ text: String, form: FormBody) -> UIReply {
        guard let member = session?.member else { return .redirect("/") }
        guard let choice = form["partage"], choice.count > 2, choice.hasPrefix("g:") || choice.hasPrefix("l:") else {
            return sharePage(text, form: form, notice: "Choisissez le partenaire et ce qu'il reçoit.", status: .badRequest)
        }
        let partner = String(choice.dropFirst(2)), locating = choice.hasPrefix("l:")
        let consent: Consent
        switch ConsentFields.resolve(form) {
        case .failure(let problem): return sharePage(text, form: form, notice: problem.sentence, status: .badRequest)
        case .success(nil):
            return sharePage(text, form: form, notice: words.message(
                "sharing needs the victim's consent (add --consent TEXT [--until DATE], or --without-consent REASON)"), status: .badRequest)
        case .success(let given?): consent = given
        }
        do {
            let id = try CaseID(parsing: text)
            let readers = try member.share(id, with: partner, locating: locating, consent: consent)
            return signedIn("Dossier partagé", Page.notice(words.shared(id, readers), kind: "succes")
                            + "<p><a href=\"/dossiers/\(HTML.escape(id.description))\">Revenir au dossier</a></p>")
        } catch {
            let (status, sentence) = failure(error)
            return sharePage(text, form: form, notice: sentence, status: status)
        }
    }
}
