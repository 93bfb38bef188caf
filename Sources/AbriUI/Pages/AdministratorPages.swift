import AbriVault
import Foundation
import Hummingbird

/// The administrator's pages: the roster, enrolling partners and members, removing a member, a partner's new key
/// generation, and the log's verification. They make the same session calls and checks as `abri partner add`,
/// `abri member add`, `abri member remove`, `abri rotate` and `abri verify`, and say the same sentences.
///
/// The administrator holds no key that opens a case (Docs/SECURITY.md): no page here shows a case, a record or a
/// recipient, and the members' pages are refused.
extension UIState {
    func administratorPage(_ request: UIRequest, parts: [String]) -> UIReply {
        guard parts.first == "administration" || parts.isEmpty else {
            return signedIn(tr("Access refused"), Page.notice(
                tr("The administrator holds no key that opens a case: the case pages are not offered to the administrator."),
                kind: "erreur"), status: .forbidden)
        }
        switch (request.method, parts.dropFirst().first, parts.count) {
        case ("GET", nil, 0): return .redirect("/administration")
        case ("GET", nil, 1): return rosterPage(notice: nil)
        case ("POST", "partenaire", 2): return addPartner(request.form)
        case ("POST", "membre", 2): return addMember(request.form)
        case ("GET", "retirer", 2): return removalPage(partner: request.query["partenaire"] ?? "", name: request.query["nom"] ?? "", notice: nil)
        case ("POST", "retirer", 2): return removeMember(request.form)
        case ("POST", "rotation", 2): return rotate(request.form)
        case ("GET", "verifier", 2): return verificationPage(report: nil)
        case ("POST", "verifier", 2): return verify()
        default:
            return signedIn(tr("Page not found"), Page.notice(tr("This page does not exist."), kind: "erreur"), status: .notFound)
        }
    }

    // MARK: The roster

    /// The partners, with their kind and whether they never receive the locating part; the members with their
    /// state and fingerprint; the forms that enrol.
    func rosterPage(notice: (text: String, kind: String)?, form: FormBody? = nil, status: HTTPResponse.Status = .ok) -> UIReply {
        var body = notice.map { Page.notice($0.text, kind: $0.kind) } ?? ""
        let roster: Roster
        let waiting: [String: [Member]]
        do {
            roster = try backend.vault.currentRoster()
            waiting = try backend.vault.awaitingApproval()
        } catch {
            let (status, sentence) = failure(error)
            return signedIn(tr("Partners and members"), body + Page.notice(sentence, kind: "erreur"), status: status)
        }
        body += """
        <table><caption>\(HTML.escape(tr("Partners")))</caption><thead><tr><th scope="col">\(HTML.escape(tr("Id")))</th>\
        <th scope="col">\(HTML.escape(tr("Name")))</th><th scope="col">\(HTML.escape(tr("Kind")))</th>\
        <th scope="col">\(HTML.escape(tr("Locating part")))</th><th scope="col">\(HTML.escape(tr("Keys")))</th></tr></thead><tbody>
        """
        for partner in roster.partners {
            let id = HTML.escape(partner.id)
            body += """
            <tr><td>\(id)</td><td>\(HTML.escape(partner.name))</td><td>\(HTML.escape(words.kind(partner.kind.rawValue)))</td>\
            <td>\(partner.neverLocating ? "<span class=\"never\">" + HTML.escape(tr("never receives the locating part")) + "</span>" : "")</td>\
            <td><form method="post" action="/administration/rotation" class="rotate">\(csrfField)\
            <input type="hidden" name="partenaire" value="\(id)">\
            <button type="submit">\(HTML.escape(tr("Renew the keys of %@", partner.id)))</button></form></td></tr>
            """
        }
        body += "</tbody></table>"
        body += """
        <table><caption>\(HTML.escape(tr("Members")))</caption><thead><tr><th scope="col">\(HTML.escape(tr("Partner")))</th>\
        <th scope="col">\(HTML.escape(tr("Name")))</th><th scope="col">\(HTML.escape(tr("State")))</th>\
        <th scope="col">\(HTML.escape(tr("Fingerprint")))</th><th scope="col">\(HTML.escape(tr("Action")))</th></tr></thead><tbody>
        """
        for member in roster.members {
            let pending = waiting[member.partner, default: []].contains { $0.identity == member.identity }
            let state = member.removed ? tr("removed") : pending ? tr("waiting for a colleague's approval") : tr("approved")
            let fingerprint = (try? PublicIdentity(parsing: member.identity).fingerprint) ?? "—"
            let removal = member.removed ? "" : """
                <a href="/administration/retirer?partenaire=\(Self.queryValue(member.partner))&amp;nom=\(Self.queryValue(member.name))">\
                \(HTML.escape(tr("Remove %@", member.name)))</a>
                """
            body += """
            <tr><td>\(HTML.escape(member.partner))</td><td>\(HTML.escape(member.name))</td><td>\(HTML.escape(state))</td>\
            <td><code>\(HTML.escape(fingerprint))</code></td><td>\(removal)</td></tr>
            """
        }
        body += "</tbody></table>"
        body += partnerForm(form) + memberForm(form, partners: roster.partners)
        return signedIn(tr("Partners and members"), body, status: status)
    }

