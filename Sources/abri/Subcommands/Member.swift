import AbriVault
import ArgumentParser

/// `abri member`: the people of a partner.
struct MemberCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "member",
        abstract: tr("Enrol and remove the people of a partner (administrator)."),
        discussion: tr("""
        Example:
          abri member add cidff-62 --identity abri1… --name "Inès" --as admin.identity
        Exit codes: 77 when not the administrator (see each subcommand's --help).
        """),
        subcommands: [MemberAdd.self, MemberRemove.self]
    )
}

struct MemberAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: tr("Enrol a person in a partner from their public identity."),
        discussion: tr("""
        The partner's keys get a new generation sealed to its current members; a member who already held the \
        partner's cases re-seals them at their next command, after which the newcomer reads them too.

        Example:
          abri member add cidff-62 --identity abri1… --name "Inès" --as admin.identity
        Exit codes: 65 for a mistyped public identity, 64 for a name already used in the partner, 77 when not the administrator.
        """)
    )

    @Argument(help: ArgumentHelp("The partner's id.", valueName: "partner"))
    var partner: String

    @Option(name: .customLong("identity"), help: ArgumentHelp("The person's public identity line.", valueName: "public-identity"))
    var identity: String

    @Option(name: .customLong("name"), help: "The person's name, unique within the partner.")
    var name: String

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        let publicIdentity = try PublicIdentity(parsing: identity)
        let session = try options.adminSession()
        try session.addMember(partner: partner, identity: publicIdentity, name: name)
        if output.json {
            try Output.json(["partner": partner, "member": name])
        } else {
            Output.say(tr("%@ is now a member of %@.", name, partner))
        }
    }
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

    @Argument(help: ArgumentHelp("The partner's id.", valueName: "partner"))
    var partner: String

    @Argument(help: ArgumentHelp("The member's name.", valueName: "name"))
    var name: String

    @Flag(name: .customLong("yes"), help: "Do not ask for confirmation.")
    var yes = false

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        let session = try options.adminSession()
        try Confirmation.require(tr("Remove %@ from %@?", name, partner), yes: yes)
        try session.removeMember(partner: partner, name: name)
        if output.json {
            try Output.json(["partner": partner, "removed": name])
        } else {
            Output.say(tr("%@ was removed from %@; their identity is refused from now on. The partner's next command re-seals its grants.", name, partner))
        }
    }
}
