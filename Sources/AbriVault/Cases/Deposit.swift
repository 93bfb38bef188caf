import AbriCrypto
import Foundation
public import AbriPublic
import AbriStore

/// What a deposit or an addition produced: the case, and who can now read it.
public struct DepositResult: Sendable {
    /// The case.
    public var caseID: CaseID
    /// The record written.
    public var recordID: RecordID
    /// Every partner that can read the record, the author's own first.
    public var readers: [Reader]
}

extension MemberSession {
    /// Deposits each report as a new case, in one transaction.
    public func deposit(_ reports: [Report], attachments: [AttachmentSource] = [], recipients: Recipients,
                        consent: Consent?) throws -> [DepositResult] {
        for attachment in attachments { try attachment.checkReadable() }
        let locatingAttachments = attachments.contains { $0.compartment == .locating }
        let sealing = attachmentProgress(attachments)
        defer { sealing?.finish() }
        return try run { context in
            if !attachments.isEmpty { try vault.store.attachmentFiles.sweep(context.db) }
            let plans = try reports.map { report in
                (report: report, consent: report.consent ?? consent,
                 targets: try context.validate(recipients, consent: report.consent ?? consent))
            }
            let prepare = { (index: Int, store: AttachmentStorer?) throws -> PreparedRecord in
                let plan = plans[index]
                let caseID = CaseID.random()
                let own = try GrantBody(newCase: caseID, household: plan.report.household ?? "")
                return try context.prepareRecord(plan.report, action: "deposit", caseID: caseID, caseKey: Random.bytes(32),
                                                 newCase: true, seq: 1, own: own, ownLocator: nil, targets: plan.targets,
                                                 consent: plan.consent, locatingAttachments: locatingAttachments, storeAttachments: store)
            }
            if attachments.isEmpty && reports.count > 1 {
                // Sealing and signing take most of a deposit: spread the reports over every core, a batch at a
                // time, and write each batch in order on this thread while the next one is sealed, with the
                // indexes' pages kept in memory (their keys are random by design, so a bulk deposit touches
                // pages all over them).
                try context.db.raisePageCache()
                // Back to the ordinary cache afterwards: `abri ui` keeps its connection from one form to the next.
                defer { try? context.db.restorePageCache() }
                // Each report's log entry is sealed with it, for the place it will take in the log.
                let firstSeq = try AccessLog.frontier(context.db).size + 1 + context.drafts.count
                let signer = try Signer(identity)
                let adminSlots = try AdminSlots(vault: context.vault)
                let sealBatch = { (range: Range<Int>) throws -> [PreparedRecord] in
                    try Parallel.map(count: range.count) { offset in
                        let index = range.lowerBound + offset
                        var record = try prepare(index, nil)
                        // Every key of a new case is new: each chain of tags starts at 0.
                        let tags = try record.draft.sections.flatMap { section in
                            try section.readers.map { try LogEntry.tag($0.key, counter: 0) }
                        }
                        record.draft.sealed = try AccessLog.SealedEntry(
                            seq: firstSeq + index,
                            entry: LogEntry.seal(record.draft, seq: firstSeq + index, tags: tags, vault: context.vault,
                                                 signer: signer, adminSlots: adminSlots))
                        return record
                    }
                }
                var results: [DepositResult] = []
                results.reserveCapacity(reports.count)
                try Pipeline.run(count: reports.count, batchSize: 512, prepare: sealBatch) { batch in
                    for record in batch {
                        try context.write(record)
                        results.append(record.result)
                    }
                    progress?.report(label: "depositing reports", done: results.count, total: reports.count)
                }
                progress?.finish(label: "depositing reports")
                return results
            }
            let prepared = try reports.indices.map { index in
                try prepare(index) { compartment, dataKey, caseID in
                    try context.storeAttachments(attachments, compartment: compartment, dataKey: dataKey, caseID: caseID,
                                                 progress: sealing)
                }
            }
            for record in prepared { try context.write(record) }
            return prepared.map(\.result)
        }
    }

    /// Adds a record to a case this member's partner holds.
    public func add(_ report: Report, to caseID: CaseID, attachments: [AttachmentSource] = [], recipients: Recipients,
                    consent: Consent?) throws -> DepositResult {
        for attachment in attachments { try attachment.checkReadable() }
        let sealing = attachmentProgress(attachments)
        defer { sealing?.finish() }
        return try run { context in
            if !attachments.isEmpty { try vault.store.attachmentFiles.sweep(context.db) }
            guard let (own, locator) = try context.grant(on: caseID),
                  let caseKey = try context.db.caseKey(caseID: caseID.bytes) else {
                throw AbriError.notPermitted(CaseID.unknownMessage)
            }
            let effective = report.consent ?? consent
            let targets = try context.validate(recipients, consent: effective)
            let seq = (try context.db.lastRecordSeq(caseID: caseID.bytes) ?? 0) + 1
            let prepared = try context.prepareRecord(report, action: "add", caseID: caseID, caseKey: caseKey, newCase: false,
                                                     seq: seq, own: own, ownLocator: locator, targets: targets, consent: effective,
                                                     locatingAttachments: attachments.contains { $0.compartment == .locating }) { compartment, dataKey, caseID in
                try context.storeAttachments(attachments, compartment: compartment, dataKey: dataKey, caseID: caseID,
                                             progress: sealing)
            }
            try context.write(prepared)
            return prepared.result
        }
    }
}

extension MemberSession {
    func attachmentProgress(_ attachments: [AttachmentSource]) -> AttachmentProgress? {
        AttachmentProgress(progress, label: "sealing attachments (MiB)",
                           totalBytes: attachments.reduce(0) { $0 + $1.size })
    }
}

