public import AbriPublic
public import AbriVault
import Foundation

/// A replica's traffic with its hub (Docs/FORMAT.md §7.4): the link every write goes through, and the pull that
/// starts a command.
public enum ReplicaSync {
    /// Links the vault's store to its hub when the vault is a replica; returns its state, nil for a plain vault file.
    @discardableResult
    public static func link(_ vault: Vault) throws -> ReplicaState? {
        guard let state = try Replica.state(of: vault.store) else { return nil }
        let client = try HubClient(address: state.hub, vaultHex: vault.idHex)
        vault.store.link(to: HubLink(push: { base, changes, signer in
            try client.push(base: base, changes: changes, signer: signer)
        }, fetchAttachment: state.attachmentsOnDemand ? { blob, signer in try client.attachment(blob, signer: signer) } : nil))
        return state
    }

    /// Pulls the hub's changes into the replica, signed by `signer`; the checks are the vault's (§7.3).
    @discardableResult
    public static func pull(_ vault: Vault, state: ReplicaState, signer: HubSigner, stateDirectory: String) throws -> Replica.Pulled {
        let client = try HubClient(address: state.hub, vaultHex: vault.idHex)
        return try Replica.pull(into: vault.store, stateDirectory: stateDirectory) { since, after in
            try client.page(since: since, after: after, attachmentsOnDemand: state.attachmentsOnDemand, signer: signer)
        }
    }
}
