/// The rows of cases, records, attachments' rows and their chunks (Docs/FORMAT.md: cases, shredded, records, chunks), as the domain reads and writes them.
public protocol CaseRows {
    /// The ids of every case in `cases` (a shredded case has none), in the store's order.
    func caseIDs() throws -> [[UInt8]]
    /// Whether `cases` holds a row for the case.
    func caseExists(caseID: [UInt8]) throws -> Bool
    /// The case key of a case's row in `cases`, stored in clear; nil when the case has no row.
    func caseKey(caseID: [UInt8]) throws -> [UInt8]?
    /// The public day of a case's row in `cases` (the day of its deposit); nil when the case has no row.
    func caseDay(caseID: [UInt8]) throws -> Int32?
    /// Adds a case's row to `cases`: its id, its case key and its public day.
    func insertCase(id: [UInt8], caseKey: [UInt8], day: Int32) throws
    /// Deletes a case's row from `cases` (its case key), as a shred does.
    func deleteCase(id: [UInt8]) throws
    /// Whether `shredded` holds the case id: the case was shredded here and cannot come back.
    func isShredded(caseID: [UInt8]) throws -> Bool
    /// Adds a case id to `shredded`, unless it is there already.
    func insertShredded(caseID: [UInt8]) throws

    /// Adds a record's row to `records`, sealed parts and public columns.
    func insertRecord(_ row: RecordRow) throws
    /// Adds a record's row to `records` unless its id is there already (an import's copy); whether it was added.
    func insertRecordUnlessPresent(_ row: RecordRow) throws -> Bool
    /// A record's row in `records` (id, sequence number, origin vault, both sealed parts) if it is the case's, else nil.
    func record(id: [UInt8], caseID: [UInt8]) throws -> StoredRecordRow?
    /// A record's origin vault and sealed general part, if its row in `records` belongs to the case.
    func generalPart(record: [UInt8], caseID: [UInt8]) throws -> GeneralPartRow?
    /// A record's origin vault and sealed general part, whichever case its row in `records` names.
    func generalPart(record: [UInt8]) throws -> GeneralPartRow?
    /// A record's row in `records` (case, origin vault, both sealed parts), whichever case it names; nil when none.
    func sealedRecord(id: [UInt8]) throws -> SealedRecordRow?
    /// A case's rows in `records` (id, origin vault, both sealed parts), by sequence number.
    func sealedRecords(caseID: [UInt8]) throws -> [SealedRecordRow]
    /// The highest sequence number among a case's rows in `records`; nil when it has none.
    func lastRecordSeq(caseID: [UInt8]) throws -> Int?
    /// The id and public day of each of a case's rows in `records`, in the store's order.
    func recordDays(caseID: [UInt8]) throws -> [RecordDayRow]
    /// Deletes every row of `records` of a case.
    func deleteRecords(caseID: [UInt8]) throws

    /// Whether `chunks` holds any segment of an attachment's blob (as a backup or a pull keeps them).
    func hasChunks(blob: [UInt8]) throws -> Bool
    /// The sealed segment `segment` of an attachment's blob, from its row in `chunks`; nil when there is none.
    func chunk(blob: [UInt8], segment: Int) throws -> [UInt8]?
    /// Adds a segment's row to `chunks` unless that segment is there or its blob is kept as a file (`attachment_files`).
    func insertChunkUnlessPresent(blob: [UInt8], segment: Int, caseID: [UInt8], data: [UInt8]) throws
    /// Deletes every row of `chunks` of a case.
    func deleteChunks(caseID: [UInt8]) throws
}

/// A row of `records` as written: a record's two sealed compartments and its public columns (Docs/FORMAT.md §3.4).
public struct RecordRow: Sendable, Equatable {
    /// The record's id.
    public var id: [UInt8]
    /// The case it belongs to.
    public var caseID: [UInt8]
    /// Its place among the case's records.
    public var seq: Int
    /// Its public day.
    public var day: Int32
    /// The id of the vault where it was written.
    public var origin: [UInt8]
    /// The sealed general compartment.
    public var general: [UInt8]
    /// The sealed locating compartment (filler when the record has none).
    public var locating: [UInt8]

    /// A row with every column given.
    public init(id: [UInt8], caseID: [UInt8], seq: Int, day: Int32, origin: [UInt8], general: [UInt8], locating: [UInt8]) {
        self.id = id
        self.caseID = caseID
        self.seq = seq
        self.day = day
        self.origin = origin
        self.general = general
        self.locating = locating
    }
}

/// A row of `records` as a holder of the case reads it: what opening both compartments needs.
public struct StoredRecordRow: Sendable, Equatable {
    /// The record's id.
    public var id: [UInt8]
    /// Its place among the case's records.
    public var seq: Int
    /// The id of the vault where it was written.
    public var origin: [UInt8]
    /// The sealed general compartment.
    public var general: [UInt8]
    /// The sealed locating compartment.
    public var locating: [UInt8]

    /// A row with every column given.
    public init(id: [UInt8], seq: Int, origin: [UInt8], general: [UInt8], locating: [UInt8]) {
        self.id = id
        self.seq = seq
        self.origin = origin
        self.general = general
        self.locating = locating
    }
}

/// A row of `records` as a bundle carries it: a record's sealed compartments and what their associated data names.
public struct SealedRecordRow: Sendable, Equatable {
    /// The record's id.
    public var id: [UInt8]
    /// The case it belongs to.
    public var caseID: [UInt8]
    /// The id of the vault where it was written.
    public var origin: [UInt8]
    /// The sealed general compartment.
    public var general: [UInt8]
    /// The sealed locating compartment.
    public var locating: [UInt8]

    /// A row with every column given.
    public init(id: [UInt8], caseID: [UInt8], origin: [UInt8], general: [UInt8], locating: [UInt8]) {
        self.id = id
        self.caseID = caseID
        self.origin = origin
        self.general = general
        self.locating = locating
    }
}

/// A record's general compartment as stored in `records`, with the origin its associated data names.
public struct GeneralPartRow: Sendable, Equatable {
    /// The id of the vault where it was written.
    public var origin: [UInt8]
    /// The sealed general compartment.
    public var general: [UInt8]

    /// A row with every column given.
    public init(origin: [UInt8], general: [UInt8]) {
        self.origin = origin
        self.general = general
    }
}

/// A record's id and public day, as `records` holds them.
public struct RecordDayRow: Sendable, Equatable {
    /// The record's id.
    public var id: [UInt8]
    /// Its public day.
    public var day: Int32

    /// A row with every column given.
    public init(id: [UInt8], day: Int32) {
        self.id = id
        self.day = day
    }
}
