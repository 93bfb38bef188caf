import CSQLiteSession
import Foundation
public import GRDB
public import AbriPublic
public import AbriStore

extension Database: ReplicaRows {
    public func replicaState() throws -> ReplicaStateRow? {
        guard try tableExists("replica") else { return nil }
        var values: [String: DatabaseValue] = [:]
        for row in try Row.fetchAll(self, sql: "SELECT key, value FROM replica") { values[row["key"]] = row["value"] as DatabaseValue }
        guard let hub = values["hub"].flatMap(String.fromDatabaseValue) else { return nil }
        return ReplicaStateRow(hub: hub, cursor: values["cursor"].flatMap(Int64.fromDatabaseValue) ?? 0,
                               synced: values["synced"].flatMap(Int64.fromDatabaseValue),
                               attachmentsOnDemand: values["attachments"].flatMap(String.fromDatabaseValue) == "on-demand")
    }

    public func saveReplicaState(_ state: ReplicaStateRow) throws {
        try execute(sql: "INSERT OR REPLACE INTO replica (key, value) VALUES ('hub', ?), ('cursor', ?), ('synced', ?), ('attachments', ?)",
                    arguments: [state.hub, state.cursor, state.synced ?? Int64(Date().timeIntervalSince1970),
                                state.attachmentsOnDemand ? "on-demand" : "mirrored"])
    }

    public func moveReplicaCursor(to cursor: Int64, synced: Int64) throws {
        try execute(sql: "INSERT OR REPLACE INTO replica (key, value) VALUES ('cursor', ?), ('synced', ?)", arguments: [cursor, synced])
    }

    public func replicaTableNames() throws -> [String] {
        try String.fetchAll(self, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
    }

    public func replicaTable(named name: String) throws -> ReplicaTable? {
        // Only names of lower-case letters and underscores ever become SQL, and only once the schema holds them.
        guard !name.hasPrefix("sqlite_"), !name.hasPrefix("grdb_"), !name.isEmpty,
              name.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7a) || $0 == 0x5f }),
              try Bool.fetchOne(self, sql: "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [name]) == true
        else { return nil }
        let info = try Row.fetchAll(self, sql: "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
        return ReplicaTable(name: name, columns: info.map { $0["name"] as String },
                            key: Set(info.filter { ($0["pk"] as Int) > 0 }.map { $0["name"] as String }))
    }

    public func replicaRow(_ table: ReplicaTable, key: [(name: String, value: WireValue)]) throws -> [WireValue]? {
        let condition = key.map { "\(quoted($0.name, in: table)) = ?" }.joined(separator: " AND ")
        let list = table.columns.map(Self.quoted).joined(separator: ", ")
        guard let row = try Row.fetchOne(self, sql: "SELECT \(list) FROM \(Self.quoted(table.name)) WHERE \(condition)",
                                         arguments: StatementArguments(key.map { $0.value.databaseValue })) else { return nil }
        return try table.columns.indices.map { try WireValue(row[$0] as DatabaseValue) }
    }

    public func replicaRows(_ table: ReplicaTable) throws -> [[WireValue]] {
        let list = table.columns.map(Self.quoted).joined(separator: ", ")
        return try Row.fetchAll(self, sql: "SELECT \(list) FROM \(Self.quoted(table.name))").map { row in
            try table.columns.indices.map { try WireValue(row[$0] as DatabaseValue) }
        }
    }

    public func replaceReplicaRow(_ table: ReplicaTable, values: [WireValue]) throws {
        precondition(values.count == table.columns.count, "a row of \(table.name) with the wrong number of columns")
        let list = table.columns.map(Self.quoted).joined(separator: ", ")
        let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
        try execute(sql: "INSERT OR REPLACE INTO \(Self.quoted(table.name)) (\(list)) VALUES (\(marks))",
                    arguments: StatementArguments(values.map(\.databaseValue)))
    }

    public func deleteReplicaRow(_ table: ReplicaTable, key: [(name: String, value: WireValue)]) throws {
        let condition = key.map { "\(quoted($0.name, in: table)) = ?" }.joined(separator: " AND ")
        try execute(sql: "DELETE FROM \(Self.quoted(table.name)) WHERE \(condition)",
                    arguments: StatementArguments(key.map { $0.value.databaseValue }))
    }

    public func recordChanges() throws -> any ChangeRecorder {
        try SQLiteChangeRecorder(self)
    }

    /// A name of the schema as SQL: every name that reaches here was read from `sqlite_master` or `table_info`.
    static func quoted(_ name: String) -> String { "\"\(name)\"" }

    private func quoted(_ column: String, in table: ReplicaTable) -> String {
        precondition(table.columns.contains(column), "a column \(table.name) does not have")
        return Self.quoted(column)
    }
}

