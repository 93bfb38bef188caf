import AbriVault

extension UIState {
    /// The cases the partner holds, or those of one household reference (found through the partner's blind index).
    /// `status` is `ouverts` or `clos`; `since` a day (YYYY-MM-DD or DD/MM/YYYY): the cases active on or after it.
    func caseList(household: String?, status: String?, since: String?) -> UIReply {
        guard let member = session?.member else { return .redirect("/") }
        let selected = { (value: String) in status == value ? " selected" : "" }
        var body = """
        <form method="get" action="/dossiers" class="search" role="search">
        <p class="field"><label for="menage">\(HTML.escape(tr("Household reference")))</label>
        <input type="search" id="menage" name="menage" value="\(HTML.escape(household ?? ""))" placeholder="FOH-2021-000123"></p>
        <p class="field"><label for="etat">\(HTML.escape(tr("State")))</label>
        <select id="etat" name="etat"><option value="">\(HTML.escape(tr("all")))</option><option value="ouverts"\(selected("ouverts"))>\(HTML.escape(tr("open cases")))</option>\
        <option value="clos"\(selected("clos"))>\(HTML.escape(tr("closed cases")))</option></select></p>
        <p class="field"><label for="depuis">\(HTML.escape(tr("Active since")))</label>
        <input type="date" id="depuis" name="depuis" value="\(HTML.escape(since ?? ""))"></p>
        <p><button type="submit">\(HTML.escape(tr("Search")))</button></p>
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
            return signedIn(tr("Cases"), body + Page.notice(sentence, kind: "erreur"), status: status)
        }
        if cases.isEmpty {
            let english = household != nil ? "No case of yours for that household."
                : status != nil || since != nil ? "No case of yours matches." : "Your partner holds no case yet."
            body += "<p>\(HTML.escape(words.message(english)))</p>"
            return signedIn(tr("Cases"), body)
        }
        body += """
        <table><caption>\(HTML.escape(household.map { tr("%@ of household %@", words.cases(cases.count), $0) } ?? words.cases(cases.count)))</caption>
        <thead><tr><th scope="col">\(HTML.escape(tr("Case")))</th><th scope="col">\(HTML.escape(tr("Household")))</th>\
        <th scope="col">\(HTML.escape(tr("Records")))</th><th scope="col">\(HTML.escape(tr("Created")))</th>\
        <th scope="col">\(HTML.escape(tr("Last activity")))</th><th scope="col">\(HTML.escape(tr("State")))</th>\
        <th scope="col">\(HTML.escape(tr("Holding")))</th></tr></thead><tbody>
        """
        for item in cases {
            let holding: String
            switch item.holding {
            case "own": holding = tr("your deposit")
            case "without-consent": holding = tr("shared with you without consent")
            default: holding = item.consentUntil.map { tr("consent until %@", Dates.day($0)) } ?? tr("consent with no end date")
            }
            body += """
            <tr><td><a href="/dossiers/\(HTML.escape(item.case))">\(HTML.escape(item.case))</a></td>\
            <td>\(HTML.escape(item.household.isEmpty ? "—" : item.household))</td>\
            <td>\(item.records)\(item.types.isEmpty ? "" : " (" + HTML.escape(item.types.joined(separator: ", ")) + ")")</td>\
            <td>\(HTML.escape(Dates.day(item.created)))</td><td>\(HTML.escape(Dates.day(item.lastActivity)))</td>\
            <td>\(HTML.escape(item.closed ? tr("closed") : tr("open")))</td><td>\(HTML.escape(holding))</td></tr>
            """
        }
        body += "</tbody></table>"
        return signedIn(tr("Cases"), body)
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
