import AbriPublic

/// The typed columns of the tables the hub checks (§7.3): `log`, `heads` and `roster` rows, and `meta`'s pinned keys.
/// Every accessor refuses (422) a row that lacks a column, gives one the wrong type, or carries an extra one.
enum ProtectedRows {
    struct LogRow {
        var seq: Int64
        var day: Int32
        var entry: [UInt8]
    }

    struct HeadRow {
        var size: Int64
        var root: [UInt8]
        var day: String
        var signer: String
        var keyGeneration: Int64
        var rosterVersion: Int64
        var rosterHash: [UInt8]
        var keys: [UInt8]
        var previous: Int64
        var signature: [UInt8]
    }

    struct RosterRow {
        var version: Int64
        var body: [UInt8]
        var signature: [UInt8]
    }

    /// The integer primary key of a `log`, `heads` or `roster` change: exactly one column, `column`.
    static func integerKey(_ change: WireChange, column: String) throws(HubFailure) -> Int64 {
        guard change.key.columns.count == 1, let value = change.key[column]?.integer else {
            throw .refused("a \(change.table) row whose key is not its \(column)")
        }
        return value
    }

    static func log(_ change: WireChange) throws(HubFailure) -> LogRow {
        let columns = try Columns(change, key: "seq", names: ["seq", "day", "entry"])
        let day = try columns.integer("day")
        guard let day32 = Int32(exactly: day) else { throw .refused("a log row whose day is out of range") }
        return LogRow(seq: try columns.integer("seq"), day: day32, entry: try columns.bytes("entry"))
    }

    static func head(_ change: WireChange) throws(HubFailure) -> HeadRow {
        let columns = try Columns(change, key: "size", names: ["size", "root", "day", "signer", "key_generation",
                                                               "roster_version", "roster_hash", "keys", "previous", "signature"])
        let row = HeadRow(size: try columns.integer("size"), root: try columns.bytes("root", count: 32),
                          day: try columns.text("day"), signer: try columns.text("signer"),
                          keyGeneration: try columns.integer("key_generation"), rosterVersion: try columns.integer("roster_version"),
                          rosterHash: try columns.bytes("roster_hash", count: 32), keys: try columns.bytes("keys", count: 32),
                          previous: try columns.integer("previous"), signature: try columns.bytes("signature", count: 64))
        guard row.size > 0, row.previous >= 0, row.rosterVersion >= 0 else { throw .refused("a head row with a negative number") }
        return row
    }

    static func roster(_ change: WireChange) throws(HubFailure) -> RosterRow {
        let columns = try Columns(change, key: "version", names: ["version", "body", "signature"])
        return RosterRow(version: try columns.integer("version"), body: try columns.bytes("body"),
                         signature: try columns.bytes("signature", count: 64))
    }

    /// The columns of one present row, checked against the table's column names and its key.
    private struct Columns {
        let table: String
        let values: WireColumns

        init(_ change: WireChange, key: String, names: Set<String>) throws(HubFailure) {
            table = change.table
            guard let values = change.values else { throw .refused("a \(change.table) row is deleted") }
            guard Set(values.columns.map(\.name)) == names, values.columns.count == names.count else {
                throw .refused("a \(change.table) row without exactly its table's columns")
            }
            guard change.key.columns.count == 1, let keyValue = change.key[key], values[key] == keyValue else {
                throw .refused("a \(change.table) row whose key differs from its \(key) column")
            }
            self.values = values
        }

        func integer(_ name: String) throws(HubFailure) -> Int64 {
            guard let value = values[name]?.integer else { throw .refused("\(table).\(name) is not an integer") }
            return value
        }

        func bytes(_ name: String, count: Int? = nil) throws(HubFailure) -> [UInt8] {
            guard let bytes = values[name]?.bytes, count.map({ $0 == bytes.count }) ?? true else {
                throw .refused("\(table).\(name) is not \(count.map { "\($0) bytes" } ?? "bytes")")
            }
            return bytes
        }

        func text(_ name: String) throws(HubFailure) -> String {
            guard case .text(let text)? = values[name] else { throw .refused("\(table).\(name) is not text") }
            return text
        }
    }
}
