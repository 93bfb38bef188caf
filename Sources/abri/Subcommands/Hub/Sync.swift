import AbriSync
import AbriVault
import ArgumentParser

/// `abri sync`: brings the hub's changes into this machine's copy now.
struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Bring the hub's changes into this machine's copy of the vault now."),
        discussion: tr("""
        Every command already does this before it starts, and sends its own changes to the hub before they count: \
        `abri sync` is for a copy that should be up to date before the network goes, or to check the hub answers.

        Example:
          abri sync --as me.identity
        Exit codes: 64 when the vault is not a copy of a hub's, 75 when the hub cannot be reached, 77 when it refuses \
        the identity, 65 when what it sends does not check out (nothing is kept).
        """)
    )

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        let vault = try options.openVault()
        guard let state = try Replica.state(of: vault.store) else {
            throw AbriError.usage("this vault is not a copy of a hub's vault (`abri clone` makes one)")
        }
        let held = HeldIdentity(try options.unlockIdentity())
        let pulled = try ReplicaSync.pull(vault, state: state, signer: held.signer, stateDirectory: Paths.stateDirectory())
        if output.json {
            try Output.json(SyncJSON(vault: options.vaultPath, id: vault.idHex, hub: state.hub, changes: pulled.changes, cursor: pulled.cursor))
        } else {
            Output.say(tr("Up to date with the hub: %@ received.", Plural.tr(pulled.changes, one: "%@ change", other: "%@ changes")))
        }
    }
}

/// What `clone` and `sync --json` print.
struct SyncJSON: Encodable {
    var vault: String
    var id: String
    var hub: String
    var changes: Int
    var cursor: UInt64
}
