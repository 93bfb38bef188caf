import AbriPublic

/// `PUT /v1/vaults/<vault>`: the administrator puts a whole new vault (FORMAT §7.2). The caller is pinned as the
/// vault's administrator, and the vault's `meta` must name the same identity and the id of the path.
enum CreateRoute {
    static func handle(_ request: HubRequest, hub: HubContext) async throws -> [UInt8] {
        let caller = try request.signer(now: hub.now)
        let list = try request.changeList()
        guard list.base == 0 else { throw HubFailure.badRequest("a new vault's base is 0") }
        let seq = try await hub.store.transaction { connection in
            let rows = VaultRows(connection: connection, store: hub.store, vault: request.vault)
            guard try await rows.state(forUpdate: true) == nil else { throw HubFailure.conflict }
            var state = try PushCheck(state: .empty(id: request.vault, admin: caller), currentRoster: nil, isCreation: true)
                .check(list.changes)
            state.seq = 1
            guard try await rows.insert(state) else { throw HubFailure.conflict }
            try await rows.write(list.changes, seq: state.seq)
            return state.seq
        }
        return SequenceAnswer.encoded(seq)
    }
}

/// The answer of a create or a push: `u64 seq`.
enum SequenceAnswer {
    static func encoded(_ seq: Int64) -> [UInt8] {
        withUnsafeBytes(of: UInt64(seq).littleEndian) { Array($0) }
    }
}
