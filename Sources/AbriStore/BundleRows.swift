/// The rows of what bundles brought in (Docs/FORMAT.md: imported, foreign_rosters), as the domain reads and writes them.
///
/// A bundle's records and chunks are `records` and `chunks` rows (CaseRows), its case key a `cases` row.
public protocol BundleRows {
    /// Whether bundle `bundleID` is in `imported`: it was imported here before.
    func bundleWasImported(bundleID: [UInt8]) throws -> Bool
    /// Adds bundle `bundleID` to `imported`: it cannot be imported again.
    func insertImportedBundle(bundleID: [UInt8]) throws

    /// Keeps a `foreign_rosters` row that vouched for an import, unless that vault's version is kept (insert-or-ignore).
    func insertForeignRoster(vault: [UInt8], version: Int, body: [UInt8], signature: [UInt8]) throws
    /// The `foreign_rosters` rows of vault `vault` (body, signature), by version: what an export carries for its records.
    func foreignRosters(vault: [UInt8]) throws -> [SignedRosterRow]
    /// Every `foreign_rosters` row (vault, body, signature), by vault then version: what vouches for imported authors.
    func foreignRosters() throws -> [ForeignRosterRow]
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
