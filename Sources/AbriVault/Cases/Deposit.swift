import AbriCrypto
import Foundation
import GRDB

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
        for attachment in attachments { try Attachments.checkReadable(attachment.path) }
        return try run { context in
            try reports.map { report in
                let caseID = CaseID.random()
                let caseKey = Random.bytes(32)
                try context.db.execute(sql: "INSERT INTO cases (id, case_key, day) VALUES (?, ?, ?)",
                                       arguments: [Data(caseID.bytes), Data(caseKey), context.today.number])
                let own = try GrantBody(caseID: caseID, caseSecret: try Key.random(), consent: .own,
                                        household: report.household ?? "")
                return try context.writeRecord(report, action: "deposit", caseID: caseID, caseKey: caseKey, own: own,
                                               ownLocator: nil, attachments: attachments, recipients: recipients,
                                               consent: report.consent ?? consent)
            }
        }
    }

    /// Adds a record to a case this member's partner holds.
    public func add(_ report: Report, to caseID: CaseID, attachments: [AttachmentSource] = [], recipients: Recipients,
                    consent: Consent?) throws -> DepositResult {
        for attachment in attachments { try Attachments.checkReadable(attachment.path) }
        return try run { context in
            guard let (own, locator) = try context.grant(on: caseID),
                  let caseKey = try Data.fetchOne(context.db, sql: "SELECT case_key FROM cases WHERE id = ?", arguments: [Data(caseID.bytes)]) else {
                throw AbriError.notPermitted(CaseID.unknownMessage)
            }
            return try context.writeRecord(report, action: "add", caseID: caseID, caseKey: Array(caseKey), own: own,
                                           ownLocator: locator, attachments: attachments, recipients: recipients,
                                           consent: report.consent ?? consent)
        }
    }
}

extension MemberContext {
    /// Seals one record in its two compartments, files the author partner's grant, sends the others theirs.
    func writeRecord(_ report: Report, action: String, caseID: CaseID, caseKey: [UInt8], own: GrantBody, ownLocator: [UInt8]?,
                     attachments: [AttachmentSource], recipients: Recipients, consent: Consent?) throws -> DepositResult {
        let targets = try validate(recipients, consent: consent)
        let recordID = RecordID.random()
        let hasLocating = !report.locating.isEmpty || attachments.contains { $0.compartment == .locating }
        let seq = (try Int.fetchOne(db, sql: "SELECT MAX(seq) FROM records WHERE case_id = ?", arguments: [Data(caseID.bytes)]) ?? 0) + 1
        var sealed: [Compartment: [UInt8]] = [:]
        for compartment in Compartment.allCases where compartment == .general || hasLocating {
            let half = try Key.random()
            let ref = CompartmentRef(record: recordID, compartment: compartment)
            own.add(ref, half: half)
            let dataKey = try RecordSealing.dataKey(half: half, caseKey: caseKey, record: recordID, compartment: compartment)
            var infos: [AttachmentInfo] = []
            for (index, source) in attachments.filter({ $0.compartment == compartment }).enumerated() {
                infos.append(try Attachments.store(source, index: index, dataKey: dataKey, caseID: caseID, db))
            }
            let body = RecordBody(case: caseID.description, record: recordID.description, compartment: compartment.name,
                                  type: report.type, author: member.handle,
                                  authorKey: Data(session.identity.publicIdentity.signingPublicKey).base64EncodedString(),
                                  createdAt: Clock.now(), hasLocating: hasLocating,
                                  content: compartment == .general ? report.general : report.locating, attachments: infos)
            let ad = RecordSealing.associatedData(origin: vault.id, caseID: caseID, record: recordID, compartment: compartment)
            sealed[compartment] = try RecordSealing.seal(body, author: session.identity, dataKey: dataKey, associatedData: ad)
        }
        try db.execute(sql: """
            INSERT INTO records (id, case_id, seq, day, origin, general, locating) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [Data(recordID.bytes), Data(caseID.bytes), seq, today.number, Data(vault.id),
                             Data(sealed[.general]!), Data(sealed[.locating] ?? RecordSealing.filler())])
        if own.household.isEmpty, let household = report.household { own.household = household }
        try GrantStore.file(own, partner: partner.id, keys: current, replacing: ownLocator, db)
        let refs = own.compartments.filter { $0.record == recordID }
        let references = try grant(own, to: targets, refs: refs, consent: consent ?? .own)
        var entry = details(action)
        entry.case = caseID.description
        entry.records = [recordID.description]
        entry.compartments = refs.map(\.compartment.name)
        entry.grants = [try ownReference(own)] + references
        entry.consent = references.isEmpty ? nil : consent?.record
        entry.hasLocating = hasLocating
        if !hasLocating, let household = report.household { entry.household = HouseholdReference.normalize(household) }
        drafts.append(LogDraft(details: entry, caseKeys: own.caseKeys))
        let readers = [Reader(partner: partner.id, name: partner.name, locating: hasLocating)]
            + targets.map { Reader(partner: $0.partner.id, name: $0.partner.name, locating: $0.locating && hasLocating) }
        return DepositResult(caseID: caseID, recordID: recordID, readers: readers)
    }
}
