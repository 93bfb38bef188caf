import AbriPublic
import NIOCore
import PostgresNIO

/// Reads one feed page (FORMAT §7.2) from a snapshot: first the changes' keys and sizes, to choose how many fit in
/// the page, then the values of those only, so that a page costs its own size in memory and no more.
struct FeedReader {
    let rows: VaultRows
    /// The page's budget in encoded bytes; a page holds at least one change, however large.
    let pageBytes: Int
    /// Leaves out the attachments' `chunks` rows, not their deletions: a replica that fetches attachments on demand.
    var withoutAttachments = false

    private static let batch = 1000

    private struct Position {
        var seq: Int64
        var table: String
        var key: [UInt8]
    }

    func page(since: Int64, after cursor: FeedCursor?, hubSeq: Int64) async throws -> FeedPage {
        let start = cursor.map { Position(seq: Int64(clamping: $0.seq), table: $0.table, key: $0.key) }
        var position = start
        var taken = 0
        var bytes = FeedPage.headerSize
        var more = false
        planning: while true {
            let sizes = try await sizes(since: since, after: position)
            for (seq, table, key, valueLength) in sizes {
                let size = 8 + 1 + table.utf8.count + 4 + key.count + 1 + (valueLength < 0 ? 0 : 4 + valueLength)
                if taken > 0, bytes + size > pageBytes {
                    more = true
                    break planning
                }
                bytes += size
                taken += 1
                position = Position(seq: seq, table: table, key: key)
            }
            if sizes.count < Self.batch { break }
        }
        let entries = try await values(since: since, after: start, limit: taken)
        return FeedPage(seq: UInt64(hubSeq), more: more, entries: entries)
    }

    /// The changes after `position` (or all those above `since`) in feed order, `columns` of at most `limit` of them.
    private func query(_ columns: String, since: Int64, after position: Position?, limit: Int) -> PostgresQuery {
        let order = (withoutAttachments ? "AND NOT (tbl = 'chunks' AND value IS NOT NULL) " : "") + "ORDER BY seq, tbl, key LIMIT \(limit)"
        if let position {
            return """
                SELECT \(unescaped: columns) FROM rows WHERE vault = \(rows.vault.bytea) AND seq > \(since)
                AND (seq, tbl, key) > (\(position.seq), \(position.table)::text COLLATE "C", \(position.key.bytea)) \(unescaped: order)
                """
        }
        return "SELECT \(unescaped: columns) FROM rows WHERE vault = \(rows.vault.bytea) AND seq > \(since) \(unescaped: order)"
    }

    private func sizes(since: Int64, after position: Position?) async throws -> [(Int64, String, [UInt8], Int)] {
        let statement = query("seq, tbl, key, coalesce(octet_length(value), -1)", since: since, after: position, limit: Self.batch)
        var out: [(Int64, String, [UInt8], Int)] = []
        let result = try await rows.connection.query(statement, logger: rows.store.logger)
        for try await (seq, table, key, length) in result.decode((Int64, String, ByteBuffer, Int32).self) {
            out.append((seq, table, key.bytes, Int(length)))
        }
        return out
    }

    private func values(since: Int64, after position: Position?, limit: Int) async throws -> [FeedPage.Entry] {
        guard limit > 0 else { return [] }
        let statement = query("seq, tbl, key, value", since: since, after: position, limit: limit)
        var entries: [FeedPage.Entry] = []
        entries.reserveCapacity(limit)
        let result = try await rows.connection.query(statement, logger: rows.store.logger)
        for try await (seq, table, key, value) in result.decode((Int64, String, ByteBuffer, ByteBuffer?).self) {
            let change = try WireChange(table: table, encodedKey: key.bytes, encodedValues: value?.bytes)
            entries.append(FeedPage.Entry(seq: UInt64(seq), change: change))
        }
        return entries
    }
}
