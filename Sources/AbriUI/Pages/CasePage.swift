import Foundation
import AbriVault
import Hummingbird
import NIOCore

extension UIState {
    /// A case: its records, the locating parts masked until revealed with a purpose (`reveal`), and what the
    /// partner holds no grant on named as withheld.
    func casePage(_ text: String, reveal purpose: String?) -> UIReply {
        guard let member = session?.member else { return .redirect("/") }
        let title = tr("Case %@", text)
        if let purpose, purpose.isEmpty {
            return signedIn(title, Page.notice(tr("Give the purpose of looking at the address: the log keeps it."), kind: "erreur")
                            + "<p><a href=\"/dossiers/\(HTML.escape(text))\">\(HTML.escape(tr("Back to the case")))</a></p>", status: .badRequest)
        }
        let opened: OpenedCase
        do {
            let id = try CaseID(parsing: text)
            opened = try member.open(id, reveal: purpose != nil, purpose: purpose)
        } catch {
            let (status, sentence) = failure(error)
            return signedIn(title, Page.notice(sentence, kind: "erreur"), status: status)
        }
        let id = opened.caseID.description
        var body = ""
        if let purpose {
            body += Page.notice(tr("Address revealed for the purpose « %@ »; this consultation is written in the log.", purpose), kind: "succes")
        }
        if let until = opened.consentUntil {
            body += "<p>\(HTML.escape(tr("Your partner holds this case under a consent that ends after %@.", Dates.day(until))))</p>"
        }
        let masked = opened.records.contains { !$0.masked.isEmpty }
        if masked && purpose == nil {
            body += """
            <form method="post" action="/dossiers/\(HTML.escape(id))/reveler" class="reveal">\(csrfField)
            <p class="field"><label for="motif">\(HTML.escape(tr("Purpose of looking at the address (kept in the log)")))</label>
            <input type="text" id="motif" name="motif" required maxlength="500" placeholder="\(HTML.escape(tr("hearing preparation")))"></p>
            <p><button type="submit">\(HTML.escape(tr("Reveal")))</button></p>
            </form>
            """
        }
        body += "<p class=\"actions\"><a href=\"/dossiers/\(HTML.escape(id))/partager\">\(HTML.escape(tr("Share this case")))</a> · "
            + "<a href=\"/journal?dossier=\(HTML.escape(id))\">\(HTML.escape(tr("Log of this case")))</a> · "
            + "<a href=\"/dossiers/\(HTML.escape(id))/retirer\">\(HTML.escape(tr("Withdraw consent")))</a></p>"
        for (index, record) in opened.records.enumerated() {
            body += recordSection(record, index: index, caseID: id, csrf: csrfField, purpose: purpose)
        }
        return signedIn(title, body)
    }

    /// One record: its general part (« Situation »), then its locating part (« Coordonnées »): shown, masked or withheld.
    /// Each attachment has its own small form: a POST with the session's token (never a link a page of another site
    /// could name), which carries the purpose of the reveal for a locating one.
    func recordSection(_ record: OpenedRecord, index: Int, caseID: String, csrf: String, purpose: String?) -> String {
        var html = """
        <section class="record" aria-labelledby="fiche-\(index)">
        <h2 id="fiche-\(index)">\(HTML.escape(record.type)) · \(HTML.escape(Dates.time(record.createdAt))) · \(HTML.escape(tr("by %@", record.author)))</h2>
        <h3>\(HTML.escape(tr("Situation")))</h3>
        """
        html += definitionList(record.general.filter { $0.key != "type" })
        html += "<div class=\"locating\"><h3>\(HTML.escape(tr("Address and contact details")))</h3>"
        if let locating = record.locating {
            html += definitionList(locating)
        } else if !record.masked.isEmpty {
            html += "<p class=\"masked\">\(HTML.escape(tr("Masked. Reveal them with a purpose; the consultation is written in the log.")))</p>"
        } else if !record.withheld.isEmpty {
            html += "<p class=\"withheld\">\(HTML.escape(tr("Withheld: your partner received no key to this record's address and contact details.")))</p>"
        } else {
            html += "<p>\(HTML.escape(tr("This record has no address or contact details.")))</p>"
        }
        html += "</div>"
        if !record.attachments.isEmpty {
            html += "<h3>\(HTML.escape(tr("Attachments")))</h3><ul class=\"attachments\">"
            for attachment in record.attachments {
                let locating = attachment.compartment == .locating
                let part = locating ? tr("with the address") : tr("general part")
                let name = HTML.escape(attachment.info.name)
                html += """
                <li><form method="post" action="/dossiers/\(HTML.escape(caseID))/piece" class="attachment">\(csrf)\
                <input type="hidden" name="fiche" value="\(HTML.escape(record.id))">\
                <input type="hidden" name="partie" value="\(locating ? "coordonnees" : "situation")">\
                <input type="hidden" name="numero" value="\(attachment.info.index)">\
                \(locating ? "<input type=\"hidden\" name=\"motif\" value=\"\(HTML.escape(purpose ?? ""))\">" : "")\
                <button type="submit">\(HTML.escape(tr("Download %@", attachment.info.name)))</button> (\(HTML.escape(words.counted(Int(attachment.info.size), "%@ byte", "%@ bytes"))), \(HTML.escape(part)))</form></li>
                """
            }
            html += "</ul>"
            if !record.masked.isEmpty {
                html += "<p class=\"masked\">\(HTML.escape(tr("The attachments of the address and contact details show once they are revealed.")))</p>"
            }
        }
        return html + "</section>"
    }

