import AbriCrypto
import Foundation
import AbriPublic
import AbriStore

/// One record as the caller may see it.
public struct OpenedRecord: Sendable {
    /// Record id.
    public var id: String
    /// Record type.
    public var type: String
    /// `partner/name` of the author (signature checked).
    public var author: String
    /// When it was written.
    public var createdAt: String
    /// The general compartment.
    public var general: [String: JSONValue]
    /// The locating compartment, only when revealed.
    public var locating: [String: JSONValue]?
    /// Attachments the caller may see (locating ones only when revealed).
    public var attachments: [(info: AttachmentInfo, compartment: Compartment)]
    /// `locating` when the caller may read it but did not reveal it.
    public var masked: [String]
    /// `locating` when the caller holds no grant on it.
    public var withheld: [String]
}

/// A case as opened.
public struct OpenedCase: Sendable {
    /// The case id.
    public var caseID: CaseID
    /// Its records, oldest first.
    public var records: [OpenedRecord]
    /// The last day of the consent under which the caller's partner holds the case, when it was given with one.
    public var consentUntil: String? = nil
}

/// One attachment of a case, as its record names it: never by its blob alone.
public struct AttachmentChoice: Sendable {
    /// The record's id.
    public var record: String
    /// The compartment the attachment was sealed in.
    public var compartment: Compartment
    /// Its place among that compartment's attachments (`AttachmentInfo.index`).
    public var index: Int

    /// The attachment at `index` of `record`'s `compartment`.
    public init(record: String, compartment: Compartment, index: Int) {
        self.record = record
        self.compartment = compartment
        self.index = index
    }
}

extension MemberSession {
    /// Opens a case; locating parts only with `reveal`. Writes attachments into `attachmentsDirectory` when given.
    public func open(_ caseID: CaseID, reveal: Bool, purpose: String?, attachmentsDirectory: String? = nil) throws -> OpenedCase {
        if let attachmentsDirectory { try AttachmentOutput.checkDirectory(attachmentsDirectory) }
        let (opened, _) = try openLogged(caseID, reveal: reveal, purpose: purpose) { opened in
            // A name already taken in the folder is refused here, inside the transaction: the log keeps no open nor
            // reveal of a run that wrote nothing.
            if let attachmentsDirectory { _ = try AttachmentOutput.plan(opened.files.map(\.info), into: attachmentsDirectory) }
        }
        // Files are written only once the log holds the open: a log that cannot be written gives nothing.
        if let attachmentsDirectory {
            try vault.store.read { db in
                try AttachmentOutput.write(opened.files, into: attachmentsDirectory, stored: vault.store.attachmentFiles,
                                           progress: progress, db)
            }
        }
        return opened.value
    }

    /// Opens one attachment of a case and hands its plaintext to `body`, in order, at most 2 MiB at a time, from
    /// memory only: nothing is written to disk. Logged as `open --attachments` logs it; a locating attachment needs
    /// a purpose and is logged as `open --reveal --purpose … --attachments` is. Returns its description.
    public func openAttachment(_ caseID: CaseID, _ choice: AttachmentChoice, purpose: String?,
                               into body: (UnsafeRawBufferPointer) throws -> Void) throws -> AttachmentInfo {
        let reveal = choice.compartment == .locating
        if reveal, (purpose ?? "").allSatisfy(\.isWhitespace) {
            throw AbriError.usage("a locating attachment is opened only with a purpose, which the log keeps")
        }
        let (_, chosen) = try openLogged(caseID, reveal: reveal, purpose: purpose) { opened in
            // Found inside the transaction: a choice that names nothing leaves nothing in the log.
            let record = opened.value.records.first { $0.id == choice.record }
            guard let info = record?.attachments.first(where: { $0.compartment == choice.compartment && $0.info.index == choice.index })?.info,
                  let file = opened.files.first(where: { $0.info.blob == info.blob }) else {
                throw AbriError.noInput("this case has no such attachment open to you (open the case again to see its attachments)")
            }
            return file
        }
        try vault.store.read { db in
            let stored = try Attachments.Stored.find(chosen.info, files: vault.store.attachmentFiles, db)
            defer { stored.close() }
            try Attachments.stream(chosen.info, dataKey: chosen.dataKey, from: stored, db, into: body)
        }
        return chosen.info
    }

