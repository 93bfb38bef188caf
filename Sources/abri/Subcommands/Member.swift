import AbriVault
import ArgumentParser
import Foundation

/// `abri member`: the people of a partner.
struct MemberCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "member",
        abstract: tr("Enrol, approve and remove the people of a partner."),
        discussion: tr("""
        The administrator enrols and removes people; a member of the same partner approves each newcomer.

        Example:
          abri member add cidff-62 --identity abri1… --name "Inès" --as admin.identity
          abri member approve cidff-62 "Inès" --as chloe.identity
        Exit codes: 77 when not permitted (see each subcommand's --help).
        """),
        subcommands: [MemberAdd.self, MemberApprove.self, MemberRemove.self]
    )
}

struct MemberAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: tr("Enrol a person in a partner from their public identity (administrator)."),
        discussion: tr("""
        The first member of a new partner receives its keys at once. Anyone enrolled later receives no key until \
        a member of the same partner compares their fingerprint and runs `abri member approve`.

        Example:
          abri member add cidff-62 --identity abri1… --name "Inès" --as admin.identity
        Exit codes: 65 for a mistyped public identity, 64 for a name already used in the partner, 77 when not the \
        administrator, for an identity already in another partner (without --also-member-of-another-partner), and \
        always for one partner that never receives locating parts and one that does.
        """)
    )

    @Argument(help: ArgumentHelp(tr("The partner's id."), valueName: tr("partner")))
    var partner: String

    @Option(name: .customLong("identity"), help: ArgumentHelp(tr("The person's public identity line."), valueName: tr("public-identity")))
    var identity: String

    @Option(name: .customLong("name"), help: ArgumentHelp(tr("The person's name, unique within the partner.")))
    var name: String

    @Flag(name: .customLong("also-member-of-another-partner"),
          help: ArgumentHelp(tr("Allow an identity that is already a member of another partner.")))
    var alsoMemberOfAnotherPartner = false

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        let publicIdentity = try PublicIdentity(parsing: identity)
        let vault = try options.openVault()
        let session = try options.adminSession(vault: vault)
        try session.addMember(partner: partner, identity: publicIdentity, name: name,
                              alsoMemberOfAnotherPartner: alsoMemberOfAnotherPartner)
        let waiting = try vault.awaitingApproval()[partner]?.contains { $0.identity == publicIdentity.line } ?? false
        if output.json {
            try Output.json(["partner": partner, "member": name, "status": waiting ? "pending" : "approved"])
        } else if waiting {
            Output.say(tr("%@ is enrolled in %@ and holds no key yet: a member of %@ compares the fingerprint %@ with them, then runs `abri member approve %@ %@`.",
                          name, partner, partner, publicIdentity.fingerprint, partner, name))
        } else {
            Output.say(tr("%@ is now a member of %@.", name, partner))
        }
    }
}

struct MemberApprove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: tr("Approve a newcomer of your partner: their keys are sealed to them at once."),
        discussion: tr("""
        Shows the newcomer's name and the fingerprint of the public identity the administrator enrolled. Compare \
        it, by phone or in person, with the one the newcomer reads from `abri identity show --fingerprint`: only \
        then confirm. \
        The partner's keys are renewed for its approved members and the newcomer, and every grant is re-sealed, \
        so the newcomer reads the partner's cases at once.

        Example:
          abri member approve cidff-62 "Inès" --as chloe.identity
        Exit codes: 77 when you are not an approved member of that partner (the administrator included), 64 for \
        nobody of that name waiting, or without a terminal and without --yes.
        """)
    )

    @Argument(help: ArgumentHelp(tr("The partner's id."), valueName: tr("partner")))
    var partner: String

    @Argument(help: ArgumentHelp(tr("The newcomer's name."), valueName: tr("name")))
    var name: String

    @Flag(name: .customLong("yes"), help: ArgumentHelp(tr("Do not ask for confirmation.")))
    var yes = false

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        let session = try options.memberSession(partner: partner, progress: TerminalProgress())
        let newcomer = try session.newcomer(named: name)
        let shown = tr("%@ (%@), fingerprint %@. Compare it with the one they read from `abri identity show --fingerprint`.",
                       newcomer.name, newcomer.partner, newcomer.fingerprint)
        // On a terminal the question carries the fingerprint; with --yes it is said on stderr, for the record.
        if yes { Output.say(shown) }
        try Confirmation.require(shown + "\n" + tr("Approve %@ and seal %@'s keys to them?", newcomer.name, newcomer.partner), yes: yes)
        let started = Date()
        let (grants, generation) = try session.approve(newcomer)
        if output.json {
            try Output.json(MemberApproveJSON(partner: newcomer.partner, approved: newcomer.name, fingerprint: newcomer.fingerprint,
                                              generation: generation, grants: grants,
                                              seconds: Date().timeIntervalSince(started)))
        } else {
            Output.say(tr("%@ is approved at %@: generation %@, %@; they read the partner's cases now.",
                          newcomer.name, newcomer.partner, generation,
                          Plural.tr(grants, one: "%@ grant re-sealed", other: "%@ grants re-sealed")))
        }
    }
}

struct MemberApproveJSON: Encodable {
    var partner: String
    var approved: String
    var fingerprint: String
    var generation: Int
    var grants: Int
    var seconds: Double
}

struct MemberRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: tr("Remove a person who leaves: refused at once, and the partner's keys renewed."),
        discussion: tr("""
        The removed identity is refused by every command from now on; the partner's remaining members re-seal \
        its grants to a new generation at their next command, after which the old keys open nothing.

        Example:
          abri member remove cidff-62 "Inès" --yes --as admin.identity
        Exit codes: 77 for the last member of a partner that holds cases, 64 without a terminal and without --yes.
        """)
    )

    @Argument(help: ArgumentHelp(tr("The partner's id."), valueName: tr("partner")))
    var partner: String

    @Argument(help: ArgumentHelp(tr("The member's name."), valueName: tr("name")))
    var name: String

    @Flag(name: .customLong("yes"), help: ArgumentHelp(tr("Do not ask for confirmation.")))
    var yes = false

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        // Who may be removed is in the public roster: refused before the passphrase and the question.
        let vault = try options.openVault()
        try Precheck.administrator(options, vault)
        try vault.checkMemberRemoval(partner: partner, name: name)
        let session = try options.adminSession(vault: vault)
        try Confirmation.require(tr("Remove %@ from %@?", name, partner), yes: yes)
        try session.removeMember(partner: partner, name: name)
        if output.json {
            try Output.json(["partner": partner, "removed": name])
        } else {
            Output.say(tr("%@ was removed from %@; their identity is refused from now on. The partner's next command re-seals its grants.", name, partner))
        }
    }
}