    /// One attachment, decrypted in this process's memory and sent as a download: logged as `abri open
    /// --attachments` logs it (with the reveal and its purpose for a locating one), and never written to disk.
    func download(_ text: String, form: FormBody) -> UIReply {
        guard let member = session?.member else { return .redirect("/") }
        let title = tr("Case %@", text)
        let back = "<p><a href=\"/dossiers/\(HTML.escape(text))\">\(HTML.escape(tr("Back to the case")))</a></p>"
        let compartment: Compartment? = switch form["partie"] {
        case "situation": .general
        case "coordonnees": .locating
        default: nil
        }
        guard let record = form.text("fiche"), let compartment, let index = form["numero"].flatMap(Int.init), index >= 0 else {
            return signedIn(title, Page.notice(tr("This attachment is not named the way abri ui expects."), kind: "erreur") + back,
                            status: .badRequest)
        }
        let purpose = form.text("motif")
        if compartment == .locating && purpose == nil {
            return signedIn(title, Page.notice(tr("Give the purpose of reading the address and contact details: the log keeps it."), kind: "erreur")
                            + back, status: .badRequest)
        }
        var bytes = ByteBuffer()
        do {
            let id = try CaseID(parsing: text)
            let info = try member.openAttachment(id, AttachmentChoice(record: record, compartment: compartment, index: index),
                                                 purpose: purpose) { segment in bytes.writeBytes(segment) }
            return UIReply(status: .ok, body: "", download: (bytes, Download.disposition(info.name)))
        } catch {
            // A failure after some segments: what was decrypted goes no further, and is wiped.
            bytes.withUnsafeMutableReadableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) }
            let (status, sentence) = failure(error)
            return signedIn(title, Page.notice(sentence, kind: "erreur") + back, status: status)
        }
    }

    func definitionList(_ fields: [String: JSONValue]) -> String {
        guard !fields.isEmpty else { return "<p>\(HTML.escape(tr("Nothing.")))</p>" }
        var html = "<dl>"
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            html += "<dt>\(HTML.escape(label(key)))</dt><dd>\(render(value))</dd>"
        }
        return html + "</dl>"
    }

    func render(_ value: JSONValue) -> String {
        switch value {
        case .null: "—"
        case .bool(let flag): HTML.escape(flag ? tr("yes") : tr("no"))
        case .integer(let number): String(number)
        case .number(let number): HTML.escape(String(number))
        case .string(let text): HTML.escape(text)
        case .array(let items): "<ul>" + items.map { "<li>\(render($0))</li>" }.joined() + "</ul>"
        case .object(let fields): definitionList(fields)
        }
    }

    /// Withdrawing consent: a partner of the roster (the page names no holder of the case), and a confirmation.
    func withdrawPage(_ id: String) -> UIReply {
        let options = otherPartners().map { "<option value=\"\(HTML.escape($0.id))\">\(HTML.escape($0.name)) (\(HTML.escape($0.id)))</option>" }
        return signedIn(tr("Withdraw consent — case %@", id), """
        <form method="post" action="/dossiers/\(HTML.escape(id))/retirer">\(csrfField)
        <p class="field"><label for="retrait-partenaire">\(HTML.escape(tr("Partner that loses what it received on this case")))</label>
        <select id="retrait-partenaire" name="partenaire" required>\(options.joined())</select></p>
        <p class="field check"><input type="checkbox" id="retrait-confirme" name="confirme" value="oui" required>
        <label for="retrait-confirme">\(HTML.escape(tr("I confirm: this partner loses the case's keys (it keeps what it wrote).")))</label></p>
        <p><button type="submit">\(HTML.escape(tr("Withdraw consent")))</button></p>
        </form>
        <p><a href="/dossiers/\(HTML.escape(id))">\(HTML.escape(tr("Back to the case")))</a></p>
        """)
    }

    func withdraw(_ text: String, form: FormBody) -> UIReply {
        guard let member = session?.member else { return .redirect("/") }
        let title = tr("Case %@", text)
        guard let partner = form.text("partenaire"), form["confirme"] == "oui" else {
            return signedIn(title, Page.notice(tr("Choose the partner and confirm the withdrawal."), kind: "erreur"), status: .badRequest)
        }
        do {
            let id = try CaseID(parsing: text)
            try member.withdrawConsent(id, from: partner)
            return signedIn(title, Page.notice(words.withdrawn(id, partner), kind: "succes")
                            + "<p><a href=\"/dossiers/\(HTML.escape(id.description))\">\(HTML.escape(tr("Back to the case")))</a></p>")
        } catch {
            let (status, sentence) = failure(error)
            return signedIn(title, Page.notice(sentence, kind: "erreur"), status: status)
        }
    }
}

