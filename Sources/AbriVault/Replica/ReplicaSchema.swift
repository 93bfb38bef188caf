import Foundation
import GRDB
public import AbriPublic

/// The tables a replica exchanges with its hub, read from the vault's own schema (Docs/FORMAT.md §7.1): a change for
/// any other table, or with other columns, is refused.
struct ReplicaSchema {
    struct Table {
        let name: String
        /// Every column, in the table's order.
        let columns: [String]
        /// The primary key's columns.
        let key: Set<String>

        /// The row with this key as it stands now, every column, nil if there is none.
        func row(key values: [(name: String, value: WireValue)], _ db: Database) throws -> WireColumns? {
            let condition = values.map { "\"\($0.name)\" = ?" }.joined(separator: " AND ")
            let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
            guard let row = try Row.fetchOne(db, sql: "SELECT \(list) FROM \"\(name)\" WHERE \(condition)",
                                             arguments: StatementArguments(values.map { $0.value.databaseValue })) else { return nil }
            return try ChangeCapture.wire(WireColumns(try columns.enumerated().map { index, column in
                (column, try WireValue(row[index] as DatabaseValue))
            }))
        }
    }

    /// Tables local to one machine: never sent, never accepted.
    static let local: Set<String> = ["replica", "attachment_files"]

    private var tables: [String: Table] = [:]

    /// The table named `name` in the vault's schema (65 for anything else: a hostile hub names what it likes).
    mutating func table(_ name: String, _ db: Database) throws -> Table {
        if let known = tables[name] { return known }
        guard !name.hasPrefix("sqlite_"), name.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7a) || $0 == 0x5f }),
              try Bool.fetchOne(db, sql: "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [name]) == true
        else { throw AbriError.badData("the hub sent a row of a table this vault does not have (run `abri verify --hub`)") }
        let info = try Row.fetchAll(db, sql: "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
        let table = Table(name: name, columns: info.map { $0["name"] as String },
                          key: Set(info.filter { ($0["pk"] as Int) > 0 }.map { $0["name"] as String }))
        tables[name] = table
        return table
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
