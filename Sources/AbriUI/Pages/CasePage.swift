import AbriVault

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
            body += Self.recordSection(record, index: index)
        }
        return signedIn(title, body)
    }

    /// One record: its general part (« Situation »), then its locating part (« Coordonnées »): shown, masked or withheld.
    static func recordSection(_ record: OpenedRecord, index: Int) -> String {
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
            html += "<h3>Pièces jointes</h3><ul>"
            for attachment in record.attachments {
                let part = attachment.compartment == .locating ? "avec les coordonnées" : "partie générale"
                html += "<li>\(HTML.escape(attachment.info.name)) (\(attachment.info.size) octets, \(part))</li>"
            }
            html += "</ul><p>Les pièces jointes s'enregistrent avec <code>abri open --attachments DOSSIER</code>.</p>"
        }
        return html + "</section>"
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
