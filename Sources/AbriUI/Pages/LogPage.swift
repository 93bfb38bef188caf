import AbriVault

extension UIState {
    /// The access log as `abri log` shows it to this partner: its own actions, the grants it made or received,
    /// the actions of the partners it granted; for one case when `caseID` is given.
    /// With `household`, that household's access extract (`abri log --household`): the consultations of its
    /// records that this partner holds, and never a case that holds a locating part.
    func logPage(caseID text: String?, household: String?) -> UIReply {
        guard let member = session?.member else { return .redirect("/") }
        let title = text.map { tr("Log of case %@", $0) } ?? household.map { tr("Consultations of household %@", $0) } ?? tr("Log")
        var body = """
        <form method="get" action="/journal" class="search" role="search">
        <p class="field"><label for="journal-menage">\(HTML.escape(tr("Extract of the consultations for a household (right of access)")))</label>
        <input type="search" id="journal-menage" name="menage" value="\(HTML.escape(household ?? ""))" placeholder="FOH-2019-000777"></p>
        <p><button type="submit">\(HTML.escape(tr("Extract")))</button></p>
        </form>
        """
        let lines: [LogLine]
        do {
            if let household, text == nil {
                lines = try member.householdLog(household)
            } else {
                lines = try member.log(case: try text.map { try CaseID(parsing: $0) })
            }
        } catch {
            let (status, sentence) = failure(error)
            return signedIn(title, body + Page.notice(sentence, kind: "erreur"), status: status)
        }
        guard !lines.isEmpty else { return signedIn(title, body + "<p>\(HTML.escape(words.message("No entry to show.")))</p>") }
        body += """
        <table><caption>\(HTML.escape(words.entries(lines.count)))</caption><thead><tr><th scope="col">\(HTML.escape(tr("No.")))</th>\
        <th scope="col">\(HTML.escape(tr("Date")))</th><th scope="col">\(HTML.escape(tr("Action")))</th><th scope="col">\(HTML.escape(tr("Who")))</th>\
        <th scope="col">\(HTML.escape(tr("Case")))</th><th scope="col">\(HTML.escape(tr("Partner")))</th><th scope="col">\(HTML.escape(tr("Purpose")))</th>\
        <th scope="col">\(HTML.escape(tr("Consent")))</th></tr></thead><tbody>
        """
        for line in lines {
            let consent = line.consent.map { (line.consentKind == "without-consent" ? tr("without consent: %@", $0) : $0) } ?? ""
            body += """
            <tr><td>\(line.seq)</td><td>\(HTML.escape(Dates.time(line.at)))</td><td>\(HTML.escape(words.action(line.action)))</td>\
            <td>\(HTML.escape(line.actor))</td><td>\(HTML.escape(line.case ?? ""))</td><td>\(HTML.escape(line.partner ?? ""))</td>\
            <td>\(HTML.escape(line.purpose ?? ""))</td><td>\(HTML.escape(consent))</td></tr>
            """
        }
        return signedIn(title, body + "</tbody></table>")
    }
}
