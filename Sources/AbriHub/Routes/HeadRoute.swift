import AbriPublic
import PostgresNIO

/// `GET /v1/vaults/<vault>/head`: the hub's sequence and its newest signed head (FORMAT §7.2), rebuilt from the
/// `heads` row as the vault writes its text (§3.7).
enum HeadRoute {
    static func handle(_ request: HubRequest, hub: HubContext) async throws -> [UInt8] {
        let caller = try request.signer(now: hub.now)
        let answer = try await hub.store.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
            let rows = VaultRows(connection: connection, store: hub.store, vault: request.vault)
            guard let state = try await rows.state(forUpdate: false) else { throw HubFailure.notFound }
            try RequestAuth.authorize(caller, state: state, roster: try await rows.roster(version: state.rosterVersion))
            guard let head = try await rows.head(size: state.headSize) else {
                return HeadAnswer(seq: UInt64(state.seq), head: nil)
            }
            let text = HeadText.text(vaultHex: state.vaultHex, size: head.size, root: head.root, day: head.day,
                                     rosterVersion: head.rosterVersion, rosterHash: head.rosterHash, keys: head.keys,
                                     previous: head.previous)
            return HeadAnswer(seq: UInt64(state.seq), head: .init(text: text, signature: head.signature))
        }
        return answer.encoded()
    }
}
