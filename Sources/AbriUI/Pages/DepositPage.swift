import AbriVault
import Foundation
import Hummingbird

extension UIState {
    /// The deposit form, built from the report schema: the general part (« Situation »), the locating part
    /// (« Coordonnées »), who receives what, and the consent.
    func depositPage(form: FormBody?, notice: String?, status: HTTPResponse.Status = .ok) -> UIReply {
        var body = notice.map { Page.notice($0, kind: "erreur") } ?? ""
        body += "<form method=\"post\" action=\"/deposer\" class=\"deposit\" enctype=\"multipart/form-data\">\(csrfField)"
        body += """
        <fieldset class="part general"><legend>Situation</legend>
        <p class="hint">Cette partie peut être transmise aux partenaires que vous choisissez. \
        N'y écrivez ni adresse, ni téléphone, ni courriel : ils vont dans « Coordonnées ».</p>
        """
        for field in ReportSchema.fields where field.name != "type" && field.templates.contains(.signalement) {
            body += DepositForm.control(field, prefix: "g", form: form)
        }
        body += DepositForm.files(id: "g.pieces", hint: "Des documents sans adresse ni téléphone, transmis avec la situation. "
                                  + "64 Mio au plus pour l'ensemble des pièces jointes du formulaire.")
        body += "</fieldset>"
        body += """
        <fieldset class="part locating"><legend>Coordonnées — jamais transmises au service locatif</legend>
        <p class="hint">Tout ce qui permet de trouver la victime. Seuls les partenaires pour lesquels vous cochez \
        « inclure les coordonnées » les reçoivent.</p>
        """
        for (name, summary) in ReportSchema.locatingFields where name != "nouvelleAdresse" {
            body += DepositForm.text(id: "l.\(name)", label: ReportLabels.label(name), hint: summary, value: form?["l.\(name)"],
                                     long: name == "notes")
        }
        body += DepositForm.files(id: "l.pieces", hint: "Tout document qui montre l'adresse (bail, quittance, courrier) : il reste "
                                  + "avec les coordonnées, et n'est transmis qu'aux partenaires qui les reçoivent.")
        body += "</fieldset>"
        body += recipientsFieldset(form)
        body += ConsentFields.html(form)
        body += "<p><button type=\"submit\">Déposer le signalement</button></p></form>"
        return signedIn("Déposer un signalement", body, status: status)
    }

    private func recipientsFieldset(_ form: FormBody?) -> String {
        let general = Set(form?.all("transmettre") ?? []), locating = Set(form?.all("coordonnees") ?? [])
        var html = """
        <fieldset class="recipients"><legend>Partenaires qui reçoivent ce signalement</legend>
        <p class="hint">Votre partenaire le lit toujours. Un partenaire qui ne reçoit jamais de coordonnées \
        (un service locatif) ne peut recevoir que la situation.</p>
        <table><thead><tr><th scope="col">Partenaire</th><th scope="col">Transmettre la situation</th>\
        <th scope="col">Inclure les coordonnées</th></tr></thead><tbody>
        """
        for (index, partner) in otherPartners().enumerated() {
            let name = HTML.escape(partner.name), id = HTML.escape(partner.id)
            let never = partner.neverLocating
            html += """
            <tr><th scope="row">\(name) <span class="id">(\(id))</span>\(never ? " <span class=\"never\">ne reçoit jamais de coordonnées</span>" : "")</th>\
            <td><input type="checkbox" id="to-\(index)" name="transmettre" value="\(id)"\(general.contains(partner.id) ? " checked" : "")>\
            <label for="to-\(index)">transmettre à \(name)</label></td>\
            <td><input type="checkbox" id="loc-\(index)" name="coordonnees" value="\(id)"\
            \(never ? " disabled" : "")\(locating.contains(partner.id) && !never ? " checked" : "")>\
            <label for="loc-\(index)">inclure les coordonnées pour \(name)</label></td></tr>
            """
        }
        return html + "</tbody></table></fieldset>"
    }

    func deposit(_ form: FormBody, files: [UploadedFile]) -> UIReply {
        guard let member = session?.member else { return .redirect("/") }
        // A form shown again has lost its files: a browser never fills a file input itself.
        let again = files.isEmpty ? "" : " Choisissez de nouveau les pièces jointes."
        let consent: Consent?
        switch ConsentFields.resolve(form) {
        case .success(let given): consent = given
        case .failure(let problem): return depositPage(form: form, notice: problem.sentence + again, status: .badRequest)
        }
        var attachments: [AttachmentSource] = []
        for file in files {
            switch file.field {
            case "g.pieces": attachments.append(AttachmentSource(name: file.name, contents: file.contents, compartment: .general))
            case "l.pieces": attachments.append(AttachmentSource(name: file.name, contents: file.contents, compartment: .locating))
            default:
                return depositPage(form: form, notice: "Ce formulaire n'est pas envoyé comme abri ui l'attend." + again, status: .badRequest)
            }
        }
        let locating = form.all("coordonnees")
        let recipients = Recipients(general: form.all("transmettre").filter { !locating.contains($0) }, locating: locating)
        do {
            let json = try JSONSerialization.data(withJSONObject: DepositForm.report(form), options: [.sortedKeys])
            let report = try Report(json: json, source: "the form", use: .newCase)
            guard let result = try member.deposit([report], attachments: attachments, recipients: recipients, consent: consent).first else {
                return depositPage(form: form, notice: words.message("internal error (please report it)"), status: .internalServerError)
            }
            let id = HTML.escape(result.caseID.description)
            let body = Page.notice(words.deposited(result), kind: "succes")
                + "<p><a href=\"/dossiers/\(id)\" id=\"dossier-depose\">Ouvrir le dossier \(id)</a> · "
                + "<a href=\"/deposer\">Déposer un autre signalement</a></p>"
            return signedIn("Signalement déposé", body)
        } catch {
            var (status, sentence) = failure(error)
            // The catalogue names the report's JSON key; the form's reader looks for a field.
            if sentence.contains("locating.notes") { sentence += ". Dans ce formulaire : le champ « Notes » des Coordonnées." }
            return depositPage(form: form, notice: sentence + again, status: status)
        }
    }
}

