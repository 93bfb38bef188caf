/// The rows of the roster's versions, approvals and the vault's own metadata (Docs/FORMAT.md: roster, approvals, meta), as the domain reads and writes them.
public protocol RosterRows {
    /// Stores the vault's header in `meta`: its `format`, its 16-byte `vault` id and its `admin` identity line.
    func insertVaultHeader(format: [UInt8], vault: [UInt8], admin: [UInt8]) throws
    /// The vault's header from `meta`: the values of `vault` and `admin`, each nil when its row is missing.
    func vaultHeader() throws -> VaultHeaderRow

    /// The `roster` row of the highest version, nil before the first change.
    func latestRoster() throws -> RosterVersionRow?
    /// Every `roster` row, by version.
    func rosterVersions() throws -> [RosterVersionRow]
    /// Stores a new `roster` row (a signed roster version).
    func insertRoster(_ row: RosterVersionRow) throws

    /// Every `approvals` row of `partner`, as stored (their signatures unchecked).
    func approvals(partner: String) throws -> [ApprovalRow]
    /// Stores an `approvals` row, replacing one with the same partner, identity, enrolment and signer.
    func insertOrReplaceApproval(_ row: ApprovalRow) throws
}

/// The vault's header in `meta` (Docs/FORMAT.md §3): the `vault` id and the `admin` line, as stored (nil when missing).
public struct VaultHeaderRow: Sendable, Equatable {
    public var vault: [UInt8]?
    public var admin: [UInt8]?

    public init(vault: [UInt8]?, admin: [UInt8]?) {
        self.vault = vault
        self.admin = admin
    }
}

/// A `roster` row: a roster version, its canonical body and the administrator's signature (Docs/FORMAT.md §3.1).
public struct RosterVersionRow: Sendable, Equatable {
    public var version: Int
    public var body: [UInt8]
    public var signature: [UInt8]

    public init(version: Int, body: [UInt8], signature: [UInt8]) {
        self.version = version
        self.body = body
        self.signature = signature
    }
}

/// An `approvals` row: a member's signed approval of a newcomer's enrolment (Docs/FORMAT.md §3.2.1).
public struct ApprovalRow: Sendable, Equatable {
    public var partner: String
    public var identity: String
    public var enrolled: Int
    public var signerKey: [UInt8]
    public var signature: [UInt8]

    public init(partner: String, identity: String, enrolled: Int, signerKey: [UInt8], signature: [UInt8]) {
        self.partner = partner
        self.identity = identity
        self.enrolled = enrolled
        self.signerKey = signerKey
        self.signature = signature
    }
}
