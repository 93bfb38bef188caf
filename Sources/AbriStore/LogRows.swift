/// One row of `log`: entry `seq` (from 1), its public day and the sealed entry (Docs/FORMAT.md §3.6).
public struct LogEntryRow: Sendable, Equatable {
    public var seq: Int
    public var day: Int32
    public var entry: [UInt8]

    public init(seq: Int, day: Int32, entry: [UInt8]) {
        self.seq = seq
        self.day = day
        self.entry = entry
    }
}

/// One row of `log_tags`: a tag found inside entry `seq` (Docs/FORMAT.md §3.6).
public struct LogTagRow: Sendable, Equatable {
    public var tag: [UInt8]
    public var seq: Int

    public init(tag: [UInt8], seq: Int) {
        self.tag = tag
        self.seq = seq
    }
}

/// How many rows `log` holds, and the highest `seq` among them (0 for an empty log).
public struct LogCountRow: Sendable, Equatable {
    public var count: Int
    public var lastSeq: Int

    public init(count: Int, lastSeq: Int) {
        self.count = count
        self.lastSeq = lastSeq
    }
}

/// One row of `heads`: a signed tree head and the parts of its text (Docs/FORMAT.md §3.7).
public struct HeadRow: Sendable, Equatable {
    public var size: Int
    public var root: [UInt8]
    public var day: String
    /// `log` or `admin`.
    public var signer: String
    public var keyGeneration: Int
    public var rosterVersion: Int
    public var rosterHash: [UInt8]
    /// The key custody digest.
    public var keys: [UInt8]
    public var previous: Int
    public var signature: [UInt8]

    public init(size: Int, root: [UInt8], day: String, signer: String, keyGeneration: Int, rosterVersion: Int,
                rosterHash: [UInt8], keys: [UInt8], previous: Int, signature: [UInt8]) {
        self.size = size
        self.root = root
        self.day = day
        self.signer = signer
        self.keyGeneration = keyGeneration
        self.rosterVersion = rosterVersion
        self.rosterHash = rosterHash
        self.keys = keys
        self.previous = previous
        self.signature = signature
    }
}

/// What a row of `heads` binds besides the tree (Docs/FORMAT.md §3.7): the roster version and its hash, the key
/// custody digest, and the size of the head stored before it.
public struct HeadBindingRow: Sendable, Equatable {
    public var rosterVersion: Int
    public var rosterHash: [UInt8]
    public var keys: [UInt8]
    public var previous: Int

    public init(rosterVersion: Int, rosterHash: [UInt8], keys: [UInt8], previous: Int) {
        self.rosterVersion = rosterVersion
        self.rosterHash = rosterHash
        self.keys = keys
        self.previous = previous
    }
}

/// How a row of `heads` links into the chain of heads (Docs/FORMAT.md §3.7): its size, the size of the head before
/// it, and the roster version it names.
public struct HeadLinkRow: Sendable, Equatable {
    public var size: Int
    public var previous: Int
    public var rosterVersion: Int

    public init(size: Int, previous: Int, rosterVersion: Int) {
        self.size = size
        self.previous = previous
        self.rosterVersion = rosterVersion
    }
}

/// Of a `heads` row, the roster it binds: `roster_version` and `roster_hash` (Docs/FORMAT.md §3.7).
public struct HeadRosterRow: Sendable, Equatable {
    public var rosterVersion: Int
    public var rosterHash: [UInt8]

    public init(rosterVersion: Int, rosterHash: [UInt8]) {
        self.rosterVersion = rosterVersion
        self.rosterHash = rosterHash
    }
}

/// The rows of `log`, in `seq` order, read one at a time (a log of millions of entries is never held whole).
public protocol LogEntryCursor: AnyObject {
    /// The next row of `log`, or nil past the last.
    func next() throws -> LogEntryRow?
}

/// The rows of the access log: entries, slots, heads and the tree edge (Docs/FORMAT.md: log, heads), as the domain reads and writes them.
public protocol LogRows {
    // MARK: log and log_tags (§3.6)

    /// Appends entries to `log`, each followed by the rows of `log_tags` for the tags inside it, in the given order.
    func appendEntries(_ entries: [(row: LogEntryRow, tags: [[UInt8]])]) throws
    /// Whether `log_tags` holds the tag (a reader key's chain is walked to its first free link).
    func logTagExists(_ tag: [UInt8]) throws -> Bool
    /// The entry of `log` that a row of `log_tags` with this tag points to, or nil.
    func entry(taggedWith tag: [UInt8]) throws -> LogEntryRow?
    /// Every row of `log_tags` for an entry after `seq`.
    func logTags(after seq: Int) throws -> [LogTagRow]
    /// The number of rows of `log` and the highest `seq`, or nil if the store returns none.
    func logCount() throws -> LogCountRow?
    /// The number of rows of `log` after `seq`.
    func logCount(after seq: Int) throws -> Int?
    /// Every row of `log`, in `seq` order, as a cursor.
    func allEntries() throws -> any LogEntryCursor
    /// The rows of `log` after `seq`, in `seq` order, as a cursor.
    func entries(after seq: Int) throws -> any LogEntryCursor
    /// The next page of rows of `log` after `seq` (at most 4096), in `seq` order.
    func entryPage(after seq: Int) throws -> [LogEntryRow]

    // MARK: meta: the tree edge and the restore statement (§3.6, §3.7)

    /// `meta.frontier`: the stored tree's right edge, encoded; nil when none is stored.
    func logFrontier() throws -> [UInt8]?
    /// Stores `meta.frontier`, replacing the one before.
    func storeLogFrontier(_ encoded: [UInt8]) throws
    /// `meta.restore`: the text of the administrator's restore statement, or nil.
    func restoreStatement() throws -> [UInt8]?
    /// `meta.restore-signature`: the administrator's signature of the restore statement, or nil.
    func restoreStatementSignature() throws -> [UInt8]?
    /// Stores `meta.restore` and `meta.restore-signature`, replacing any earlier statement.
    func storeRestoreStatement(_ text: [UInt8], signature: [UInt8]) throws

    // MARK: heads (§3.7)

    /// Stores a row of `heads`, replacing one of the same size.
    func storeHead(_ head: HeadRow) throws
    /// The row of `heads` with the highest size, or nil when none is stored.
    func latestHead() throws -> HeadRow?
    /// The `keys` digest of the latest row of `heads` (the largest size), nil before the first head.
    func latestHeadKeys() throws -> [UInt8]?
    /// The roster version and roster hash of the latest row of `heads` (the largest size), nil before the first head.
    func latestHeadRoster() throws -> HeadRosterRow?
    /// The rows of `heads` whose size is above `size`, by size.
    func heads(after size: Int) throws -> [HeadRow]
    /// Whether `heads` holds a row of this size.
    func headExists(size: Int) throws -> Bool
    /// The highest size in `heads` below `size` (0 when none): the head a new one names as `previous`.
    func previousHeadSize(before size: Int) throws -> Int?
    /// What the row of `heads` of this size binds, or nil when there is none.
    func headBinding(size: Int) throws -> HeadBindingRow?
    /// Every row of `heads` as a link of the chain (size, previous, roster version), by size.
    func headLinks() throws -> [HeadLinkRow]
}
