import AbriVault
import ArgumentParser

/// `abri log`: the access log, as far as you may read it.
struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Show the access log entries you may read."),
        discussion: tr("""
        A member sees the entries of the cases their partner holds that concern it: its own actions, the grants \
        it made or received, and the actions of the partners it granted. The administrator sees roster \
        operations and, of every other entry, the action, the actor and the day. \
        --household gives a household's access extract (GDPR art. 15): the days and purposes of the \
        consultations of that household's own records, never a case that holds a locating part. \
        --without-consent (administrator) counts the shares made without consent, by partner and day.

        Example:
          abri log --case 7K2F… --as ines.identity
        Exit codes: 77 unknown case or no grant (the same answer for both), or --without-consent by someone other than the administrator.
        """)
    )

    @Option(name: .customLong("case"), help: ArgumentHelp(tr("Only this case."), valueName: tr("case")))
    var caseID: String?

    @Option(name: .customLong("household"), help: ArgumentHelp(tr("A household's access extract."), valueName: tr("ref")))
    var household: String?

    @Flag(name: .customLong("without-consent"), help: ArgumentHelp(tr("Only the shares made without consent (administrator).")))
    var withoutConsent = false

    @OptionGroup var acting: PartnerOption

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        let vault = try options.openVault()
        let id = try caseID.map { try CaseID(parsing: $0) }
        let lines: [LogLine]
        if try options.actsAsAdministrator(vault) {
            let session = try options.adminSession(vault: vault)
            if let household {
                lines = try session.householdLog(household)
            } else if withoutConsent {
                // The administrator reads how many shares each partner made without consent, by day; the partners
                // involved read the shares themselves.
                let counts = try session.dailyCounts(withoutConsentOnly: true)
                if output.json {
                    // The contract's shape keeps its `entries`: the administrator reads none of these shares.
                    try Output.json(WithoutConsentJSON(entries: [], counts: counts))
                    return
                }
                for count in counts { Output.result(Self.fields(count).joined(separator: "\t")) }
                if counts.isEmpty { Output.say(tr("No entry to show.")) }
                return
            } else {
                lines = try session.log(case: id)
            }
        } else {
            let session = ApprovalNotice.track(MemberSession(vault: vault, identity: try options.unlockIdentity(), partner: acting.partner))
            try options.pullFromHub(vault)
            if let household {
                lines = try session.householdLog(household)
            } else {
                lines = try session.log(case: id)
            }
        }
        if output.json {
            try Output.json(["entries": lines])
            return
        }
        for line in lines { Output.result(Self.fields(line).joined(separator: "\t")) }
        if lines.isEmpty { Output.say(tr("No entry to show.")) }
    }

    /// The fields of one entry as people read them (tab-separated by `abri log`, spaced by `abri demo`).
    static func fields(_ line: LogLine) -> [String] {
        var fields = [String(line.seq), Visible.text(Human.time(line.at)), Visible.text(Human.action(line.action)), Visible.text(line.actor)]
        if let item = line.case { fields.append(tr("case %@", Visible.text(item))) }
        if let partner = line.partner { fields.append(tr("partner %@", Visible.text(partner))) }
        if let purpose = line.purpose { fields.append(tr("purpose: %@", Visible.text(purpose))) }
        if let consent = line.consent {
            fields.append(tr("%@: %@", tr(Visible.text(line.consentKind ?? "consent")), Visible.text(consent)))
        }
        return fields
    }

    /// The fields of one daily count (day, partner, action, count) as people read them.
    static func fields(_ count: DailyCount) -> [String] {
        [Human.day(count.day), count.partner, Human.action(count.action), String(count.count)]
    }
}

/// `abri log --without-consent --json` for the administrator: counts by partner and day.
struct WithoutConsentJSON: Encodable {
    var entries: [LogLine]
    var counts: [DailyCount]
}
