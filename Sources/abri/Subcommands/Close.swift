import AbriVault
import ArgumentParser

/// `abri close`: starts a case's retention period.
struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Close a case you hold (or reopen it): its retention period starts from the last closing."),
        discussion: tr("""
        The administrator's `abri retention` shreds the cases closed longer ago than the retention rule \
        (five years by default).

        Example:
          abri close 7K2F… --as alice.identity
        Exit codes: 77 unknown case or no grant.
        """)
    )

    @Argument(help: ArgumentHelp(tr("The case id."), valueName: tr("case-id")))
    var caseID: String

    @Flag(name: .customLong("reopen"), help: ArgumentHelp(tr("Reopen a closed case instead.")))
    var reopen = false

    @OptionGroup var acting: PartnerOption

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        let id = try CaseID(parsing: caseID)
        let session = try options.memberSession(partner: acting.partner)
        try session.close(id, reopen: reopen)
        if output.json {
            try Output.json(["case": id.description, "state": reopen ? "open" : "closed"])
        } else {
            Output.say(reopen ? tr("Case %@ reopened.", id) : tr("Case %@ closed: it will be shredded when the retention rule says so.", id))
        }
    }
}

/// `abri retention`: apply the retention rule.
struct Retention: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Shred the cases closed longer ago than the retention rule (administrator)."),
        discussion: tr("""
        Lists what it will destroy and asks for confirmation (or --yes). The rule: cases closed more than \
        --years years ago (default 5) and not reopened since. Use --dry-run to only list them.

        Example:
          abri retention --years 5 --as admin.identity
        Exit codes: 77 not the administrator, 64 without a terminal and without --yes.
        """)
    )

    @Option(name: .customLong("years"), help: ArgumentHelp(tr("How many years after closing a case is kept.")))
    var years = 5

    @Flag(name: .customLong("dry-run"), help: ArgumentHelp(tr("List the cases, destroy nothing.")))
    var dryRun = false

    @Flag(name: .customLong("yes"), help: ArgumentHelp(tr("Do not ask for confirmation.")))
    var yes = false

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    struct RetentionJSON: Encodable {
        var years: Int
        var shredded: Bool
        var cases: [RetentionCandidate]
    }

    func validate() throws {
        guard years >= 0 else { throw ValidationError("--years must be zero or more") }
    }

    func run() throws {
        let session = try options.adminSession()
        session.progress = TerminalProgress()
        let candidates = try session.retentionCandidates(years: years)
        if !dryRun && !candidates.isEmpty {
            if !output.json {
                for candidate in candidates { Output.say("  \(candidate.case)  " + tr("closed %@", candidate.closed)) }
            }
            try Confirmation.require(Plural.tr(candidates.count, one: "Shred %@ case for good?", other: "Shred these %@ cases for good?"), yes: yes)
            try session.shred(try candidates.map { try CaseID(parsing: $0.case) })
        }
        if output.json {
            try Output.json(RetentionJSON(years: years, shredded: !dryRun && !candidates.isEmpty, cases: candidates))
        } else if candidates.isEmpty {
            Output.say(Plural.tr(years, one: "No case was closed more than %@ year ago: nothing to shred.",
                                 other: "No case was closed more than %@ years ago: nothing to shred."))
        } else if dryRun {
            for candidate in candidates { Output.result("\(candidate.case)\t" + tr("closed %@", candidate.closed)) }
            Output.say(Plural.tr(candidates.count, one: "%@ case would be shredded (run again without --dry-run to do it).",
                                 other: "%@ cases would be shredded (run again without --dry-run to do it)."))
        } else {
            Output.say(Plural.tr(candidates.count, one: "%@ case shredded: its keys are destroyed. Backups keep a copy until it expires.",
                                 other: "%@ cases shredded: their keys are destroyed. Backups keep a copy until they expire."))
        }
    }
}
