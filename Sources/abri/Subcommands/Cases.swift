import AbriVault
import ArgumentParser

/// `abri cases`: the cases your partner holds.
struct Cases: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("List the cases your partner holds, or find them by household reference."),
        discussion: tr("""
        The household reference is looked up through your partner's own blind index; it is never stored in clear.

        Example:
          abri cases --household FOH-2021-000123 --as ines.identity
        Exit codes: 77 not a member of a partner of this vault (or removed), 66 no vault.
        """)
    )

    @Option(name: .customLong("household"), help: ArgumentHelp(tr("Only the cases of this household reference."), valueName: tr("ref")))
    var household: String?

    @Flag(name: .customLong("closed"), help: ArgumentHelp(tr("Only the closed cases.")))
    var closed = false

    @Option(name: .customLong("since"), help: ArgumentHelp(tr("Only the cases active on or after this day (YYYY-MM-DD or DD/MM/YYYY)."),
                                                           valueName: tr("date")))
    var since: String?

    @OptionGroup var acting: PartnerOption

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        // A date is checked before any passphrase is asked.
        let sinceDay = try since.map { try Day(parsing: $0).description }
        try Precheck(options).member(partner: acting.partner)
        let session = try options.memberSession(partner: acting.partner, progress: TerminalProgress())
        let cases = try session.cases(household: household).filter { item in
            (!closed || item.closed) && (sinceDay.map { item.lastActivity >= $0 } ?? true)
        }
        if output.json {
            try Output.json(["cases": cases])
            return
        }
        // One line per case, the most recently active first: id, household, records, dates, status, consent, grants.
        for item in cases { Output.result(Self.fields(item).joined(separator: "\t")) }
        if cases.isEmpty {
            Output.say(household != nil ? tr("No case of yours for that household.")
                       : closed || since != nil ? tr("No case of yours matches.") : tr("Your partner holds no case yet."))
        }
    }

    /// The fields of one case as people read them (tab-separated by `abri cases`, spaced by `abri demo`).
    static func fields(_ item: CaseSummary) -> [String] {
        var fields = [Visible.text(item.case), item.household.isEmpty ? "-" : Visible.text(item.household),
                      Plural.tr(item.records, one: "%@ record", other: "%@ records")
                        + (item.types.isEmpty ? "" : " (" + item.types.map(Visible.text).joined(separator: ", ") + ")"),
                      tr("created %@", Human.day(item.created)),
                      tr("last activity %@", Human.day(item.lastActivity)),
                      item.closed ? tr("closed") : tr("open")]
        switch item.holding {
        case "own": fields.append(tr("your deposit"))
        case "without-consent": fields.append(tr("shared with you without consent"))
        default: fields.append(item.consentUntil.map { tr("consent until %@", Human.day($0)) } ?? tr("consent with no end date"))
        }
        if !item.grantedTo.isEmpty {
            fields.append(tr("shared with %@", item.grantedTo.map(Visible.text).joined(separator: ", ")))
        }
        return fields
    }
}