    private func partnerForm(_ form: FormBody?) -> String {
        let kinds = PartnerKind.allCases.map { kind in
            let selected = form?["type"] == kind.rawValue ? " selected" : ""
            return "<option value=\"\(HTML.escape(kind.rawValue))\"\(selected)>\(HTML.escape(words.kind(kind.rawValue)))</option>"
        }.joined()
        return """
        <form method="post" action="/administration/partenaire" class="add-partner">\(csrfField)
        <fieldset><legend>\(HTML.escape(tr("Enrol a partner")))</legend>
        <p class="field"><label for="partenaire-id">\(HTML.escape(tr("Short id: lower-case letters, digits and dashes.")))</label>
        <input type="text" id="partenaire-id" name="id" value="\(HTML.escape(form?["id"] ?? ""))" required></p>
        <p class="field"><label for="partenaire-nom">\(HTML.escape(tr("The name people see.")))</label>
        <input type="text" id="partenaire-nom" name="nom" value="\(HTML.escape(form?["nom"] ?? ""))" required></p>
        <p class="field"><label for="partenaire-type">\(HTML.escape(tr("Kind")))</label>
        <select id="partenaire-type" name="type">\(kinds)</select></p>
        <p class="field check"><input type="checkbox" id="partenaire-jamais" name="jamais" value="1"\(form?["jamais"] != nil ? " checked" : "")>
        <label for="partenaire-jamais">\(HTML.escape(tr("A tenancy unit: never receives a locating compartment.")))</label></p>
        <p><button type="submit">\(HTML.escape(tr("Enrol the partner")))</button></p>
        </fieldset></form>
        """
    }

    private func memberForm(_ form: FormBody?, partners: [Partner]) -> String {
        let options = partners.map { partner in
            let selected = form?["partenaire"] == partner.id ? " selected" : ""
            return "<option value=\"\(HTML.escape(partner.id))\"\(selected)>\(HTML.escape(partner.name)) (\(HTML.escape(partner.id)))</option>"
        }.joined()
        return """
        <form method="post" action="/administration/membre" class="add-member">\(csrfField)
        <fieldset><legend>\(HTML.escape(tr("Enrol a member")))</legend>
        <p class="field"><label for="membre-partenaire">\(HTML.escape(tr("The partner's id.")))</label>
        <select id="membre-partenaire" name="partenaire">\(options)</select></p>
        <p class="field"><label for="membre-identite">\(HTML.escape(tr("The person's public identity line.")))</label>
        <input type="text" id="membre-identite" name="identite" value="\(HTML.escape(form?["identite"] ?? ""))" required></p>
        <p class="field"><label for="membre-nom">\(HTML.escape(tr("The person's name, unique within the partner.")))</label>
        <input type="text" id="membre-nom" name="nom" value="\(HTML.escape(form?["nom"] ?? ""))" required></p>
        <p class="field check"><input type="checkbox" id="membre-ailleurs" name="ailleurs" value="1"\(form?["ailleurs"] != nil ? " checked" : "")>
        <label for="membre-ailleurs">\(HTML.escape(tr("Allow an identity that is already a member of another partner.")))</label></p>
        <p><button type="submit">\(HTML.escape(tr("Enrol the member")))</button></p>
        </fieldset></form>
        """
    }