/// The deposit form's controls, made from the report schema's fields, and the report made from the form.
enum DepositForm {
    /// The control(s) of one field; an object's fields go in a fieldset of their own.
    static func control(_ field: ReportSchema.Field, prefix: String, form: FormBody?) -> String {
        let id = "\(prefix).\(field.name)"
        let label = ReportLabels.label(field.name)
        switch field.kind {
        case .text:
            return text(id: id, label: label, hint: field.summary, value: form?[id],
                        long: ["faits", "notes", "evaluation", "conclusions"].contains(field.name))
        case .integer, .countOrList:
            return """
            <p class="field"><label for="\(id)">\(HTML.escape(label))</label>\
            <span class="hint" id="\(id)-aide">\(HTML.escape(field.summary))</span>
            <input type="text" inputmode="numeric" id="\(id)" name="\(id)" value="\(HTML.escape(form?[id] ?? ""))" aria-describedby="\(id)-aide"></p>
            """
        case .boolean:
            return """
            <p class="field check"><input type="checkbox" id="\(id)" name="\(id)" value="oui"\(form?[id] == "oui" ? " checked" : "")>
            <label for="\(id)">\(HTML.escape(label)) : \(HTML.escape(field.summary))</label></p>
            """
        case .choice(let choices):
            let options = choices.map { choice in
                "<option value=\"\(HTML.escape(choice.value))\"\(form?[id] == choice.value ? " selected" : "")>\(HTML.escape(choice.value))</option>"
            }
            return """
            <p class="field"><label for="\(id)">\(HTML.escape(label))</label>
            <select id="\(id)" name="\(id)"><option value="">—</option>\(options.joined())</select></p>
            """
        case .choices(let choices):
            let chosen = Set(form?.all(id) ?? [])
            var html = "<fieldset class=\"choices\"><legend>\(HTML.escape(label))</legend>"
            for (index, choice) in choices.enumerated() {
                html += """
                <span class="check"><input type="checkbox" id="\(id)-\(index)" name="\(id)" value="\(HTML.escape(choice.value))"\
                \(chosen.contains(choice.value) ? " checked" : "")><label for="\(id)-\(index)">\(HTML.escape(choice.value))</label></span>
                """
            }
            return html + "</fieldset>"
        case .list:
            return text(id: id, label: label + " (une par ligne)", hint: field.summary, value: form?[id], long: true)
        case .object(let fields):
            var html = "<fieldset class=\"group\"><legend>\(HTML.escape(label))</legend>"
            for inner in fields { html += control(inner, prefix: id, form: form) }
            return html + "</fieldset>"
        }
    }

    /// A file input for attachments of one part; the files chosen are sent with the form and kept in memory.
    static func files(id: String, hint: String) -> String {
        """
        <p class="field"><label for="\(id)">Pièces jointes</label><span class="hint" id="\(id)-aide">\(HTML.escape(hint))</span>
        <input type="file" id="\(id)" name="\(id)" multiple aria-describedby="\(id)-aide"></p>
        """
    }

    static func text(id: String, label: String, hint: String, value: String?, long: Bool) -> String {
        let described = "<span class=\"hint\" id=\"\(id)-aide\">\(HTML.escape(hint))</span>"
        let input = long
            ? "<textarea id=\"\(id)\" name=\"\(id)\" rows=\"4\" aria-describedby=\"\(id)-aide\">\(HTML.escape(value ?? ""))</textarea>"
            : "<input type=\"text\" id=\"\(id)\" name=\"\(id)\" value=\"\(HTML.escape(value ?? ""))\" aria-describedby=\"\(id)-aide\">"
        return "<p class=\"field\"><label for=\"\(id)\">\(HTML.escape(label))</label>\(described)\n\(input)</p>"
    }

    /// The report as `abri deposit` reads it: the general fields by their schema names, `locating` apart. Empty
    /// fields are left out; what the schema checks (a number, an address in a general field) is left to `Report`,
    /// whose refusals are the CLI's.
    static func report(_ form: FormBody) -> [String: Any] {
        var report: [String: Any] = ["type": "signalement"]
        for field in ReportSchema.fields where field.name != "type" && field.templates.contains(.signalement) {
            if let value = value(field, id: "g.\(field.name)", form: form) { report[field.name] = value }
        }
        var locating: [String: Any] = [:]
        for (name, _) in ReportSchema.locatingFields {
            if let value = form.text("l.\(name)") { locating[name] = value }
        }
        if !locating.isEmpty { report["locating"] = locating }
        return report
    }

    private static func value(_ field: ReportSchema.Field, id: String, form: FormBody) -> Any? {
        switch field.kind {
        case .text, .choice:
            return form.text(id)
        case .integer, .countOrList:
            guard let text = form.text(id) else { return nil }
            return Int(text) ?? text
        case .boolean:
            return form[id] == "oui" ? true : nil
        case .choices:
            let chosen = form.all(id)
            return chosen.isEmpty ? nil : chosen
        case .list:
            let lines = (form[id] ?? "").split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            return lines.isEmpty ? nil : lines
        case .object(let fields):
            var object: [String: Any] = [:]
            for inner in fields {
                if let value = value(inner, id: "\(id).\(inner.name)", form: form) { object[inner.name] = value }
            }
            return object.isEmpty ? nil : object
        }
    }
}
