/// The rows of what a bundle brings in and takes out: foreign rosters (Docs/FORMAT.md: bundles), as the domain reads and writes them.
///
/// Import and export have their own semantics (a record, a chunk or a roster already here is kept, insert-or-ignore),
/// so the rows a bundle reads and writes are named for what the bundle does, even where another area reads the same
/// table. What a bundle reads as any command does (a case's key, whether it was shredded, the latest roster) is the
/// other areas'.
public protocol BundleRows {
    /// The `records` rows of case `caseID` (id, origin, general, locating), in `seq` order: what an export may carry.
    func recordsToExport(caseID: [UInt8]) throws -> [SealedRecordRow]

    /// The stored `records` row of record `recordID` (case, origin, ciphertexts) an import opens too; nil if not here.
    func storedCopyOfImportedRecord(recordID: [UInt8]) throws -> StoredRecordCopyRow?

    /// Whether bundle `bundleID` is in `imported`: it was imported here before.
    func bundleWasImported(bundleID: [UInt8]) throws -> Bool

    /// Adds an imported `records` row unless its id is already here (insert-or-ignore); whether it was added.
    func insertImportedRecord(_ record: RecordRow) throws -> Bool

    /// Adds an imported `chunks` row unless that segment is here or its blob is kept as a file (`attachment_files`).
    func insertImportedChunk(blob: [UInt8], n: Int, caseID: [UInt8], data: [UInt8]) throws

    /// Keeps a `foreign_rosters` row that vouched for an import, unless that vault's version is kept (insert-or-ignore).
    func insertForeignRoster(vault: [UInt8], version: Int, body: [UInt8], signature: [UInt8]) throws

    /// Adds bundle `bundleID` to `imported`: it cannot be imported again.
    func insertImportedBundle(bundleID: [UInt8]) throws

    /// The `foreign_rosters` rows of vault `vault` (body, signature), by version: what an export carries for its records.
    func foreignRosters(vault: [UInt8]) throws -> [SignedRosterRow]

    /// Every `foreign_rosters` row (vault, body, signature), by vault then version: what vouches for imported authors.
    func foreignRosters() throws -> [ForeignRosterRow]
}

/// A `records` row's sealed content: the record's id, its origin vault and both sealed compartments.
public struct SealedRecordRow: Sendable, Equatable {
    public var id: [UInt8]
    public var origin: [UInt8]
    public var general: [UInt8]
    public var locating: [UInt8]

    public init(id: [UInt8], origin: [UInt8], general: [UInt8], locating: [UInt8]) {
        self.id = id
        self.origin = origin
        self.general = general
        self.locating = locating
    }
}

/// The stored `records` row of a record an import also carries: its case, its origin vault and its sealed
/// compartments.
public struct StoredRecordCopyRow: Sendable, Equatable {
    public var caseID: [UInt8]
    public var origin: [UInt8]
    public var general: [UInt8]
    public var locating: [UInt8]

    public init(caseID: [UInt8], origin: [UInt8], general: [UInt8], locating: [UInt8]) {
        self.caseID = caseID
        self.origin = origin
        self.general = general
        self.locating = locating
    }
}

/// A signed roster as `foreign_rosters` stores it: its canonical body and its administrator's signature.
public struct SignedRosterRow: Sendable, Equatable {
    public var body: [UInt8]
    public var signature: [UInt8]

    public init(body: [UInt8], signature: [UInt8]) {
        self.body = body
        self.signature = signature
    }
}

/// A `foreign_rosters` row: the id of the other vault, and the body and signature of its roster.
public struct ForeignRosterRow: Sendable, Equatable {
    public var vault: [UInt8]
    public var body: [UInt8]
    public var signature: [UInt8]

    public init(vault: [UInt8], body: [UInt8], signature: [UInt8]) {
        self.vault = vault
        self.body = body
        self.signature = signature
    }
}