    // MARK: Enrolling

    /// `abri partner add`: the kind and the id checked first, then the session's call.
    func addPartner(_ form: FormBody) -> UIReply {
        guard let admin = session?.administrator else { return .redirect("/") }
        let id = form.text("id") ?? "", name = form["nom"] ?? "", neverLocating = form["jamais"] != nil
        do {
            guard let kind = PartnerKind(rawValue: form["type"] ?? "") else {
                throw AbriError.usage("unknown --kind (use landlord, legal-aid or association)")
            }
            _ = try AdminSession.validatedPartnerID(id)
            try admin.addPartner(id: id, name: name, kind: kind, neverLocating: neverLocating)
        } catch {
            let (status, sentence) = failure(error)
            return rosterPage(notice: (sentence, "erreur"), form: form, status: status)
        }
        let shown = name.trimmingWhitespace()
        let sentence = neverLocating
            ? tr("Partner %@ (%@) enrolled, never receiving locating parts. Next: enrol its members below.", shown, id)
            : tr("Partner %@ (%@) enrolled. Next: enrol its members below.", shown, id)
        return rosterPage(notice: (sentence, "succes"))
    }

    /// `abri member add`: the public identity parsed first (65 when mistyped), then the session's call; the
    /// newcomer of a partner that has members waits for a colleague's approval.
    func addMember(_ form: FormBody) -> UIReply {
        guard let admin = session?.administrator else { return .redirect("/") }
        let partner = form["partenaire"] ?? "", name = form["nom"] ?? ""
        let sentence: String
        do {
            let identity = try PublicIdentity(parsing: (form["identite"] ?? "").trimmingWhitespace())
            try admin.addMember(partner: partner, identity: identity, name: name, alsoMemberOfAnotherPartner: form["ailleurs"] != nil)
            let waiting = try backend.vault.awaitingApproval()[partner]?.contains { $0.identity == identity.line } ?? false
            sentence = waiting
                ? tr("%@ is enrolled in %@ and holds no key yet: a member of %@ compares the fingerprint %@ with them, then runs `abri member approve %@ %@`.",
                     name, partner, partner, identity.fingerprint, partner, name)
                : tr("%@ is now a member of %@.", name, partner)
        } catch {
            let (status, sentence) = failure(error)
            return rosterPage(notice: (sentence, "erreur"), form: form, status: status)
        }
        return rosterPage(notice: (sentence, "succes"))
    }

    // MARK: Removing

    /// The confirmation of `abri member remove`: the refusals that need no secret first, then the person's name
    /// typed again.
    func removalPage(partner: String, name: String, notice: String?, status: HTTPResponse.Status = .ok) -> UIReply {
        do {
            try backend.vault.checkMemberRemoval(partner: partner, name: name)
        } catch {
            let (status, sentence) = failure(error)
            return rosterPage(notice: (sentence, "erreur"), status: status)
        }
        var body = notice.map { Page.notice($0, kind: "erreur") } ?? ""
        body += """
        <p>\(HTML.escape(tr("Remove %@ from %@?", name, partner)))</p>
        <p>\(HTML.escape(tr("The removed identity is refused by every command from now on; the partner's remaining members re-seal its grants to a new generation at their next command, after which the old keys open nothing.")))</p>
        <form method="post" action="/administration/retirer" class="remove">\(csrfField)
        <input type="hidden" name="partenaire" value="\(HTML.escape(partner))">
        <input type="hidden" name="nom" value="\(HTML.escape(name))">
        <p class="field"><label for="retrait-nom">\(HTML.escape(tr("To confirm, type the member's name: %@", name)))</label>
        <input type="text" id="retrait-nom" name="confirmation" autocomplete="off" required></p>
        <p><button type="submit">\(HTML.escape(tr("Remove %@", name)))</button></p>
        </form>
        <p><a href="/administration">\(HTML.escape(tr("Back to the partners and members")))</a></p>
        """
        return signedIn(tr("Remove a member"), body, status: status)
    }

