import AbriVault
import Hummingbird

extension UIState {
    /// `abri member approve` for a member: the newcomers of the member's partner, each with the fingerprint of the
    /// public identity the administrator enrolled, to compare with the one the newcomer reads out before approving.
    func approvalsPage(notice: (text: String, kind: String)?, status: HTTPResponse.Status = .ok) -> UIReply {
        guard let member = session?.member else { return .redirect("/") }
        var body = notice.map { Page.notice($0.text, kind: $0.kind) } ?? ""
        let newcomers: [Newcomer]
        do {
            let waiting = try backend.vault.awaitingApproval()[session?.partner ?? ""] ?? []
            newcomers = try waiting.map { try member.newcomer(named: $0.name) }
        } catch {
            let (status, sentence) = failure(error)
            return signedIn(tr("Approvals"), body + Page.notice(sentence, kind: "erreur"), status: status)
        }
        guard !newcomers.isEmpty else {
            return signedIn(tr("Approvals"), body + "<p>\(HTML.escape(tr("Nobody of your partner waits for an approval.")))</p>", status: status)
        }
        for (index, newcomer) in newcomers.enumerated() {
            body += """
            <form method="post" action="/approbations" class="approve">\(csrfField)
            <fieldset><legend>\(HTML.escape(newcomer.name))</legend>
            <p>\(HTML.escape(tr("%@ (%@), fingerprint %@. Compare it with the one they read from `abri identity show --fingerprint`.",
                                  newcomer.name, newcomer.partner, newcomer.fingerprint)))</p>
            <input type="hidden" name="nom" value="\(HTML.escape(newcomer.name))">
            <input type="hidden" name="empreinte" value="\(HTML.escape(newcomer.fingerprint))">
            <p class="field check"><input type="checkbox" id="compare-\(index)" name="compare" value="oui" required>
            <label for="compare-\(index)">\(HTML.escape(tr("Approve %@ and seal %@'s keys to them?", newcomer.name, newcomer.partner)))</label></p>
            <p><button type="submit">\(HTML.escape(tr("Approve %@", newcomer.name)))</button></p>
            </fieldset></form>
            """
        }
        return signedIn(tr("Approvals"), body, status: status)
    }

    /// The approval, once the fingerprint was compared: refused when the roster changed since the page showed it.
    func approve(_ form: FormBody) -> UIReply {
        guard let member = session?.member else { return .redirect("/") }
        guard form["compare"] == "oui", let name = form["nom"] else {
            return approvalsPage(notice: (tr("Compare the fingerprint, then tick the box to approve."), "erreur"), status: .badRequest)
        }
        do {
            let newcomer = try member.newcomer(named: name)
            guard newcomer.fingerprint == form["empreinte"] else {
                throw AbriError.usage("the roster changed since the fingerprint was shown (run the command again)")
            }
            let (grants, generation) = try member.approve(newcomer)
            let sentence = tr("%@ is approved at %@: generation %@, %@; they read the partner's cases now.", newcomer.name, newcomer.partner,
                              generation, words.counted(grants, "%@ grant re-sealed", "%@ grants re-sealed"))
            return approvalsPage(notice: (sentence, "succes"))
        } catch {
            let (status, sentence) = failure(error)
            return approvalsPage(notice: (sentence, "erreur"), status: status)
        }
    }
}
