import AbriVault
import ArgumentParser

/// `abri consent`: the victim's consent to sharing.
struct ConsentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent",
        abstract: tr("Withdraw a consent: destroy a partner's grants on a case."),
        discussion: tr("""
        Example:
          abri consent withdraw 7K2F… --from bailleur-b --yes --as alice.identity
        Exit codes: 77 not permitted, 64 without a terminal and without --yes (see `abri consent withdraw --help`).
        """),
        subcommands: [ConsentWithdraw.self]
    )
}

struct ConsentWithdraw: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: tr("Destroy a partner's grants on a case, at once."),
        discussion: tr("""
        Run by the partner that shared, the depositor's partner, or the administrator. The partner's members get \
        77 on open afterwards; the other partners keep their access. A partner that wrote records of the case \
        keeps them.

        Example:
          abri consent withdraw 7K2F… --from bailleur-b --yes --as alice.identity
        Exit codes: 77 not permitted or the last holder of a record, 64 without a terminal and without --yes.
        """)
    )

    @Argument(help: ArgumentHelp(tr("The case id."), valueName: tr("case-id")))
    var caseID: String

    @Option(name: .customLong("from"), help: ArgumentHelp(tr("The partner whose grants go."), valueName: tr("partner")))
    var from: String

    @Flag(name: .customLong("yes"), help: ArgumentHelp(tr("Do not ask for confirmation.")))
    var yes = false

    @OptionGroup var acting: PartnerOption

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    struct WithdrawJSON: Encodable {
        var `case`: String
        var partner: String
        var status: String
    }

    func run() throws {
        let id = try CaseID(parsing: caseID)
        let precheck = try Precheck(options)
        try precheck.partnerExists(from)
        let vault = try options.openVault()
        if try options.actsAsAdministrator(vault) {
            let session = try options.adminSession(vault: vault)
            try Confirmation.require(tr("Destroy %@'s grants on case %@?", from, id), yes: yes)
            try session.withdrawConsent(id, from: from)
        } else {
            try precheck.member(partner: acting.partner)
            let session = ApprovalNotice.track(MemberSession(vault: vault, identity: try options.unlockIdentity(), partner: acting.partner))
            try options.pullFromHub(vault)
            try Confirmation.require(tr("Destroy %@'s grants on case %@?", from, id), yes: yes)
            try session.withdrawConsent(id, from: from)
        }
        if output.json {
            try Output.json(WithdrawJSON(case: id.description, partner: from, status: "sent"))
        } else {
            Output.say(tr("Consent withdrawn: %@ loses what it was granted on case %@ at its next command, and keeps what it wrote.", from, id))
        }
    }
}