    /// `abri member remove`, once the name is typed again.
    func removeMember(_ form: FormBody) -> UIReply {
        guard let admin = session?.administrator else { return .redirect("/") }
        let partner = form["partenaire"] ?? "", name = form["nom"] ?? ""
        guard (form["confirmation"] ?? "").trimmingWhitespace() == name else {
            return removalPage(partner: partner, name: name, notice: tr("The name typed is not the member's: nothing was removed."),
                               status: .badRequest)
        }
        do {
            try backend.vault.checkMemberRemoval(partner: partner, name: name)
            try admin.removeMember(partner: partner, name: name)
        } catch {
            let (status, sentence) = failure(error)
            return rosterPage(notice: (sentence, "erreur"), status: status)
        }
        return rosterPage(notice: (tr("%@ was removed from %@; their identity is refused from now on. The partner's next command re-seals its grants.",
                                      name, partner), "succes"))
    }

    // MARK: Rotation

    /// `abri rotate` by the administrator: a new generation; the members re-seal the grants at their next command.
    func rotate(_ form: FormBody) -> UIReply {
        guard let admin = session?.administrator else { return .redirect("/") }
        let partner = form["partenaire"] ?? ""
        let generation: Int
        do {
            generation = try admin.rotate(partner: partner)
        } catch {
            let (status, sentence) = failure(error)
            return rosterPage(notice: (sentence, "erreur"), status: status)
        }
        return rosterPage(notice: (tr("Partner %@ has a new key generation (%@); its members re-seal the grants at their next command.",
                                      partner, generation), "succes"))
    }

    // MARK: Verification

    /// `abri verify --as ADMIN`: every entry opened and its actor's signature checked; the counts, or the problems.
    func verificationPage(report: VerificationReport?, error: (HTTPResponse.Status, String)? = nil) -> UIReply {
        var body = ""
        if let (_, sentence) = error { body += Page.notice(sentence, kind: "erreur") }
        if let report {
            if report.ok {
                body += Page.notice(words.checksOut(report), kind: "succes")
            } else {
                // The first problem; every one of them is listed below it.
                let summary = report.problems.first ?? "the vault was altered"
                body += Page.notice(words.message(
                    "verification failed: \(summary) (restore the vault from a backup, or run `abri verify --accept-restore --as ADMIN` if you restored one on purpose)"),
                    kind: "erreur")
                body += "<ul class=\"problems\">" + report.problems.map { "<li>\(HTML.escape(words.message($0)))</li>" }.joined() + "</ul>"
            }
        }
        body += """
        <p>\(HTML.escape(tr("Check the access log, its signed heads and checkpoints, and the vault's history.")))</p>
        <form method="post" action="/administration/verifier" class="verify">\(csrfField)
        <p><button type="submit">\(HTML.escape(tr("Verify the log")))</button></p>
        </form>
        """
        let status: HTTPResponse.Status = error?.0 ?? (report.map { $0.ok } == false ? .badRequest : .ok)
        return signedIn(tr("Verify the log"), body, status: status)
    }

    func verify() -> UIReply {
        guard let admin = session?.administrator else { return .redirect("/") }
        do {
            let report = try backend.vault.verify(as: .administrator(admin))
            if report.ok { try backend.vault.acceptCurrentHead() }
            return verificationPage(report: report)
        } catch {
            return verificationPage(report: nil, error: failure(error))
        }
    }

    /// A value for a query string: everything but letters and digits percent-encoded.
    static func queryValue(_ text: String) -> String {
        text.utf8.map { byte in
            let character = Character(Unicode.Scalar(byte))
            return byte < 0x80 && (character.isLetter || character.isNumber) ? String(character) : String(format: "%%%02X", byte)
        }.joined()
    }
}
