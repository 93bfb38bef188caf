import AbriPublic

/// What the hub keeps of one vault besides its rows (the `vaults` table, FORMAT §7.5).
struct VaultState: Sendable {
    /// The vault id (16 bytes).
    var id: [UInt8]
    /// The administrator's identity line, pinned when the vault was created.
    var admin: IdentityLine
    /// The hub's sequence: the number of accepted pushes, the creation included.
    var seq: Int64
    /// The log tree's right edge over every entry the hub holds.
    var edge: TreeEdge
    /// The size of the newest head the hub holds, 0 before any.
    var headSize: Int64
    /// The newest roster version the hub holds, 0 before any.
    var rosterVersion: Int64

    var vaultHex: String { Hex.encode(id) }

    /// A vault before its creation: nothing but its id and administrator.
    static func empty(id: [UInt8], admin: IdentityLine) -> VaultState {
        VaultState(id: id, admin: admin, seq: 0, edge: TreeEdge(), headSize: 0, rosterVersion: 0)
    }
}
