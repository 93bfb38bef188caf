import AbriSync
import AbriVault
import ArgumentParser
import Foundation

/// `abri init`: creates a vault.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Create a vault whose administrator is the given public identity."),
        discussion: tr("""
        The administrator signs the roster of partners and members and holds no key that opens a case.

        With --hub, the vault is created on a hub (`abri-hub`) that organisations on separate networks share, and this \
        file becomes this machine's copy of it: other machines make theirs with `abri clone`. The administrator's \
        identity signs the creation (--as).

        Example:
          abri init --vault office.db --admin abri1…
          abri init --admin abri1… --hub https://hub.example.org --as admin.identity
        Exit codes: 73 when the vault file exists (or the hub has this vault), 65 for a mistyped public identity, \
        75 when the hub cannot be reached (nothing is kept).
        """)
    )

    @Option(name: .customLong("admin"), help: ArgumentHelp(tr("The administrator's public identity (from `abri identity show`)."), valueName: tr("public-identity")))
    var admin: String

    @Option(name: .customLong("vault"), help: ArgumentHelp(tr("The vault file to create (else $ABRI_VAULT, else the XDG default)."), valueName: tr("path")))
    var vault: String?

    @Option(name: .customLong("hub"), help: ArgumentHelp(tr("Create the vault on this hub and keep this file as this machine's copy."), valueName: tr("url")))
    var hub: String?

    @Option(name: .customLong("as"), help: ArgumentHelp(tr("With --hub: the administrator's identity file, which signs the creation."), valueName: tr("file")))
    var identity: String?

    @OptionGroup var passphrase: PassphraseOptions

    @OptionGroup var output: JSONOption

    func run() throws {
        let administrator = try PublicIdentity(parsing: admin)
        let path = Paths.vault(explicit: vault)
        // Everything that can be refused is refused before the vault exists.
        let client = try hub.map { try HubClient(address: $0, vaultHex: String(repeating: "0", count: 32)) }
        var held: HeldIdentity?
        if client != nil {
            guard let identityPath = Paths.identity(explicit: identity) else {
                throw AbriError.usage("--hub needs the administrator's identity to sign the creation (pass --as FILE)")
            }
            guard try Identity.readPublic(contentsOf: identityPath).publicIdentity == administrator else {
                throw AbriError.usage("--as must be the identity file of the administrator named by --admin")
            }
            held = HeldIdentity(try passphrase.unlock(identityPath))
        }
        let created = try Vault.create(path: path, admin: administrator, stateDirectory: Paths.stateDirectory())
        if let client, let held {
            do {
                let onHub = try HubClient(address: client.address, vaultHex: created.idHex)
                let cursor = try onHub.create(try Replica.wholeVault(created.store), signer: held.signer)
                try Replica.attach(created.store, hub: onHub.address, cursor: cursor)
            } catch {
                for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
                throw error
            }
        }
        if output.json {
            try Output.json(InitJSON(vault: path, id: created.idHex, hub: client?.address))
        } else {
            Output.result(path)
            if let client {
                Output.say(tr("Vault %@ created on the hub %@, with this machine's copy at %@. Other machines: `abri clone %@ %@`.",
                              created.idHex, client.address, path, client.address, created.idHex))
            }
            Output.say(tr("Vault created at %@. Next: the administrator adds partners with `abri partner add`.", path))
        }
    }
}

/// What `init --json` prints; `hub` only with --hub.
struct InitJSON: Encodable {
    var vault: String
    var id: String
    var hub: String?
}
