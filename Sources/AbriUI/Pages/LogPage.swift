import AbriVault

extension UIState {
    /// The access log as `abri log` shows it to this partner: its own actions, the grants it made or received,
    /// the actions of the partners it granted; for one case when `caseID` is given.
    /// With `household`, that household's access extract (`abri log --household`): the consultations of its
    /// records that this partner holds, and never a case that holds a locating part.
    func logPage(caseID text: String?, household: String?) -> UIReply {
        guard let member = session?.member else { return .redirect("/") }
        let title = text.map { "Journal du dossier \($0)" } ?? household.map { "Consultations du ménage \($0)" } ?? "Journal"
        var body = """
        <form method="get" action="/journal" class="search" role="search">
        <p class="field"><label for="journal-menage">Extrait des consultations pour un ménage (droit d'accès)</label>
        <input type="search" id="journal-menage" name="menage" value="\(HTML.escape(household ?? ""))" placeholder="FOH-2019-000777"></p>
        <p><button type="submit">Extraire</button></p>
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
        <table><caption>\(lines.count) entrée\(lines.count > 1 ? "s" : "")</caption><thead><tr><th scope="col">N°</th>\
        <th scope="col">Date</th><th scope="col">Action</th><th scope="col">Qui</th><th scope="col">Dossier</th>\
        <th scope="col">Partenaire</th><th scope="col">Motif</th><th scope="col">Consentement</th></tr></thead><tbody>
        """
        for line in lines {
            let consent = line.consent.map { (line.consentKind == "without-consent" ? "sans consentement : " : "") + $0 } ?? ""
            body += """
            <tr><td>\(line.seq)</td><td>\(HTML.escape(Dates.time(line.at)))</td><td>\(HTML.escape(words.action(line.action)))</td>\
            <td>\(HTML.escape(line.actor))</td><td>\(HTML.escape(line.case ?? ""))</td><td>\(HTML.escape(line.partner ?? ""))</td>\
            <td>\(HTML.escape(line.purpose ?? ""))</td><td>\(HTML.escape(consent))</td></tr>
            """
        }
        return signedIn(title, body + "</tbody></table>")
    }
}
