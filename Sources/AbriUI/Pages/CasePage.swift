import AbriVault
import Hummingbird
import NIOCore

extension UIState {
    /// A case: its records, the locating parts masked until revealed with a purpose (`reveal`), and what the
    /// partner holds no grant on named as withheld.
    func casePage(_ text: String, reveal purpose: String?) -> UIReply {
        guard let member = session?.member else { return .redirect("/") }
        let title = "Dossier \(text)"
        if let purpose, purpose.isEmpty {
            return signedIn(title, Page.notice("Indiquez le motif de la consultation des coordonnées : le journal le garde.", kind: "erreur")
                            + "<p><a href=\"/dossiers/\(HTML.escape(text))\">Revenir au dossier</a></p>", status: .badRequest)
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
            body += Page.notice("Coordonnées révélées pour le motif « \(purpose) » ; cette consultation est inscrite au journal.", kind: "succes")
        }
        if let until = opened.consentUntil {
            body += "<p>Votre partenaire détient ce dossier sous un consentement qui prend fin après le \(HTML.escape(Dates.day(until))).</p>"
        }
        let masked = opened.records.contains { !$0.masked.isEmpty }
        if masked && purpose == nil {
            body += """
            <form method="post" action="/dossiers/\(HTML.escape(id))/reveler" class="reveal">\(csrfField)
            <p class="field"><label for="motif">Motif de la consultation des coordonnées (gardé au journal)</label>
            <input type="text" id="motif" name="motif" required maxlength="500" placeholder="préparation audience JAF"></p>
            <p><button type="submit">Révéler</button></p>
            </form>
            """
        }
        body += "<p class=\"actions\"><a href=\"/dossiers/\(HTML.escape(id))/partager\">Partager ce dossier</a> · "
            + "<a href=\"/journal?dossier=\(HTML.escape(id))\">Journal de ce dossier</a> · "
            + "<a href=\"/dossiers/\(HTML.escape(id))/retirer\">Retirer le consentement</a></p>"
        for (index, record) in opened.records.enumerated() {
            body += Self.recordSection(record, index: index, caseID: id, csrf: csrfField, purpose: purpose)
        }
        return signedIn(title, body)
    }

    /// One record: its general part (« Situation »), then its locating part (« Coordonnées »): shown, masked or withheld.
    /// Each attachment has its own small form: a POST with the session's token (never a link a page of another site
    /// could name), which carries the purpose of the reveal for a locating one.
    static func recordSection(_ record: OpenedRecord, index: Int, caseID: String, csrf: String, purpose: String?) -> String {
        var html = """
        <section class="record" aria-labelledby="fiche-\(index)">
        <h2 id="fiche-\(index)">\(HTML.escape(record.type)) · \(HTML.escape(Dates.time(record.createdAt))) · par \(HTML.escape(record.author))</h2>
        <h3>Situation</h3>
        """
        html += definitionList(record.general.filter { $0.key != "type" })
        html += "<div class=\"locating\"><h3>Coordonnées</h3>"
        if let locating = record.locating {
            html += definitionList(locating)
        } else if !record.masked.isEmpty {
            html += "<p class=\"masked\">Masquées. Révélez-les avec un motif ; la consultation est inscrite au journal.</p>"
        } else if !record.withheld.isEmpty {
            html += "<p class=\"withheld\">Retenues : votre partenaire n'a reçu aucune clé des coordonnées de cette fiche.</p>"
        } else {
            html += "<p>Cette fiche n'a pas de coordonnées.</p>"
        }
        html += "</div>"
        if !record.attachments.isEmpty {
            html += "<h3>Pièces jointes</h3><ul class=\"attachments\">"
            for attachment in record.attachments {
                let locating = attachment.compartment == .locating
                let part = locating ? "avec les coordonnées" : "partie générale"
                let name = HTML.escape(attachment.info.name)
                html += """
                <li><form method="post" action="/dossiers/\(HTML.escape(caseID))/piece" class="attachment">\(csrf)\
                <input type="hidden" name="fiche" value="\(HTML.escape(record.id))">\
                <input type="hidden" name="partie" value="\(locating ? "coordonnees" : "situation")">\
                <input type="hidden" name="numero" value="\(attachment.info.index)">\
                \(locating ? "<input type=\"hidden\" name=\"motif\" value=\"\(HTML.escape(purpose ?? ""))\">" : "")\
                <button type="submit">Télécharger \(name)</button> (\(attachment.info.size) octets, \(part))</form></li>
                """
            }
            html += "</ul>"
            if !record.masked.isEmpty {
                html += "<p class=\"masked\">Les pièces jointes des coordonnées apparaissent une fois les coordonnées révélées.</p>"
            }
        }
        return html + "</section>"
    }

