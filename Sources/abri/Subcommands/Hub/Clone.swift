import AbriSync
import AbriVault
import ArgumentParser
import Foundation

/// `abri clone URL VAULT_ID`: a replica of a hub's vault on this machine.
struct Clone: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Make a copy of a hub's vault on this machine, kept in step with the hub."),
        discussion: tr("""
        The copy is an ordinary vault file: every command works on it, and each one that writes sends its changes to \
        the hub before they count. The hub serves only the administrator and the vault's current members: act as one \
        with --as. The first copy of a vault on a machine trusts the hub's latest signed head; check it against the \
        administrator's exported checkpoint with `abri verify --checkpoint FILE`.

        --attachments on-demand keeps attachments out of the copy and fetches each one from the hub when it is \
        opened: a smaller copy, but the hub then learns which attachment (and so which case) this machine's members \
        open, and when. Mirrored, the default, tells it nothing of the kind.

        Example:
          abri clone https://hub.example.org 5f0c…e1 --as me.identity
        Exit codes: 64 for a bad address or vault id, 73 when the vault file exists, 75 when the hub cannot be reached, \
        77 when the hub refuses the identity, 65 when what the hub sends does not check out (nothing is kept).
        """)
    )

    @Argument(help: ArgumentHelp(tr("The hub's address (https://…, or http://127.0.0.1:PORT on this machine)."), valueName: tr("url")))
    var url: String

    @Argument(help: ArgumentHelp(tr("The vault's id, 32 hex digits (`abri status` on a machine that has it)."), valueName: tr("vault-id")))
    var vaultID: String

    @Option(name: .customLong("attachments"),
            help: ArgumentHelp(tr("mirrored (every attachment kept here, the default) or on-demand (fetched from the hub when opened)."),
                               valueName: tr("mode")))
    var attachments: String = "mirrored"

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        guard let id = Hex.decode(vaultID.lowercased()), id.count == 16 else {
            throw AbriError.usage("a vault id is 32 hex digits (ask the administrator, or run `abri status` where the vault is)")
        }
        guard attachments == "mirrored" || attachments == "on-demand" else {
            throw AbriError.usage("--attachments takes mirrored or on-demand")
        }
        let onDemand = attachments == "on-demand"
        let client = try HubClient(address: url, vaultHex: Hex.encode(id))
        let path = options.vaultPath
        if FileManager.default.fileExists(atPath: path) {
            throw AbriError.cannotCreate("a file already exists at \(path) (choose another --vault)")
        }
        let held = HeldIdentity(try options.unlockIdentity())
        let store = try Store.create(path: path)
        let pulled: Replica.Pulled
        do {
            try Replica.attach(store, hub: client.address, cursor: 0, attachmentsOnDemand: onDemand)
            pulled = try Replica.pull(into: store, stateDirectory: Paths.stateDirectory(), expectedVault: id) { since, after in
                try client.page(since: since, after: after, attachmentsOnDemand: onDemand, signer: held.signer)
            }
        } catch {
            for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
            throw error
        }
        if output.json {
            try Output.json(SyncJSON(vault: path, id: client.vaultHex, hub: client.address, changes: pulled.changes, cursor: pulled.cursor))
        } else {
            Output.result(path)
            Output.say(tr("Vault copied from the hub to %@ (%@); every command keeps it in step.", path, Plural.tr(pulled.changes, one: "%@ change", other: "%@ changes")))
        }
    }
}
