import AbriCrypto
import AbriPublic
import Foundation

/// The rules of FORMAT §7.3 that a push (or a creation, which is a push onto an empty vault) must keep, checked
/// before anything is written. Any failure is a 422 with its reason.
struct PushCheck {
    /// The vault as the hub holds it, locked for the push.
    let state: VaultState
    /// The newest roster row the hub holds (nil before any): the base of the roster chain and of the heads' checks.
    let currentRoster: ProtectedRows.RosterRow?
    /// A creation: `meta`'s pinned rows must be there, naming this vault and its administrator.
    let isCreation: Bool

    /// The vault's state once the push is applied.
    func check(_ changes: [WireChange]) throws(HubFailure) -> VaultState {
        var seen = Set<[UInt8]>()
        var logs: [ProtectedRows.LogRow] = []
        var heads: [ProtectedRows.HeadRow] = []
        var rosters: [ProtectedRows.RosterRow] = []
        var pinned = Set<String>()
        for change in changes {
            guard WireTables.all.contains(change.table) else { throw .refused("the table \(change.table) is not on the wire") }
            // One change per row and push: a second one would silently win over the first.
            guard seen.insert(Array(change.table.utf8) + [0] + change.key.encoded).inserted else {
                throw .refused("a \(change.table) row changed twice in one push")
            }
            switch change.table {
            case "meta": try checkMeta(change, pinned: &pinned)
            case "log":
                try refuseRewrite(change, key: "seq", existing: state.edge.size)
                logs.append(try ProtectedRows.log(change))
            case "heads":
                try refuseRewrite(change, key: "size", existing: state.headSize)
                heads.append(try ProtectedRows.head(change))
            case "roster":
                try refuseRewrite(change, key: "version", existing: state.rosterVersion)
                rosters.append(try ProtectedRows.roster(change))
            default: break
            }
        }
        if isCreation, pinned != WireTables.pinnedMetaKeys {
            throw .refused("a new vault names its id and its administrator in meta")
        }

        var next = state
        try checkLogSequence(logs.sorted { $0.seq < $1.seq })
        let rosterBodies = try chainRosters(rosters.sorted { $0.version < $1.version }, into: &next)
        try checkHeads(heads.sorted { $0.size < $1.size }, logs: logs, rosterBodies: rosterBodies, into: &next)
        return next
    }

    // MARK: Rule 2: log, heads and roster rows are only added.

    private func refuseRewrite(_ change: WireChange, key: String, existing: Int64) throws(HubFailure) {
        guard !change.isDeletion else { throw .refused("a \(change.table) row cannot be deleted") }
        let number = try ProtectedRows.integerKey(change, column: key)
        guard number > existing else { throw .refused("a \(change.table) row cannot be changed") }
    }

    private func checkMeta(_ change: WireChange, pinned: inout Set<String>) throws(HubFailure) {
        guard change.key.columns.count == 1, let name = change.key["key"]?.bytes.map({ String(decoding: $0, as: UTF8.self) }) else {
            throw .refused("a meta row whose key is not its key")
        }
        guard WireTables.pinnedMetaKeys.contains(name) else { return }
        guard isCreation else { throw .refused("meta.\(name) is fixed when the vault is created") }
        guard let value = change.values?["value"]?.bytes, change.values?["key"] == change.key["key"] else {
            throw .refused("meta.\(name) has no value")
        }
        let expected = name == "vault" ? state.id : Array(state.admin.line.utf8)
        guard value == expected else { throw .refused("meta.\(name) is not the vault's (the id in the path, the caller)") }
        pinned.insert(name)
    }

    private func checkLogSequence(_ logs: [ProtectedRows.LogRow]) throws(HubFailure) {
        for (offset, row) in logs.enumerated() where row.seq != state.edge.size + 1 + Int64(offset) {
            throw .refused("log entries must follow entry \(state.edge.size) without a gap")
        }
    }

    // MARK: Rule 4: the roster chain.