    /// Opens a case's records and logs the open (and the reveal) in one command; `check` runs inside its
    /// transaction, before the log is written, and what it throws leaves the log as it was.
    private func openLogged<T>(_ caseID: CaseID, reveal: Bool, purpose: String?,
                               check: (MemberContext.Opened) throws -> T) throws -> (MemberContext.Opened, T) {
        let outcome: Result<(MemberContext.Opened, T), AbriError> = try run { context in
            guard let (grant, _) = try context.grant(on: caseID),
                  let caseKey = try context.db.caseKey(caseID: caseID.bytes) else {
                // Refused: logged for the administrator only, with no case keys (the caller has none).
                var entry = context.details("refused")
                entry.case = caseID.description
                context.drafts.append(.operatorOnly(entry))
                return .failure(AbriError.notPermitted(CaseID.unknownMessage))
            }
            let opened = try context.openRecords(caseID: caseID, caseKey: caseKey, grant: grant, reveal: reveal)
            let checked = try check(opened)
            var entry = context.details("open")
            entry.case = caseID.description
            entry.records = opened.value.records.map(\.id)
            entry.compartments = ["general"]
            entry.purpose = purpose
            context.drafts.append(.caseAction(entry, readers: context.actionReaders(of: grant)))
            if reveal && opened.revealed {
                var revealEntry = context.details("reveal")
                revealEntry.case = caseID.description
                revealEntry.records = opened.value.records.filter { $0.locating != nil }.map(\.id)
                revealEntry.compartments = ["locating"]
                revealEntry.purpose = purpose
                context.drafts.append(.caseAction(revealEntry, readers: context.actionReaders(of: grant)))
            }
            return .success((opened, checked))
        }
        return try outcome.get()
    }
}

extension MemberContext {
    struct Opened {
        var value: OpenedCase
        var files: [(info: AttachmentInfo, dataKey: Key)]
        var revealed: Bool
    }

    func openRecords(caseID: CaseID, caseKey: [UInt8], grant: GrantBody, reveal: Bool) throws -> Opened {
        var files: [(AttachmentInfo, Key)] = []
        var revealed = false
        let authors = try AuthorCheck.load(roster: roster, vault: vault.id, db)
        // The grant is the manifest of what this partner may read: every record it names must be in the store,
        // at the place its author signed (Docs/FORMAT.md §3.4).
        let readable = grant.compartments.filter { $0.compartment == .general }.map(\.record)
        var rows: [StoredRecordRow] = []
        for recordID in readable {
            guard let row = try db.record(id: recordID.bytes, caseID: caseID.bytes) else {
                throw AbriError.badData("record \(recordID) of this case is missing from the store: the vault was altered (run `abri verify`)")
            }
            rows.append(row)
        }
        var ordered: [(seq: Int, record: OpenedRecord)] = []
        for row in rows {
            let recordID = RecordID(bytes: row.id)
            let origin = row.origin
            guard let generalHalf = grant.half(CompartmentRef(record: recordID, compartment: .general)) else { continue }
            let generalKey = try RecordSealing.dataKey(half: generalHalf, caseKey: caseKey, record: recordID, compartment: .general)
            let general = try RecordSealing.open(row.general, dataKey: generalKey,
                                                 associatedData: RecordSealing.associatedData(origin: origin, caseID: caseID, record: recordID, compartment: .general),
                                                 authors: authors)
            guard general.record == recordID.description, general.case == caseID.description, general.compartment == "general" else {
                throw RecordSealing.damaged
            }
            if origin == vault.id && general.seq != row.seq {
                throw AbriError.badData("record \(recordID) of this case is out of its place: the vault was altered (run `abri verify`)")
            }
            var record = OpenedRecord(id: recordID.description, type: general.type, author: general.author,
                                      createdAt: general.createdAt, general: general.content, locating: nil,
                                      attachments: general.attachments.map { ($0, .general) }, masked: [], withheld: [])
            files += general.attachments.map { ($0, generalKey) }
            if general.hasLocating {
                if let locatingHalf = grant.half(CompartmentRef(record: recordID, compartment: .locating)) {
                    if reveal {
                        let locatingKey = try RecordSealing.dataKey(half: locatingHalf, caseKey: caseKey, record: recordID, compartment: .locating)
                        let locating = try RecordSealing.open(row.locating, dataKey: locatingKey,
                                                              associatedData: RecordSealing.associatedData(origin: origin, caseID: caseID, record: recordID, compartment: .locating),
                                                              authors: authors)
                        guard locating.record == recordID.description, locating.compartment == "locating" else { throw RecordSealing.damaged }
                        record.locating = locating.content
                        record.attachments += locating.attachments.map { ($0, .locating) }
                        files += locating.attachments.map { ($0, locatingKey) }
                        revealed = true
                    } else {
                        record.masked = ["locating"]
                    }
                } else {
                    record.withheld = ["locating"]
                }
            }
            ordered.append((general.seq, record))
        }
        let records = ordered.sorted { ($0.record.createdAt, $0.seq) < ($1.record.createdAt, $1.seq) }.map(\.record)
        return Opened(value: OpenedCase(caseID: caseID, records: records, consentUntil: grant.publicExpiry?.description), files: files, revealed: revealed)
    }
}