extension UIState {
    /// The report schema's field names (and their English aliases) as readers call them; an unknown key as written.
    func label(_ key: String) -> String {
        let labels: [String: String] = [
            "menage": tr("Household"),
            "household": tr("Household"),
            "autreMenage": tr("Other household"),
            "otherHousehold": tr("Other household"),
            "victime": tr("Victim"),
            "victim": tr("Victim"),
            "nom": tr("Name"),
            "name": tr("Name"),
            "anneeNaissance": tr("Year of birth"),
            "birthYear": tr("Year of birth"),
            "enfants": tr("Children"),
            "children": tr("Children"),
            "faits": tr("Facts"),
            "facts": tr("Facts"),
            "violences": tr("Violence"),
            "datesDesFaits": tr("Dates of the facts"),
            "plainte": tr("Complaint"),
            "deposee": tr("Filed"),
            "mainCourante": tr("Police report (main courante)"),
            "date": tr("Date"),
            "ordonnanceProtection": tr("Protection order"),
            "demandee": tr("Requested"),
            "delivree": tr("Issued"),
            "finValidite": tr("End of validity"),
            "danger": tr("Danger"),
            "niveau": tr("Level"),
            "urgence": tr("Urgency"),
            "evaluation": tr("Assessment"),
            "besoins": tr("Needs"),
            "orientation": tr("Referral"),
            "qpv": tr("Priority neighbourhood (QPV)"),
            "enqueteBailleur": tr("Landlord's inquiry"),
            "ouverte": tr("Opened"),
            "conclusions": tr("Conclusions"),
            "objet": tr("Subject"),
            "notes": tr("Notes"),
            "adresse": tr("Address"),
            "address": tr("Address"),
            "telephone": tr("Phone"),
            "phone": tr("Phone"),
            "courriel": tr("Email"),
            "email": tr("Email"),
            "lieuDeTravail": tr("Workplace"),
            "ecole": tr("School"),
            "codePostal": tr("Postcode"),
            "ville": tr("Town"),
            "nouvelleAdresse": tr("New address"),
            "newAddress": tr("New address"),
        ]
        return labels[key] ?? key
    }
}

/// The `Content-Disposition` of a download: the name as sealed, cleaned of any path, control or format character and
/// leading dot, given twice (RFC 6266): plain ASCII in quotes, and whole in UTF-8, percent-encoded.
enum Download {
    static func disposition(_ name: String) -> String {
        var cleaned = String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
            HTML.hidden(scalar) || scalar == "/" || scalar == "\\" ? "_" : scalar
        }))
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        cleaned = String(cleaned.prefix(200))
        if cleaned.trimmingWhitespace().isEmpty { cleaned = "piece-jointe" }
        let ascii = String(String.UnicodeScalarView(cleaned.unicodeScalars.map { scalar in
            scalar.isASCII && scalar != "\"" && scalar != "%" ? scalar : "_"
        }))
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)
        let encoded = cleaned.utf8.map { unreserved.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
