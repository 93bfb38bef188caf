import AbriCrypto
public import Foundation
public import AbriPublic
import AbriStore

/// A vault file kept as a replica of a hub's vault (Docs/FORMAT.md §7): pulling the hub's changes into it, checked as
/// a hostile file is, and the state that makes it a replica.
public enum Replica {
    /// The replica state of the vault file at `store`, nil when it is not a replica.
    public static func state(of store: Store) throws -> ReplicaState? {
        try store.read { db in try ReplicaState.load(db) }
    }

    /// Makes `store` a replica of `hub`, holding every change up to `cursor`; with `attachmentsOnDemand`, it keeps
    /// no attachment of others and fetches one from the hub when it is opened (§7.5).
    public static func attach(_ store: Store, hub: String, cursor: UInt64, attachmentsOnDemand: Bool = false) throws {
        try store.write(sendingToHub: false) { db in
            try ReplicaState(hub: hub, cursor: cursor, synced: Date(), attachmentsOnDemand: attachmentsOnDemand).save(db)
        }
    }

    /// Every row of the vault as changes, for its creation on a hub (`abri init --hub`).
    public static func wholeVault(_ store: Store) throws -> [WireChange] {
        try store.read { db in
            var schema = ReplicaSchema()
            var changes: [WireChange] = []
            for name in try db.replicaTableNames() where !ReplicaSchema.local.contains(name) {
                let table = try schema.table(name, db)
                for values in try db.replicaRows(table) {
                    let columns = Array(zip(table.columns, values)).map { (name: $0.0, value: $0.1) }
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
                // A hub never goes back: one restored from an older copy is refused before its head is even read.
                guard next.seq >= state.cursor else {
                    throw AbriError.badData("the hub is behind this machine's copy: it was restored from an older copy or replaced (nothing was changed; tell the administrator)")
                }
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
                throw AbriError.badData("the hub sent another vault than the one asked for: nothing was changed (check the vault id)")
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
    private static func header(_ db: any VaultTransaction) throws -> (id: [UInt8], admin: String)? {
        let header = try db.vaultHeader()
        guard let id = header.vault, let admin = header.admin else { return nil }
        guard id.count == 16, let line = String(validating: admin, as: UTF8.self) else {
            throw AbriError.badData("the vault's header is damaged (restore the vault from a backup)")
        }
        return (id, line)
    }

    /// One change from the hub, into this vault's own tables and columns only (65 otherwise).
    static func apply(_ change: WireChange, schema: inout ReplicaSchema, _ db: any VaultTransaction) throws {
        let refused = AbriError.badData("the hub sent a row this vault cannot hold: nothing was changed (run `abri verify --hub`)")
        guard !ReplicaSchema.local.contains(change.table) else { throw refused }
        let table = try schema.table(change.table, db)
        let keyNames = change.key.columns.map(\.name)
        guard Set(keyNames) == table.key, keyNames.count == table.key.count else { throw refused }
        // The log, its heads and the roster are only ever added to (§7.3): a row of theirs that this copy holds is
        // never changed or deleted by the hub.
        if ReplicaSchema.appendOnly.contains(table.name), let held = try ReplicaSchema.row(of: table, key: change.key.columns, db),
           held != change.values {
            throw AbriError.badData("the hub changed the access log, its signed heads or the roster that this machine already holds: nothing was changed (tell the administrator)")
        }
        if let values = change.values {
            let names = values.columns.map(\.name)
            guard Set(names) == Set(table.columns), names.count == table.columns.count else { throw refused }
            for (name, value) in change.key.columns where values[name] != value { throw refused }
            try db.replaceReplicaRow(table, values: table.columns.map { values[$0]! })
        } else {
            try db.deleteReplicaRow(table, key: change.key.columns)
        }
    }
}

extension Vault {
    /// The text and signature of this copy's latest signed head (Docs/FORMAT.md §3.7), nil before any: what
    /// `abri verify --hub` compares with the hub's.
    public func latestSignedHead() throws -> (text: [UInt8], signature: [UInt8])? {
        try store.read { db in
            try AccessLog.latestHead(db, vault: self).map { ($0.noteText(vault: self), $0.signature) }
        }
    }
}
