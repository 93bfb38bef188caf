import AbriVault
import ArgumentParser

/// `abri vault`: the other vaults this vault exchanges bundles with.
struct VaultCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vault",
        abstract: tr("Pin and list the other vaults this vault exchanges bundles with."),
        discussion: tr("""
        A bundle is imported only from a vault whose administrator is pinned here, and exported only to one.

        Example:
          abri vault trust abri1… --name "CIDFF du Pas-de-Calais" --as admin.identity
        Exit codes: 77 when not the administrator (see each subcommand's --help).
        """),
        subcommands: [VaultTrust.self, VaultTrusted.self]
    )
}

struct VaultTrust: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: tr("Pin another vault's administrator (administrator)."),
        discussion: tr("""
        Ask the other vault's administrator for their public identity line (`abri identity show`) by a channel \
        you trust, and check it with them by voice. The pin goes into the signed roster: bundles from that vault \
        then import here, and your members export to it with --to-vault NAME. Both vaults pin each other.

        Example:
          abri vault trust abri1… --name cidff --as admin.identity
        Exit codes: 77 when not the administrator, 64 for a name or an administrator already pinned, 65 a mistyped line.
        """)
    )

    @Argument(help: ArgumentHelp(tr("The other vault's administrator's public identity line."), valueName: tr("public-identity")))
    var identity: String

    @Option(name: .customLong("name"), help: ArgumentHelp(tr("The name your members give with export --to-vault.")))
    var name: String

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        let publicIdentity = try PublicIdentity(parsing: identity)
        let session = try options.adminSession()
        try session.trustVault(admin: publicIdentity, name: name)
        if output.json {
            try Output.json(["vault": name, "admin": publicIdentity.line])
        } else {
            Output.say(tr("Vault %@ pinned: its bundles can now be imported here, and exported to it with --to-vault %@.", name, name))
        }
    }
}

struct VaultTrusted: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trusted",
        abstract: tr("List the pinned vaults."),
        discussion: tr("""
        Each line: the name given with --to-vault, then its administrator's public identity line.

        Example:
          abri vault trusted --as me.identity
        Exit codes: 77 neither the administrator nor a member of this vault.
        """)
    )

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        let vault = try options.openVault()
        let me = try Identity.readPublic(contentsOf: try options.requireIdentityPath()).publicIdentity
        let roster = try vault.currentRoster()
        guard me == vault.admin || !roster.memberships(of: me.line).isEmpty else {
            throw AbriError.notPermitted("this identity is neither the administrator nor a member of this vault (ask your administrator to enrol you)")
        }
        if output.json {
            try Output.json(["vaults": roster.trustedVaults.map { ["name": $0.name, "admin": $0.admin] }])
        } else if roster.trustedVaults.isEmpty {
            Output.say(tr("No vault is pinned yet (the administrator pins one with `abri vault trust`)."))
        } else {
            for pinned in roster.trustedVaults {
                Output.result("\(pinned.name)\t\(pinned.admin)")
            }
        }
    }
}
