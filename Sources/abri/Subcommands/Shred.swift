import AbriVault
import ArgumentParser

/// `abri shred`: crypto-shredding.
struct Shred: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Destroy every key of a case, and its records and attachments (administrator)."),
        discussion: tr("""
        Afterwards the case opens for no one; the log keeps that it was shredded, with no content. The vault file \
        keeps no copy (secure delete, WAL truncated, vacuum). Backups keep theirs until they expire.

        Example:
          abri shred 7K2F… --yes --as admin.identity
        Exit codes: 77 not the administrator or unknown case, 64 without a terminal and without --yes.
        """)
    )

    @Argument(help: ArgumentHelp(tr("The case id."), valueName: tr("case-id")))
    var caseID: String

    @Flag(name: .customLong("yes"), help: ArgumentHelp(tr("Do not ask for confirmation.")))
    var yes = false

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        let id = try CaseID(parsing: caseID)
        let vault = try options.openVault()
        try Precheck.administrator(options, vault)
        let session = try options.adminSession(vault: vault)
        session.progress = TerminalProgress()
        try Confirmation.require(tr("Destroy case %@ for everyone, for good?", id), yes: yes)
        try session.shred(id)
        if output.json {
            try Output.json(["shredded": id.description])
        } else {
            Output.say(tr("Case %@ shredded: its keys are destroyed and it opens for no one. Backups keep a copy until they expire.", id))
        }
    }
}