/// The rows one write transaction changed, as SQLite's session extension recorded them.
final class SQLiteChangeRecorder: ChangeRecorder {
    private let db: Database
    private var session: OpaquePointer?

    init(_ db: Database) throws {
        var session: OpaquePointer?
        let code = abri_session_begin(UnsafeMutableRawPointer(db.sqliteConnection), &session)
        guard code == 0, let session else { throw AbriError.internalError("the change recorder could not start (SQLite error \(code))") }
        self.db = db
        self.session = session
    }

    deinit { abri_session_end(session) }

    func changes() throws -> [RecordedChange] {
        var iterator: OpaquePointer?
        let code = abri_session_changes(session, &iterator)
        guard code == 0, let iterator else { throw AbriError.internalError("the changed rows could not be read (SQLite error \(code))") }
        defer { abri_changes_free(iterator) }
        var tables: [String: ReplicaTable] = [:]
        var changes: [RecordedChange] = []
        while true {
            let step = abri_changes_next(iterator)
            if step == 101 { break }
            guard step == 100 else { throw AbriError.internalError("the changed rows could not be read (SQLite error \(step))") }
            var tableName: UnsafePointer<CChar>?
            var count: Int32 = 0, operation: Int32 = 0
            guard abri_changes_current(iterator, &tableName, &count, &operation) == 0, let tableName else {
                throw AbriError.internalError("a changed row could not be read")
            }
            let name = String(cString: tableName)
            let table: ReplicaTable
            if let known = tables[name] {
                table = known
            } else {
                guard let found = try db.replicaTable(named: name) else { throw AbriError.internalError("a changed row of an unknown table") }
                table = found
                tables[name] = found
            }
            let deleted = operation == 3
            var key: [(name: String, value: WireValue)] = []
            var old: [String: WireValue] = [:]
            for column in 0 ..< Int(count) where column < table.columns.count {
                let isKey = abri_changes_is_key(iterator, Int32(column)) != 0
                if deleted || isKey {
                    let value = try Self.value(iterator, old: operation != 1, column: column)
                    if isKey { key.append((table.columns[column], value)) }
                    old[table.columns[column]] = value
                }
            }
            changes.append(RecordedChange(table: table, key: key, deleted: deleted, old: old))
        }
        return changes
    }

    private static func value(_ iterator: OpaquePointer, old: Bool, column: Int) throws -> WireValue {
        var type: Int32 = 0, integer: Int64 = 0, length: Int32 = 0
        var bytes: UnsafeRawPointer?
        guard abri_changes_value(iterator, old ? 1 : 0, Int32(column), &type, &integer, &bytes, &length) == 0 else {
            throw AbriError.internalError("a changed value could not be read")
        }
        switch type {
        case 1: return .integer(integer)
        case 3: return .text(String(decoding: UnsafeRawBufferPointer(start: bytes, count: Int(length)), as: UTF8.self))
        case 4: return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: Int(length))))
        case 5: return .null
        default: throw AbriError.internalError("a changed value of a type the vault does not use")
        }
    }
}

extension WireValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let value): value.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }

    init(_ value: DatabaseValue) throws {
        switch value.storage {
        case .null: self = .null
        case .int64(let integer): self = .integer(integer)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob(Array(data))
        case .double: throw AbriError.internalError("a REAL value in the vault, which its schema never stores")
        }
    }
}
