import AbriVault

extension UIState {
    /// The cases the partner holds, or those of one household reference (found through the partner's blind index).
    /// `status` is `ouverts` or `clos`; `since` a day (YYYY-MM-DD or DD/MM/YYYY): the cases active on or after it.
    func caseList(household: String?, status: String?, since: String?) -> UIReply {
        guard let member = session?.member else { return .redirect("/") }
        let selected = { (value: String) in status == value ? " selected" : "" }
        var body = """
        <form method="get" action="/dossiers" class="search" role="search">
        <p class="field"><label for="menage">Référence du ménage</label>
        <input type="search" id="menage" name="menage" value="\(HTML.escape(household ?? ""))" placeholder="FOH-2021-000123"></p>
        <p class="field"><label for="etat">État</label>
        <select id="etat" name="etat"><option value="">tous</option><option value="ouverts"\(selected("ouverts"))>ouverts</option>\
        <option value="clos"\(selected("clos"))>clos</option></select></p>
        <p class="field"><label for="depuis">Actifs depuis le</label>
        <input type="date" id="depuis" name="depuis" value="\(HTML.escape(since ?? ""))"></p>
        <p><button type="submit">Rechercher</button></p>
        </form>
        """
        let cases: [CaseSummary]
        do {
            let sinceDay = try since.map { try Day(parsing: $0).description }
            cases = try member.cases(household: household).filter { item in
                (status != "clos" || item.closed) && (status != "ouverts" || !item.closed)
                    && (sinceDay.map { item.lastActivity >= $0 } ?? true)
            }
        } catch {
            let (status, sentence) = failure(error)
            return signedIn("Dossiers", body + Page.notice(sentence, kind: "erreur"), status: status)
        }
        if cases.isEmpty {
            let english = household != nil ? "No case of yours for that household."
                : status != nil || since != nil ? "No case of yours matches." : "Your partner holds no case yet."
            body += "<p>\(HTML.escape(words.message(english)))</p>"
            return signedIn("Dossiers", body)
        }
        body += """
        <table><caption>\(cases.count) dossier\(cases.count > 1 ? "s" : "")\(household.map { " du ménage " + HTML.escape($0) } ?? "")</caption>
        <thead><tr><th scope="col">Dossier</th><th scope="col">Ménage</th><th scope="col">Fiches</th><th scope="col">Créé le</th>\
        <th scope="col">Dernière activité</th><th scope="col">État</th><th scope="col">Détention</th></tr></thead><tbody>
        """
        for item in cases {
            let holding: String
            switch item.holding {
            case "own": holding = "votre dépôt"
            case "without-consent": holding = "partagé avec vous sans consentement"
            default: holding = item.consentUntil.map { "consentement jusqu'au \(Dates.day($0))" } ?? "consentement sans date de fin"
            }
            body += """
            <tr><td><a href="/dossiers/\(HTML.escape(item.case))">\(HTML.escape(item.case))</a></td>\
            <td>\(HTML.escape(item.household.isEmpty ? "—" : item.household))</td>\
            <td>\(item.records)\(item.types.isEmpty ? "" : " (" + HTML.escape(item.types.joined(separator: ", ")) + ")")</td>\
            <td>\(HTML.escape(Dates.day(item.created)))</td><td>\(HTML.escape(Dates.day(item.lastActivity)))</td>\
            <td>\(item.closed ? "clos" : "ouvert")</td><td>\(HTML.escape(holding))</td></tr>
            """
        }
        body += "</tbody></table>"
        return signedIn("Dossiers", body)
    }
}

/// Dates as French readers write them.
enum Dates {
    /// `2026-11-21` (or the start of a timestamp) as `21/11/2026`; anything else as it is.
    static func day(_ text: String) -> String {
        let parts = text.prefix(10).split(separator: "-")
        guard parts.count == 3 else { return text }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    /// `2026-11-21T10:00:00Z` as `21/11/2026 10:00 (UTC)`.
    static func time(_ text: String) -> String {
        guard text.count >= 16, let t = text.firstIndex(of: "T") else { return day(text) }
        return day(text) + " " + text[text.index(after: t)...].prefix(5) + " (UTC)"
    }
}