extension MemberContext {
    /// Seals the attachments of one compartment, numbered in the order given.
    func storeAttachments(_ attachments: [AttachmentSource], compartment: Compartment, dataKey: Key, caseID: CaseID,
                          progress: AttachmentProgress?) throws -> [AttachmentInfo] {
        try attachments.filter { $0.compartment == compartment }.enumerated().map { position, source in
            let info = try Attachments.store(source, index: position, dataKey: dataKey, caseID: caseID,
                                             files: vault.store.attachmentFiles, db, progress: progress.map { p in { p.add($0) } })
            if let blob = Data(base64Encoded: info.blob) { session.writtenFiles.append(Array(blob)) }
            return info
        }
    }
}

/// Encrypts a compartment's attachments under its data key, into the command's transaction.
typealias AttachmentStorer = (Compartment, Key, CaseID) throws -> [AttachmentInfo]

/// One record sealed and its grants made, waiting to be written.
struct PreparedRecord: @unchecked Sendable {
    var caseID: CaseID
    var caseKey: [UInt8]
    var newCase: Bool
    var recordID: RecordID
    var seq: Int
    var general: [UInt8]
    var locating: [UInt8]
    var ownRow: GrantRow
    var ownLocator: [UInt8]?
    var inboxBoxes: [[UInt8]]
    var draft: LogDraft
    var result: DepositResult
}

extension MemberContext {
    /// Seals one record in its two compartments, and the author partner's and the recipients' grants:
    /// cryptography only, so that many records can be prepared at once. Attachments, when given, are stored here.
    func prepareRecord(_ report: Report, action: String, caseID: CaseID, caseKey: [UInt8], newCase: Bool, seq: Int,
                       own: GrantBody, ownLocator: [UInt8]?, targets: [(partner: Partner, locating: Bool)], consent: Consent?,
                       locatingAttachments: Bool = false, storeAttachments: AttachmentStorer?) throws -> PreparedRecord {
        let recordID = RecordID.random()
        let hasLocating = !report.locating.isEmpty || locatingAttachments
        var sealed: [Compartment: [UInt8]] = [:]
        let authorKey = Data(session.identity.publicIdentity.signingPublicKey).base64EncodedString()
        let createdAt = Clock.now()
        for compartment in Compartment.allCases where compartment == .general || hasLocating {
            let half = try Key.random()
            own.add(CompartmentRef(record: recordID, compartment: compartment), half: half, provenance: .own)
            let dataKey = try RecordSealing.dataKey(half: half, caseKey: caseKey, record: recordID, compartment: compartment)
            let infos = try storeAttachments?(compartment, dataKey, caseID) ?? []
            let body = RecordBody(case: caseID.description, record: recordID.description, seq: seq, compartment: compartment.name,
                                  type: report.type, author: member.handle, authorKey: authorKey, createdAt: createdAt,
                                  hasLocating: hasLocating,
                                  content: compartment == .general ? report.general : report.locating, attachments: infos)
            let ad = RecordSealing.associatedData(origin: vault.id, caseID: caseID, record: recordID, compartment: compartment)
            sealed[compartment] = try RecordSealing.seal(body, author: session.identity, dataKey: dataKey, associatedData: ad)
        }
        if own.household.isEmpty, let household = report.household { own.household = household }
        let refs = own.compartments.filter { $0.record == recordID }
        let (inboxBoxes, grantLog) = try grants(from: own, to: targets, refs: refs, consent: consent ?? .own)
        // Filed after the grants: their links join the partner's list of grants made.
        let ownRow = try GrantStore.ownRow(own, keys: current)
        var entry = details(action)
        entry.case = caseID.description
        entry.records = [recordID.description]
        entry.compartments = refs.map(\.compartment.name)
        entry.hasLocating = hasLocating
        let readers = [Reader(partner: partner.id, name: partner.name, locating: hasLocating)]
            + targets.map { Reader(partner: $0.partner.id, name: $0.partner.name, locating: $0.locating && hasLocating) }
        let draft = LogDraft.caseAction(entry, readers: actionReaders(of: own, fresh: newCase), grants: grantLog)
        return PreparedRecord(caseID: caseID, caseKey: caseKey, newCase: newCase, recordID: recordID, seq: seq,
                              general: sealed[.general]!, locating: sealed[.locating] ?? RecordSealing.filler(),
                              ownRow: ownRow, ownLocator: ownLocator, inboxBoxes: inboxBoxes, draft: draft,
                              result: DepositResult(caseID: caseID, recordID: recordID, readers: readers))
    }

    /// Writes a prepared record: its case (if new), the record, the author partner's row, the recipients' inbox items.
    func write(_ record: PreparedRecord) throws {
        if record.newCase {
            try db.insertCase(id: record.caseID.bytes, caseKey: record.caseKey, day: today.number)
        }
        try db.insertRecord(RecordRow(id: record.recordID.bytes, caseID: record.caseID.bytes, seq: record.seq, day: today.number,
                                      origin: vault.id, general: record.general, locating: record.locating))
        try GrantStore.insert(record.ownRow, replacing: record.ownLocator, db)
        for box in record.inboxBoxes { try GrantStore.post(box, db) }
        drafts.append(record.draft)
    }
}

/// Runs independent work on every core and gathers the results in order; the first error wins.
public enum Parallel {
    /// `body(0..<count)` on every core; the results in order, or the error of the first index that failed.
    public static func map<T>(count: Int, _ body: (Int) throws -> T) throws -> [T] {
        var results = [Result<T, any Error>?](repeating: nil, count: count)
        try withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let work = body
            results.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let out = buffer
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    out[index] = Result { try work(index) }
                }
            }
        }
        return try results.map { try $0!.get() }
    }
}
