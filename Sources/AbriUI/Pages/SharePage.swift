import AbriVault
import Hummingbird

extension UIState {
    /// Sharing a case with one partner: the general part, or both parts (never to a never-locating partner).
    func sharePage(_ text: String, form: FormBody?, notice: String?, status: HTTPResponse.Status = .ok) -> UIReply {
        let id = HTML.escape(text)
        var body = notice.map { Page.notice($0, kind: "erreur") } ?? ""
        body += """
        <form method="post" action="/dossiers/\(id)/partager">\(csrfField)
        <fieldset><legend>\(HTML.escape(tr("Partner and the parts passed")))</legend>
        """
        let chosen = form?["partage"]
        for (index, partner) in otherPartners().enumerated() {
            let partnerID = HTML.escape(partner.id)
            body += """
            <p class="field check"><input type="radio" id="g-\(index)" name="partage" value="g:\(partnerID)"\(chosen == "g:" + partner.id ? " checked" : "")>
            <label for="g-\(index)">\(HTML.escape(tr("%@ (%@): the situation only", partner.name, partner.id)))</label></p>
            <p class="field check"><input type="radio" id="l-\(index)" name="partage" value="l:\(partnerID)"\
            \(partner.neverLocating ? " disabled" : "")\(chosen == "l:" + partner.id && !partner.neverLocating ? " checked" : "")>
            <label for="l-\(index)">\(HTML.escape(partner.neverLocating
                ? tr("%@ (%@): the situation and the address (impossible: this partner never receives an address)", partner.name, partner.id)
                : tr("%@ (%@): the situation and the address", partner.name, partner.id)))</label></p>
            """
        }
        body += "</fieldset>" + ConsentFields.html(form, tr: { self.tr($0) })
        body += "<p><button type=\"submit\">\(HTML.escape(tr("Share")))</button></p></form>"
        body += "<p><a href=\"/dossiers/\(id)\">\(HTML.escape(tr("Back to the case")))</a></p>"
        return signedIn(tr("Share case %@", text), body, status: status)
    }

    func share(_ text: String, form: FormBody) -> UIReply {
        guard let member = session?.member else { return .redirect("/") }
        guard let choice = form["partage"], choice.count > 2, choice.hasPrefix("g:") || choice.hasPrefix("l:") else {
            return sharePage(text, form: form, notice: tr("Choose the partner and what it receives."), status: .badRequest)
        }
        let partner = String(choice.dropFirst(2)), locating = choice.hasPrefix("l:")
        let consent: Consent
        switch ConsentFields.resolve(form, tr: { self.tr($0) }) {
        case .failure(let problem): return sharePage(text, form: form, notice: problem.sentence, status: .badRequest)
        case .success(nil):
            return sharePage(text, form: form, notice: words.message(
                "sharing needs the victim's consent (add --consent TEXT [--until DATE], or --without-consent REASON)"), status: .badRequest)
        case .success(let given?): consent = given
        }
        do {
            let id = try CaseID(parsing: text)
            let readers = try member.share(id, with: partner, locating: locating, consent: consent)
            return signedIn(tr("Case shared"), Page.notice(words.shared(id, readers), kind: "succes")
                            + "<p><a href=\"/dossiers/\(HTML.escape(id.description))\">\(HTML.escape(tr("Back to the case")))</a></p>")
        } catch {
            let (status, sentence) = failure(error)
            return sharePage(text, form: form, notice: sentence, status: status)
        }
    }
}