    /// One attachment, decrypted in this process's memory and sent as a download: logged as `abri open
    /// --attachments` logs it (with the reveal and its purpose for a locating one), and never written to disk.
    func download(_ text: String, form: FormBody) -> UIReply {
        guard let member = session?.member else { return .redirect("/") }
        let title = "Dossier \(text)"
        let back = "<p><a href=\"/dossiers/\(HTML.escape(text))\">Revenir au dossier</a></p>"
        let compartment: Compartment? = switch form["partie"] {
        case "situation": .general
        case "coordonnees": .locating
        default: nil
        }
        guard let record = form.text("fiche"), let compartment, let index = form["numero"].flatMap(Int.init), index >= 0 else {
            return signedIn(title, Page.notice("Cette pièce jointe n'est pas désignée comme abri ui l'attend.", kind: "erreur") + back,
                            status: .badRequest)
        }
        let purpose = form.text("motif")
        if compartment == .locating && purpose == nil {
            return signedIn(title, Page.notice("Indiquez le motif de la consultation des coordonnées : le journal le garde.", kind: "erreur")
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

    static func definitionList(_ fields: [String: JSONValue]) -> String {
        guard !fields.isEmpty else { return "<p>Rien.</p>" }
        var html = "<dl>"
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            html += "<dt>\(HTML.escape(ReportLabels.label(key)))</dt><dd>\(render(value))</dd>"
        }
        return html + "</dl>"
    }

    static func render(_ value: JSONValue) -> String {
        switch value {
        case .null: "—"
        case .bool(let flag): flag ? "oui" : "non"
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
        return signedIn("Retirer le consentement — dossier \(id)", """
        <form method="post" action="/dossiers/\(HTML.escape(id))/retirer">\(csrfField)
        <p class="field"><label for="retrait-partenaire">Partenaire qui perd ce qu'il a reçu sur ce dossier</label>
        <select id="retrait-partenaire" name="partenaire" required>\(options.joined())</select></p>
        <p class="field check"><input type="checkbox" id="retrait-confirme" name="confirme" value="oui" required>
        <label for="retrait-confirme">Je confirme : ce partenaire perd les clés du dossier (il garde ce qu'il a écrit).</label></p>
        <p><button type="submit">Retirer le consentement</button></p>
        </form>
        <p><a href="/dossiers/\(HTML.escape(id))">Revenir au dossier</a></p>
        """)
    }

    func withdraw(_ text: String, form: FormBody) -> UIReply {
        guard let member = session?.member else { return .redirect("/") }
        let title = "Dossier \(text)"
        guard let partner = form.text("partenaire"), form["confirme"] == "oui" else {
            return signedIn(title, Page.notice("Choisissez le partenaire et confirmez le retrait.", kind: "erreur"), status: .badRequest)
        }
        do {
            let id = try CaseID(parsing: text)
            try member.withdrawConsent(id, from: partner)
            return signedIn(title, Page.notice(words.withdrawn(id, partner), kind: "succes")
                            + "<p><a href=\"/dossiers/\(HTML.escape(id.description))\">Revenir au dossier</a></p>")
        } catch {
            let (status, sentence) = failure(error)
            return signedIn(title, Page.notice(sentence, kind: "erreur"), status: status)
        }
    }
}

/// French labels for the report schema's field names (and their English aliases); an unknown key is shown as written.
enum ReportLabels {
    static let labels: [String: String] = [
        "menage": "Ménage", "household": "Ménage", "autreMenage": "Autre ménage", "otherHousehold": "Autre ménage",
        "victime": "Victime", "victim": "Victime", "nom": "Nom", "name": "Nom", "anneeNaissance": "Année de naissance",
        "birthYear": "Année de naissance", "enfants": "Enfants", "children": "Enfants", "faits": "Faits", "facts": "Faits",
        "violences": "Violences", "datesDesFaits": "Dates des faits", "plainte": "Plainte", "deposee": "Déposée",
        "mainCourante": "Main courante", "date": "Date", "ordonnanceProtection": "Ordonnance de protection",
        "demandee": "Demandée", "delivree": "Délivrée", "finValidite": "Fin de validité", "danger": "Danger",
        "niveau": "Niveau", "urgence": "Urgence", "evaluation": "Évaluation", "besoins": "Besoins",
        "orientation": "Orientation", "qpv": "Quartier prioritaire (QPV)", "enqueteBailleur": "Enquête du bailleur",
        "ouverte": "Ouverte", "conclusions": "Conclusions", "objet": "Objet", "notes": "Notes",
        "adresse": "Adresse", "address": "Adresse", "telephone": "Téléphone", "phone": "Téléphone",
        "courriel": "Courriel", "email": "Courriel", "lieuDeTravail": "Lieu de travail", "ecole": "École",
        "codePostal": "Code postal", "ville": "Ville", "nouvelleAdresse": "Nouvelle adresse", "newAddress": "Nouvelle adresse",
    ]

    static func label(_ key: String) -> String { labels[key] ?? key }
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
