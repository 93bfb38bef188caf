public import GRDB
public import AbriStore
import Foundation

/// The rows of `log` read through a GRDB cursor, one step of the statement per row.
final class SQLiteLogEntryCursor: LogEntryCursor {
    private let rows: RowCursor

    init(_ rows: RowCursor) {
        self.rows = rows
    }

    func next() throws -> LogEntryRow? {
        guard let row = try rows.next() else { return nil }
        return LogEntryRow(row)
    }
}

extension LogEntryRow {
    init(_ row: Row) {
        self.init(seq: row["seq"], day: row["day"], entry: Array(row["entry"] as Data))
    }
}

extension HeadRow {
    init(_ row: Row) {
        self.init(size: row["size"], root: Array(row["root"] as Data), day: row["day"], signer: row["signer"],
                  keyGeneration: row["key_generation"], rosterVersion: row["roster_version"],
                  rosterHash: Array(row["roster_hash"] as Data), keys: Array(row["keys"] as Data),
                  previous: row["previous"], signature: Array(row["signature"] as Data))
    }
}

extension Database: LogRows {
    // MARK: log and log_tags

    public func appendEntries(_ entries: [(row: LogEntryRow, tags: [[UInt8]])]) throws {
        let insert = try cachedStatement(sql: "INSERT INTO log (seq, day, entry) VALUES (?, ?, ?)")
        let insertTag = try cachedStatement(sql: "INSERT INTO log_tags (tag, seq) VALUES (?, ?)")
        for (row, tags) in entries {
            try insert.execute(arguments: [row.seq, row.day, Data(row.entry)])
            for tag in tags { try insertTag.execute(arguments: [Data(tag), row.seq]) }
        }
    }

    public func logTagExists(_ tag: [UInt8]) throws -> Bool {
        let lookup = try cachedStatement(sql: "SELECT 1 FROM log_tags WHERE tag = ?")
        return try Bool.fetchOne(lookup, arguments: [Data(tag)]) != nil
    }

    public func entry(taggedWith tag: [UInt8]) throws -> LogEntryRow? {
        let lookup = try cachedStatement(sql: "SELECT log.seq, log.day, log.entry FROM log_tags JOIN log ON log.seq = log_tags.seq WHERE log_tags.tag = ?")
        return try Row.fetchOne(lookup, arguments: [Data(tag)]).map(LogEntryRow.init)
    }

    public func logTags(after seq: Int) throws -> [LogTagRow] {
        try Row.fetchAll(self, sql: "SELECT tag, seq FROM log_tags WHERE seq > ?", arguments: [seq]).map {
            LogTagRow(tag: Array($0["tag"] as Data), seq: $0["seq"])
        }
    }

    public func logCount() throws -> LogCountRow? {
        try Row.fetchOne(self, sql: "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM log").map {
            LogCountRow(count: $0[0], lastSeq: $0[1])
        }
    }

    public func logCount(after seq: Int) throws -> Int? {
        try Int.fetchOne(self, sql: "SELECT COUNT(*) FROM log WHERE seq > ?", arguments: [seq])
    }

    public func allEntries() throws -> any LogEntryCursor {
        SQLiteLogEntryCursor(try Row.fetchCursor(self, sql: "SELECT * FROM log ORDER BY seq"))
    }

    public func entries(after seq: Int) throws -> any LogEntryCursor {
        SQLiteLogEntryCursor(try Row.fetchCursor(self, sql: "SELECT * FROM log WHERE seq > ? ORDER BY seq", arguments: [seq]))
    }

    public func entryPage(after seq: Int) throws -> [LogEntryRow] {
        try Row.fetchAll(self, sql: "SELECT seq, day, entry FROM log WHERE seq > ? ORDER BY seq LIMIT 4096", arguments: [seq])
            .map(LogEntryRow.init)
    }

    // MARK: meta: the tree edge and the restore statement

    public func logFrontier() throws -> [UInt8]? {
        try Data.fetchOne(self, sql: "SELECT value FROM meta WHERE key = 'frontier'").map(Array.init)
    }

    public func storeLogFrontier(_ encoded: [UInt8]) throws {
        try execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('frontier', ?)", arguments: [Data(encoded)])
    }

    public func restoreStatement() throws -> [UInt8]? {
        try Data.fetchOne(self, sql: "SELECT value FROM meta WHERE key = 'restore'").map(Array.init)
    }

    public func restoreStatementSignature() throws -> [UInt8]? {
        try Data.fetchOne(self, sql: "SELECT value FROM meta WHERE key = 'restore-signature'").map(Array.init)
    }

    public func storeRestoreStatement(_ text: [UInt8], signature: [UInt8]) throws {
        try execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('restore', ?), ('restore-signature', ?)",
                    arguments: [Data(text), Data(signature)])
    }

    // MARK: heads

    public func storeHead(_ head: HeadRow) throws {
        try execute(sql: """
            INSERT OR REPLACE INTO heads (size, root, day, signer, key_generation, roster_version, roster_hash, keys, previous, signature)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [head.size, Data(head.root), head.day, head.signer, head.keyGeneration, head.rosterVersion,
                             Data(head.rosterHash), Data(head.keys), head.previous, Data(head.signature)])
    }

    public func latestHead() throws -> HeadRow? {
        try Row.fetchOne(self, sql: "SELECT * FROM heads ORDER BY size DESC LIMIT 1").map(HeadRow.init)
    }

    public func latestHeadKeys() throws -> [UInt8]? {
        try Data.fetchOne(self, sql: "SELECT keys FROM heads ORDER BY size DESC LIMIT 1").map { Array($0) }
    }

    public func latestHeadRoster() throws -> HeadRosterRow? {
        try Row.fetchOne(self, sql: "SELECT roster_version, roster_hash FROM heads ORDER BY size DESC LIMIT 1")
            .map { HeadRosterRow(rosterVersion: $0[0] as Int, rosterHash: Array($0[1] as Data)) }
    }

    public func heads(after size: Int) throws -> [HeadRow] {
        try Row.fetchAll(self, sql: "SELECT * FROM heads WHERE size > ? ORDER BY size", arguments: [size]).map(HeadRow.init)
    }

    public func headExists(size: Int) throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT 1 FROM heads WHERE size = ?", arguments: [size]) != nil
    }

    public func previousHeadSize(before size: Int) throws -> Int? {
        try Int.fetchOne(self, sql: "SELECT COALESCE(MAX(size), 0) FROM heads WHERE size < ?", arguments: [size])
    }

    public func headBinding(size: Int) throws -> HeadBindingRow? {
        try Row.fetchOne(self, sql: "SELECT roster_version, roster_hash, keys, previous FROM heads WHERE size = ?",
                         arguments: [size])
            .map { HeadBindingRow(rosterVersion: $0[0], rosterHash: Array($0[1] as Data), keys: Array($0[2] as Data), previous: $0[3]) }
    }

    public func headLinks() throws -> [HeadLinkRow] {
        try Row.fetchAll(self, sql: "SELECT size, previous, roster_version FROM heads ORDER BY size").map {
            HeadLinkRow(size: $0["size"], previous: $0["previous"], rosterVersion: $0["roster_version"])
        }
    }
}
