/// The rows of grants, the inbox and consent withdrawals (Docs/FORMAT.md: grants, inbox, withdrawals), as the domain reads and writes them.
public protocol GrantRows {
    /// Adds a grant row to `grants`, replacing the row already at its locator.
    func insertGrant(_ row: GrantRow) throws
    /// Deletes the row of `grants` at a locator, if there is one.
    func deleteGrant(locator: [UInt8]) throws
    /// The row of `grants` at a locator (its box and public expiry day); nil when there is none.
    func grant(locator: [UInt8]) throws -> SealedGrantRow?
    /// The rows of `grants` labelled with a holder label (one partner's generation), in the store's order.
    func grants(holder: [UInt8]) throws -> [SealedGrantRow]
    /// The rows of `grants` with both a blind index of a household reference and a holder label, in the store's order.
    func grants(blind: [UInt8], holder: [UInt8]) throws -> [SealedGrantRow]
    /// The rows of `grants`, whoever holds them, whose public expiry day is before `day`, in the store's order.
    func grantsExpired(before day: Int32) throws -> [ExpiredGrantRow]
    /// Rewrites rows of `grants` in order, each found by its old locator, as re-sealed to a fresh generation.
    func resealGrants(_ rows: [ResealedGrantRow]) throws

    /// Adds a sealed item (a signed grant or withdrawal for another partner) to `inbox`.
    func insertInboxItem(box: [UInt8]) throws
    /// Every row of `inbox`, in the order the items were posted.
    func inboxItems() throws -> [InboxRow]
    /// Deletes the row of `inbox` numbered `n`.
    func deleteInboxItem(n: Int64) throws
}

/// A row of `grants` as written: a partner's sealed grant on a case and its public labels (Docs/FORMAT.md §3.3).
public struct GrantRow: Sendable, Equatable {
    /// Where the holder finds it: keyed by its generation and the case.
    public var locator: [UInt8]
    /// The holder's label for the generation that sealed it.
    public var holder: [UInt8]
    /// The blind index of the household reference, when the grant carries one.
    public var blind: [UInt8]?
    /// The public expiry day, when the grant has one.
    public var expires: Int32?
    /// The sealed grant.
    public var box: [UInt8]

    /// A row with every column given.
    public init(locator: [UInt8], holder: [UInt8], blind: [UInt8]?, expires: Int32?, box: [UInt8]) {
        self.locator = locator
        self.holder = holder
        self.blind = blind
        self.expires = expires
        self.box = box
    }
}

/// A row of `grants` as its holder finds it: what opening it needs.
public struct SealedGrantRow: Sendable, Equatable {
    /// Where it was found.
    public var locator: [UInt8]
    /// The public expiry day (part of the box's associated data), when the row has one.
    public var expires: Int32?
    /// The sealed grant.
    public var box: [UInt8]

    /// A row with every column given.
    public init(locator: [UInt8], expires: Int32?, box: [UInt8]) {
        self.locator = locator
        self.expires = expires
        self.box = box
    }
}

/// A row of `grants` past its public expiry day, with the label that tells whose it is.
public struct ExpiredGrantRow: Sendable, Equatable {
    /// Where it is.
    public var locator: [UInt8]
    /// The holder's label for the generation that sealed it.
    public var holder: [UInt8]
    /// The public expiry day.
    public var expires: Int32?
    /// The sealed grant.
    public var box: [UInt8]

    /// A row with every column given.
    public init(locator: [UInt8], holder: [UInt8], expires: Int32?, box: [UInt8]) {
        self.locator = locator
        self.holder = holder
        self.expires = expires
        self.box = box
    }
}

/// A `grants` row re-sealed to a fresh generation, and the locator of the row it replaces (Docs/FORMAT.md §3.3).
public struct ResealedGrantRow: Sendable, Equatable {
    public var oldLocator: [UInt8]
    public var locator: [UInt8]
    public var holder: [UInt8]
    public var blind: [UInt8]?
    public var box: [UInt8]

    public init(oldLocator: [UInt8], locator: [UInt8], holder: [UInt8], blind: [UInt8]?, box: [UInt8]) {
        self.oldLocator = oldLocator
        self.locator = locator
        self.holder = holder
        self.blind = blind
        self.box = box
    }
}

/// A row of `inbox`: its number, in the order of posting, and the sealed item.
public struct InboxRow: Sendable, Equatable {
    /// The row's number.
    public var n: Int64
    /// The sealed item.
    public var box: [UInt8]

    /// A row with every column given.
    public init(n: Int64, box: [UInt8]) {
        self.n = n
        self.box = box
    }
}
