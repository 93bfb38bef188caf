import AbriPublic

/// `POST /v1/vaults/<vault>/push` (FORMAT §7.2, §7.3): in one transaction holding the vault's row, the caller is
/// authorized, the base compared with the hub's sequence (409), the rules checked (422), then every row written
/// with the next sequence number (a stale base is answered before the lock, from a read of its own). A hub killed at any point leaves the push wholly there or not at all.
enum PushRoute {
    static func handle(_ request: HubRequest, hub: HubContext) async throws -> [UInt8] {
        let caller = try request.signer(now: hub.now)
        let list = try request.changeList()
        // A push on a stale base is answered before it waits for the vault's lock: the sequence only grows, so a base
        // below it now is below it under the lock too. Authorized first: every refusal before that is the same 401.
        try await hub.store.transaction { connection in
            let rows = VaultRows(connection: connection, store: hub.store, vault: request.vault)
            guard let state = try await rows.state(forUpdate: false) else { throw HubFailure.notFound }
            try RequestAuth.authorize(caller, state: state, roster: try await rows.roster(version: state.rosterVersion))
            guard list.base == UInt64(state.seq) else { throw HubFailure.conflict }
        }
        let seq = try await hub.store.transaction { connection in
            let rows = VaultRows(connection: connection, store: hub.store, vault: request.vault)
            guard let state = try await rows.state(forUpdate: true) else { throw HubFailure.notFound }
            let roster = try await rows.roster(version: state.rosterVersion)
            try RequestAuth.authorize(caller, state: state, roster: roster)
            guard list.base == UInt64(state.seq) else { throw HubFailure.conflict }
            var next = try PushCheck(state: state, currentRoster: roster, isCreation: false).check(list.changes)
            next.seq = state.seq + 1
            try await rows.write(list.changes, seq: next.seq)
            try await rows.update(next)
            return next.seq
        }
        return SequenceAnswer.encoded(seq)
    }
}
