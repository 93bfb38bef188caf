public import AbriPublic
import AbriStore

/// The tables a replica exchanges with its hub, read from the vault's own schema (Docs/FORMAT.md §7.1): a change for
/// any other table, or with other columns, is refused.
struct ReplicaSchema {
    /// Tables local to one machine: never sent, never accepted.
    static let local: Set<String> = ["replica", "attachment_files"]

    /// Tables whose rows are only ever added.
    static let appendOnly: Set<String> = ["log", "heads", "roster"]

    private var tables: [String: ReplicaTable] = [:]

    /// The table named `name` in the vault's schema (65 for anything else: a hostile hub names what it likes).
    mutating func table(_ name: String, _ db: any VaultTransaction) throws -> ReplicaTable {
        if let known = tables[name] { return known }
        guard let table = try db.replicaTable(named: name) else {
            throw AbriError.badData("the hub sent a row of a table this vault does not have (run `abri verify --hub`)")
        }
        tables[name] = table
        return table
    }

    /// The row of `table` with this key as it stands now, every column by name, nil if there is none.
    static func row(of table: ReplicaTable, key: [(name: String, value: WireValue)], _ db: any VaultTransaction) throws -> WireColumns? {
        guard let values = try db.replicaRow(table, key: key) else { return nil }
        return try ChangeCapture.wire(WireColumns(Array(zip(table.columns, values))))
    }
}
