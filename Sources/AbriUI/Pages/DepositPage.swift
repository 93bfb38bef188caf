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
        <fieldset class="part general"><legend>\(HTML.escape(tr("Situation")))</legend>
        <p class="hint">\(HTML.escape(tr("This part can be passed to the partners you choose. Write no address, phone or email in it: they go in « Address and contact details ».")))</p>
        """
        for field in ReportSchema.fields where field.name != "type" && field.templates.contains(.signalement) {
            body += control(field, prefix: "g", form: form)
        }
        body += DepositForm.files(id: "g.pieces", label: tr("Attachments"),
                                  hint: tr("Documents with no address or phone, passed with the situation. At most 64 MiB for all the form's attachments together."))
        body += "</fieldset>"
        body += """
        <fieldset class="part locating"><legend>\(HTML.escape(tr("Address and contact details — never passed to the tenancy unit")))</legend>
        <p class="hint">\(HTML.escape(tr("Everything that would let someone find the victim. Only the partners for which you tick « include the address » receive it.")))</p>
        """
        for (name, summary) in ReportSchema.locatingFields where name != "nouvelleAdresse" {
            body += DepositForm.text(id: "l.\(name)", label: label(name), hint: summary, value: form?["l.\(name)"],
                                     long: name == "notes")
        }
        body += DepositForm.files(id: "l.pieces", label: tr("Attachments"),
                                  hint: tr("Any document that shows the address (lease, rent receipt, letter): it stays with the address and contact details, and goes only to the partners that receive them."))
        body += "</fieldset>"
        body += recipientsFieldset(form)
        body += ConsentFields.html(form, tr: { self.tr($0) })
        body += "<p><button type=\"submit\">\(HTML.escape(tr("Deposit the report")))</button></p></form>"
        return signedIn(tr("Deposit a report"), body, status: status)
    }

    private func recipientsFieldset(_ form: FormBody?) -> String {
        let general = Set(form?.all("transmettre") ?? []), locating = Set(form?.all("coordonnees") ?? [])
        var html = """
        <fieldset class="recipients"><legend>\(HTML.escape(tr("Partners that receive this report")))</legend>
        <p class="hint">\(HTML.escape(tr("Your partner always reads it. A partner that never receives an address (a tenancy unit) can receive the situation only.")))</p>
        <table><thead><tr><th scope="col">\(HTML.escape(tr("Partner")))</th><th scope="col">\(HTML.escape(tr("Pass the situation")))</th>\
        <th scope="col">\(HTML.escape(tr("Include the address")))</th></tr></thead><tbody>
        """
        for (index, partner) in otherPartners().enumerated() {
            let name = HTML.escape(partner.name), id = HTML.escape(partner.id)
            let never = partner.neverLocating
            html += """
            <tr><th scope="row">\(name) <span class="id">(\(id))</span>\(never ? " <span class=\"never\">" + HTML.escape(tr("never receives an address")) + "</span>" : "")</th>\
            <td><input type="checkbox" id="to-\(index)" name="transmettre" value="\(id)"\(general.contains(partner.id) ? " checked" : "")>\
            <label for="to-\(index)">\(HTML.escape(tr("pass to %@", partner.name)))</label></td>\
            <td><input type="checkbox" id="loc-\(index)" name="coordonnees" value="\(id)"\
            \(never ? " disabled" : "")\(locating.contains(partner.id) && !never ? " checked" : "")>\
            <label for="loc-\(index)">\(HTML.escape(tr("include the address for %@", partner.name)))</label></td></tr>
            """
        }
        return html + "</tbody></table></fieldset>"
    }

    func deposit(_ form: FormBody, files: [UploadedFile]) -> UIReply {
        guard let member = session?.member else { return .redirect("/") }
        // A form shown again has lost its files: a browser never fills a file input itself.
        let again = files.isEmpty ? "" : " " + tr("Choose the attachments again.")
        let consent: Consent?
        switch ConsentFields.resolve(form, tr: { self.tr($0) }) {
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
                + "<p><a href=\"/dossiers/\(id)\" id=\"dossier-depose\">\(HTML.escape(tr("Open case %@", result.caseID)))</a> · "
                + "<a href=\"/deposer\">\(HTML.escape(tr("Deposit another report")))</a></p>"
            return signedIn(tr("Report deposited"), body)
        } catch {
            var (status, sentence) = failure(error)
            // The catalogue names the report's JSON key; the form's reader looks for a field.
            if sentence.contains("locating.notes") { sentence += tr(". In this form: the « Notes » field of the address and contact details.") }
            return depositPage(form: form, notice: sentence + again, status: status)
        }
    }
}

extension UIState {
    /// The control(s) of one field; an object's fields go in a fieldset of their own.
    func control(_ field: ReportSchema.Field, prefix: String, form: FormBody?) -> String {
        let id = "\(prefix).\(field.name)"
        let label = self.label(field.name)
        switch field.kind {
        case .text:
            return DepositForm.text(id: id, label: label, hint: field.summary, value: form?[id],
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
            return DepositForm.text(id: id, label: tr("%@ (one a line)", label), hint: field.summary, value: form?[id], long: true)
        case .object(let fields):
            var html = "<fieldset class=\"group\"><legend>\(HTML.escape(label))</legend>"
            for inner in fields { html += control(inner, prefix: id, form: form) }
            return html + "</fieldset>"
        }
    }
}

/// The deposit form's controls, made from the report schema's fields, and the report made from the form.
enum DepositForm {
    /// A file input for attachments of one part; the files chosen are sent with the form and kept in memory.
    static func files(id: String, label: String, hint: String) -> String {
        """
        <p class="field"><label for="\(id)">\(HTML.escape(label))</label><span class="hint" id="\(id)-aide">\(HTML.escape(hint))</span>
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
