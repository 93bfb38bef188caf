public import GRDB
public import AbriStore

/// On SQLite, a transaction is GRDB's connection inside `inTransaction`: each area's rows are an extension of it
/// (`SQLite+CaseRows.swift`…), and nothing outside this module names a table or a column.
extension Database: VaultTransaction {
}
