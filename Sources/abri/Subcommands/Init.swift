import AbriVault
import ArgumentParser

/// `abri init`: creates a vault.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Create a vault whose administrator is the given public identity."),
        discussion: tr("""
        The administrator signs the roster of partners and members and holds no key that opens a case.

        Example:
          abri init --vault office.db --admin abri1…
        Exit codes: 73 when the vault file exists, 65 for a mistyped public identity.
        """)
    )

    @Option(name: .customLong("admin"), help: ArgumentHelp(tr("The administrator's public identity (from `abri identity show`)."), valueName: tr("public-identity")))
    var admin: String

    @Option(name: .customLong("vault"), help: ArgumentHelp(tr("The vault file to create (else $ABRI_VAULT, else the XDG default)."), valueName: tr("path")))
    var vault: String?

    @OptionGroup var output: JSONOption

    func run() throws {
        let administrator = try PublicIdentity(parsing: admin)
        let path = Paths.vault(explicit: vault)
        let created = try Vault.create(path: path, admin: administrator, stateDirectory: Paths.stateDirectory())
        if output.json {
            try Output.json(["vault": path, "id": created.idHex])
        } else {
            Output.result(path)
            Output.say(tr("Vault created at %@. Next: the administrator adds partners with `abri partner add`.", path))
        }
    }
}
