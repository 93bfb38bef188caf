public import AbriPublic

/// The rows of a replica's own state (its hub, cursor and last sync: Docs/FORMAT.md §7.4), and the vault's rows as the
/// hub protocol carries them (§7.1): by table and column name, for the tables of the vault's own schema only.
public protocol ReplicaRows {
    /// The replica's state, nil when this vault is not a replica (no `replica` table or no hub named in it).
    func replicaState() throws -> ReplicaStateRow?
    /// Makes this vault a replica, or updates every part of its state.
    func saveReplicaState(_ state: ReplicaStateRow) throws
    /// Records that this copy holds the hub's changes up to `cursor`, as of `synced` (seconds since 1970).
    func moveReplicaCursor(to cursor: Int64, synced: Int64) throws

    /// The names of every table the vault's schema holds, the store's own bookkeeping excluded, in name order.
    func replicaTableNames() throws -> [String]
    /// A table of the vault's own schema (its columns in order, its primary key), nil when there is none of that name.
    func replicaTable(named name: String) throws -> ReplicaTable?
    /// The row of `table` with this primary key as it stands, every column, nil if there is none.
    func replicaRow(_ table: ReplicaTable, key: [(name: String, value: WireValue)]) throws -> [WireValue]?
    /// Every row of `table`, every column in the table's order.
    func replicaRows(_ table: ReplicaTable) throws -> [[WireValue]]
    /// Inserts the row, or replaces the one with the same primary key (`values` in the table's column order).
    func replaceReplicaRow(_ table: ReplicaTable, values: [WireValue]) throws
    /// Deletes the row of `table` with this primary key, if there is one.
    func deleteReplicaRow(_ table: ReplicaTable, key: [(name: String, value: WireValue)]) throws

    /// Starts recording the rows this transaction changes (SQLite's session extension on SQLite).
    func recordChanges() throws -> any ChangeRecorder
}

/// A replica's state (Docs/FORMAT.md §7.4): rows of this machine alone, never sent to the hub.
public struct ReplicaStateRow: Sendable, Equatable {
    /// The hub's base URL.
    public var hub: String
    /// The hub's sequence this copy holds every change up to.
    public var cursor: Int64
    /// The last time a pull or a push succeeded, in seconds since 1970.
    public var synced: Int64?
    /// Whether attachments are fetched from the hub when opened rather than mirrored (§7.5).
    public var attachmentsOnDemand: Bool

    public init(hub: String, cursor: Int64, synced: Int64?, attachmentsOnDemand: Bool) {
        self.hub = hub
        self.cursor = cursor
        self.synced = synced
        self.attachmentsOnDemand = attachmentsOnDemand
    }
}

/// A table of the vault's own schema, as the store describes it.
public struct ReplicaTable: Sendable, Equatable {
    /// Its name (lower-case letters and underscores only).
    public let name: String
    /// Every column, in the table's order.
    public let columns: [String]
    /// The primary key's columns.
    public let key: Set<String>

    public init(name: String, columns: [String], key: Set<String>) {
        self.name = name
        self.columns = columns
        self.key = key
    }
}

/// The rows one transaction changed so far, in the recorder's order (by table, then row).
public protocol ChangeRecorder: AnyObject {
    /// Every row changed since the recorder started, in the recorder's order.
    func changes() throws -> [RecordedChange]
}

/// One changed row: its table, its primary key (the old values for a deletion or an update, the new ones for an
/// insertion), and for a deletion every old value.
public struct RecordedChange: Sendable {
    public let table: ReplicaTable
    public let key: [(name: String, value: WireValue)]
    public let deleted: Bool
    public let old: [String: WireValue]

    public init(table: ReplicaTable, key: [(name: String, value: WireValue)], deleted: Bool, old: [String: WireValue]) {
        self.table = table
        self.key = key
        self.deleted = deleted
        self.old = old
    }
}
