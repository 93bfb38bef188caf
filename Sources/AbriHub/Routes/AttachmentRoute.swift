import AbriPublic
import NIOCore
import PostgresNIO

/// `GET /v1/vaults/<vault>/attachments/<blob hex>`: the `chunks` rows of one attachment, for a replica that fetches
/// attachments on demand (FORMAT §7.2, §7.5), as a change list (`u64 seq ‖ u32 n ‖ n × change`, in segment order).
/// The rows are sealed; what the hub learns is which identity asked for which attachment, and when.
enum AttachmentRoute {
    static func handle(_ request: HubRequest, hub: HubContext, blob blobText: String?) async throws -> [UInt8] {
        let caller = try request.signer(now: hub.now)
        _ = try request.query(allowed: [])
        guard let blobText, blobText.utf8.count == 32, let blob = Hex.decode(blobText) else {
            throw HubFailure.badRequest("an attachment id is 32 hex digits")
        }
        let (seq, changes) = try await hub.store.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
            let rows = VaultRows(connection: connection, store: hub.store, vault: request.vault)
            guard let state = try await rows.state(forUpdate: false) else { throw HubFailure.notFound }
            try RequestAuth.authorize(caller, state: state, roster: try await rows.roster(version: state.rosterVersion))
            return (state.seq, try await rows.chunks(blob: blob))
        }
        guard !changes.isEmpty else { throw HubFailure.notFound }
        return ChangeList(base: UInt64(seq), changes: changes).encoded()
    }
}

extension VaultRows {
    /// The `chunks` rows of one blob, in segment order. Their keys all start with the blob's part of the key
    /// (`blob` first, then `n`), so the primary key's index finds them as one range.
    func chunks(blob: [UInt8]) async throws -> [WireChange] {
        let sample = try WireColumns([("blob", .blob(blob)), ("n", .integer(0))]).encoded
        let prefix = Array(sample.prefix(2 + 1 + 4 + 1 + 4 + blob.count))
        let upper = prefix + [UInt8](repeating: 0xff, count: 32)
        let result = try await connection.query(
            """
            SELECT key, value FROM rows WHERE vault = \(vault.bytea) AND tbl = 'chunks' AND key >= \(prefix.bytea)
            AND key < \(upper.bytea) AND value IS NOT NULL
            """, logger: store.logger)
        var found: [(n: Int64, change: WireChange)] = []
        for try await (key, value) in result.decode((ByteBuffer, ByteBuffer).self) {
            let change = try WireChange(table: "chunks", encodedKey: key.bytes, encodedValues: value.bytes)
            guard change.key["blob"]?.bytes == blob, let n = change.key["n"]?.integer else { continue }
            found.append((n, change))
        }
        return found.sorted { $0.n < $1.n }.map(\.change)
    }
}
