import AbriPublic
import NIOCore
import PostgresNIO

/// The reads and writes of one vault's rows inside a transaction (FORMAT §7.5).
struct VaultRows {
    let connection: PostgresConnection
    let store: HubStore
    let vault: [UInt8]

    /// The vault's state, its row locked until the transaction ends when `forUpdate`; nil when there is no such vault.
    func state(forUpdate: Bool) async throws -> VaultState? {
        let lock = forUpdate ? " FOR UPDATE" : ""
        let rows = try await connection.query(
            "SELECT admin, seq, frontier, head_size, roster_version FROM vaults WHERE id = \(vault.bytea)\(unescaped: lock)",
            logger: store.logger)
        for try await (admin, seq, frontier, headSize, rosterVersion) in rows.decode((String, Int64, ByteBuffer, Int64, Int64).self) {
            guard let admin = IdentityLine(parsing: admin), let edge = TreeEdge(encoded: frontier.bytes) else {
                throw HubFailure.refused("the hub's record of this vault is damaged")
            }
            return VaultState(id: vault, admin: admin, seq: seq, edge: edge, headSize: headSize, rosterVersion: rosterVersion)
        }
        return nil
    }

    /// The stored change of `table` whose key is `key`, nil when there is none or it is deleted.
    func present(_ table: String, key: WireColumns) async throws -> WireChange? {
        let rows = try await connection.query(
            "SELECT value FROM rows WHERE vault = \(vault.bytea) AND tbl = \(table) AND key = \(key.encoded.bytea)",
            logger: store.logger)
        for try await value in rows.decode(ByteBuffer?.self) {
            guard let value else { return nil }
            return try WireChange(table: table, encodedKey: key.encoded, encodedValues: value.bytes)
        }
        return nil
    }

    /// The roster row of `version`, nil for version 0 (no roster) or when the hub lacks it.
    func roster(version: Int64) async throws -> ProtectedRows.RosterRow? {
        guard version > 0, let change = try await present("roster", key: try WireColumns([("version", .integer(version))])) else {
            return nil
        }
        return try ProtectedRows.roster(change)
    }

    /// The heads row of `size`, nil for size 0 (no head) or when the hub lacks it.
    func head(size: Int64) async throws -> ProtectedRows.HeadRow? {
        guard size > 0, let change = try await present("heads", key: try WireColumns([("size", .integer(size))])) else {
            return nil
        }
        return try ProtectedRows.head(change)
    }

    /// Writes every change with sequence `seq`: a row replaced, or deleted down to its key. The changes go in
    /// statements of up to `batchRows` rows or about `batchBytes` bytes, each one `INSERT … SELECT FROM unnest(…)` of
    /// arrays: a push of thousands of rows is a few round trips, not one per row. A push names a row at most once
    /// (checked before), so no statement touches a row twice.
    func write(_ changes: [WireChange], seq: Int64) async throws {
        var start = changes.startIndex
        while start < changes.endIndex {
            var tables: [String] = []
            var keys: [ByteBuffer] = []
            var values: [ByteBuffer] = []
            var present: [Bool] = []
            var bytes = 0
            var end = start
            while end < changes.endIndex, tables.count < Self.batchRows, tables.isEmpty || bytes < Self.batchBytes {
                let change = changes[end]
                let key = change.key.encoded
                let value = change.values?.encoded ?? []
                tables.append(change.table)
                keys.append(key.bytea)
                values.append(value.bytea)
                present.append(change.values != nil)
                bytes += key.count + value.count
                end += 1
            }
            try await connection.query("""
                INSERT INTO rows (vault, tbl, key, value, seq)
                SELECT \(vault.bytea), t, k, CASE WHEN p THEN v END, \(seq)
                FROM unnest(\(tables)::text[], \(keys)::bytea[], \(values)::bytea[], \(present)::boolean[]) AS change (t, k, v, p)
                ON CONFLICT (vault, tbl, key) DO UPDATE SET value = EXCLUDED.value, seq = EXCLUDED.seq
                """, logger: store.logger)
            start = end
        }
    }

    /// The most rows, and about the most bytes, that one statement of `write` carries.
    static let batchRows = 5000
    static let batchBytes = 16 << 20

    /// Inserts the vault's row; false when a vault with this id exists.
    func insert(_ state: VaultState) async throws -> Bool {
        let rows = try await connection.query("""
            INSERT INTO vaults (id, admin, seq, frontier, head_size, roster_version)
            VALUES (\(vault.bytea), \(state.admin.line), \(state.seq), \(state.edge.encoded.bytea), \(state.headSize), \(state.rosterVersion))
            ON CONFLICT (id) DO NOTHING RETURNING seq
            """, logger: store.logger)
        for try await _ in rows.decode(Int64.self) { return true }
        return false
    }

    /// Records the vault's state after a push.
    func update(_ state: VaultState) async throws {
        try await connection.query("""
            UPDATE vaults SET seq = \(state.seq), frontier = \(state.edge.encoded.bytea), head_size = \(state.headSize),
                roster_version = \(state.rosterVersion) WHERE id = \(vault.bytea)
            """, logger: store.logger)
    }
}
