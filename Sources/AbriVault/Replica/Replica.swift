import AbriCrypto
public import Foundation
import GRDB
public import AbriPublic

/// A vault file kept as a replica of a hub's vault (Docs/FORMAT.md §7): pulling the hub's changes into it, checked as
/// a hostile file is, and the state that makes it a replica.
public enum Replica {
    /// The replica state of the vault file at `store`, nil when it is not a replica.
    public static func state(of store: Store) throws -> ReplicaState? {
        try store.read { db in try ReplicaState.load(db) }
    }

    /// Makes `store` a replica of `hub`, holding every change up to `cursor`.
    public static func attach(_ store: Store, hub: String, cursor: UInt64) throws {
        try store.write(sendingToHub: false) { db in
            try ReplicaState(hub: hub, cursor: cursor, synced: Date()).save(db)
        }
    }

    /// Every row of the vault as changes, for its creation on a hub (`abri init --hub`).
    public static func wholeVault(_ store: Store) throws -> [WireChange] {
        try store.read { db in
            var schema = ReplicaSchema()
            var changes: [WireChange] = []
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
            for name in names where !ReplicaSchema.local.contains(name) {
                let table = try schema.table(name, db)
                let list = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
                for row in try Row.fetchAll(db, sql: "SELECT \(list) FROM \"\(name)\"") {
                    let columns = try table.columns.enumerated().map { index, column in (name: column, value: try WireValue(row[index] as DatabaseValue)) }
                    let key = columns.filter { table.key.contains($0.name) }
                    changes.append(try ChangeCapture.wire(WireChange(table: name, key: WireColumns(key), values: WireColumns(columns))))
                }
            }
            return changes
        }
    }

    /// What a pull did.
    public struct Pulled: Sendable {
        /// Changes applied.
        public var changes: Int
        /// The hub's sequence this copy now holds.
        public var cursor: UInt64
    }

    /// Pulls the hub's changes into `store` (Docs/FORMAT.md §7.3, §7.4): `page(since, after)` fetches one feed page.
    /// Every page is applied in one transaction, followed by the checks every command makes (the roster and the key
    /// custody the latest head names, and the head against the edge this machine kept); any failure rolls everything
    /// back (65), so a hostile or restored hub changes nothing here. `expectedVault` (a clone) is the vault id the
    /// feed must carry.
    @discardableResult
    public static func pull(into store: Store, stateDirectory: String, expectedVault: [UInt8]? = nil,
                            page: (_ since: UInt64, _ after: FeedCursor?) throws -> FeedPage) throws -> Pulled {
        var seen: (guard: HistoryGuard, seen: HistoryGuard.Seen, admin: String)?
        let pulled = try store.write(sendingToHub: false) { db -> Pulled in
            guard var state = try ReplicaState.load(db) else {
                throw AbriError.usage("this vault is not a replica of a hub (see `abri status`)")
            }
            let before = try header(db)
            var schema = ReplicaSchema()
            var applied = 0
            var after: FeedCursor?
            var cursor = state.cursor
            while true {
                let next = try page(state.cursor, after)
                for entry in next.entries {
                    try apply(entry.change, schema: &schema, db)
                    after = FeedCursor(seq: entry.seq, table: entry.change.table, key: entry.change.key.encoded)
                }
                applied += next.entries.count
                cursor = max(cursor, next.seq)
                if !next.more { break }
                guard !next.entries.isEmpty else { throw AbriError.badData("the hub announced more changes and sent none (run `abri verify --hub`)") }
            }
            // The vault's identity never changes under a replica: a hub that swaps the id or the administrator is
            // refused whatever it signed.
            let after_ = try header(db)
            guard let header = after_ else { throw AbriError.badData("the hub's copy of this vault has no header (run `abri verify --hub`)") }
            if let before, before != header {
                throw AbriError.badData("the hub sent another vault or another administrator for this one: nothing was changed (run `abri verify --hub`)")
            }
            if let expectedVault, header.id != expectedVault {
                throw AbriError.badData("the hub sent another vault than the one asked for: nothing was changed")
            }
            let admin = try PublicIdentity(parsing: header.admin)
            let vault = Vault(checking: store, id: header.id, admin: admin, stateDirectory: stateDirectory)
            let accepted = try vault.history.load()
            _ = try vault.roster(db)
            let checked = try vault.history.check(try AccessLog.latestHead(db, vault: vault), accepted: accepted, admin: header.admin, db)
            seen = (vault.history, checked, header.admin)
            state.cursor = cursor
            state.synced = Date()
            try state.save(db)
            return Pulled(changes: applied, cursor: cursor)
        }
        if let seen { try seen.guard.accept(seen.seen, admin: seen.admin) }
        return pulled
    }

    /// The vault id and the administrator's line, nil in an empty file.
    private static func header(_ db: Database) throws -> (id: [UInt8], admin: String)? {
        let id = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'vault'")
        let admin = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'admin'")
        guard let id, let admin else { return nil }
        guard id.count == 16, let line = String(data: admin, encoding: .utf8) else {
            throw AbriError.badData("the vault's header is damaged (restore the vault from a backup)")
        }
        return (Array(id), line)
    }

    /// One change from the hub, into this vault's own tables and columns only (65 otherwise).
    static func apply(_ change: WireChange, schema: inout ReplicaSchema, _ db: Database) throws {
        let refused = AbriError.badData("the hub sent a row this vault cannot hold: nothing was changed (run `abri verify --hub`)")
        guard !ReplicaSchema.local.contains(change.table) else { throw refused }
        let table = try schema.table(change.table, db)
        let keyNames = change.key.columns.map(\.name)
        guard Set(keyNames) == table.key, keyNames.count == table.key.count else { throw refused }
        if let values = change.values {
            let names = values.columns.map(\.name)
            guard Set(names) == Set(table.columns), names.count == table.columns.count else { throw refused }
            for (name, value) in change.key.columns where values[name] != value { throw refused }
            let list = names.map { "\"\($0)\"" }.joined(separator: ", ")
            let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
            try db.execute(sql: "INSERT OR REPLACE INTO \"\(table.name)\" (\(list)) VALUES (\(marks))",
                           arguments: StatementArguments(values.columns.map { $0.value.databaseValue }))
        } else {
            let condition = keyNames.map { "\"\($0)\" = ?" }.joined(separator: " AND ")
            try db.execute(sql: "DELETE FROM \"\(table.name)\" WHERE \(condition)",
                           arguments: StatementArguments(change.key.columns.map { $0.value.databaseValue }))
        }
    }
}