    /// The roster versions this push holds, and the hub's newest one, by version.
    private func chainRosters(_ rosters: [ProtectedRows.RosterRow], into next: inout VaultState)
        throws(HubFailure) -> [Int64: KnownRoster]
    {
        var bodies: [Int64: KnownRoster] = [:]
        var previousBody: [UInt8]? = currentRoster?.body
        if let currentRoster, let body = RosterBody.verified(body: currentRoster.body, signature: currentRoster.signature, admin: state.admin) {
            bodies[currentRoster.version] = KnownRoster(body: body, bytes: currentRoster.body)
        }
        for (offset, row) in rosters.enumerated() {
            guard row.version == state.rosterVersion + 1 + Int64(offset) else {
                throw .refused("roster versions must follow version \(state.rosterVersion) without a gap")
            }
            guard let body = RosterBody.verified(body: row.body, signature: row.signature, admin: state.admin) else {
                throw .refused("roster version \(row.version) is not signed by the vault's administrator")
            }
            guard Int64(body.version) == row.version, body.vault == state.vaultHex, body.admin == state.admin.line else {
                throw .refused("roster version \(row.version) names another version, vault or administrator")
            }
            let expectedPrevious = previousBody.map { Data(RosterBody.hash($0)).base64EncodedString() }
            guard body.previous == expectedPrevious else {
                throw .refused("roster version \(row.version) is not chained to the version before it")
            }
            bodies[row.version] = KnownRoster(body: body, bytes: row.body)
            previousBody = row.body
            next.rosterVersion = row.version
        }
        return bodies
    }

    // MARK: Rules 3 and 4: the heads.

    private func checkHeads(_ heads: [ProtectedRows.HeadRow], logs: [ProtectedRows.LogRow],
                            rosterBodies: [Int64: KnownRoster], into next: inout VaultState) throws(HubFailure) {
        let logSize = state.edge.size + Int64(logs.count)
        guard let newest = heads.last else {
            guard logs.isEmpty else { throw .refused("log entries were added without a head") }
            guard next.rosterVersion == state.rosterVersion else { throw .refused("a roster version was added without a head") }
            return
        }
        guard newest.size == logSize else { throw .refused("the newest head does not cover every entry") }
        guard newest.rosterVersion == next.rosterVersion else {
            throw .refused("the newest head does not name the newest roster version")
        }
        var edge = state.edge
        var previous = state.headSize
        var entries = logs.sorted { $0.seq < $1.seq }[...]
        for head in heads {
            guard head.previous == previous else { throw .refused("head \(head.size) does not follow head \(previous)") }
            while let entry = entries.first, entry.seq <= head.size {
                edge.append(leafHash: LogLeafHash.of(seq: entry.seq, day: entry.day, entry: entry.entry))
                entries.removeFirst()
            }
            guard edge.size == head.size, edge.root == head.root else {
                throw .refused("head \(head.size) does not give the root of the hub's log extended with the new entries")
            }
            if head.size == newest.size || rosterBodies[head.rosterVersion] != nil {
                try checkSignature(of: head, rosterBodies: rosterBodies)
            }
            previous = head.size
        }
        next.edge = edge
        next.headSize = newest.size
    }

    private func checkSignature(of head: ProtectedRows.HeadRow, rosterBodies: [Int64: KnownRoster]) throws(HubFailure) {
        let rosterBytes: [UInt8]
        let roster: RosterBody?
        if head.rosterVersion == 0 {
            rosterBytes = []
            roster = nil
        } else if let known = rosterBodies[head.rosterVersion] {
            rosterBytes = known.bytes
            roster = known.body
        } else {
            throw .refused("head \(head.size) names a roster version the hub does not hold")
        }
        guard RosterBody.hash(rosterBytes) == head.rosterHash else {
            throw .refused("head \(head.size) names a roster hash that is not its version's")
        }
        let text = HeadText.text(vaultHex: state.vaultHex, size: head.size, root: head.root, day: head.day,
                                 rosterVersion: head.rosterVersion, rosterHash: head.rosterHash, keys: head.keys,
                                 previous: head.previous)
        let key: [UInt8]
        switch head.signer {
        case "admin":
            key = state.admin.signingKey
        case "log":
            guard let roster, Int64(roster.logKeyGeneration) == head.keyGeneration, let logKey = roster.logPublicKey else {
                throw .refused("head \(head.size) is signed by a log key its roster version does not name")
            }
            key = logKey
        default:
            throw .refused("head \(head.size) has an unknown signer")
        }
        guard Ed25519.isValidSignature(head.signature, for: text, publicKey: key) else {
            throw .refused("head \(head.size) is not signed by its signer")
        }
    }

}

/// A roster version whose signature checked out: its parsed body and the bytes its hash is taken over.
struct KnownRoster {
    var body: RosterBody
    var bytes: [UInt8]
}
