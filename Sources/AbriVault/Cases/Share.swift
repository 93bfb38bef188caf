import Foundation
import GRDB

extension MemberSession {
    /// Grants `partner` every record of the case this member's partner can read (locating parts with `locating`).
    public func share(_ caseID: CaseID, with partnerID: String, locating: Bool, consent: Consent) throws -> [Reader] {
        try run { context in
            guard let (own, _) = try context.grant(on: caseID) else { throw AbriError.notPermitted(CaseID.unknownMessage) }
            let recipients = locating ? Recipients(locating: [partnerID]) : Recipients(general: [partnerID])
            let targets = try context.validate(recipients, consent: consent)
            guard !targets.isEmpty else {
                throw AbriError.usage("partner \(partnerID) is your own partner, which already holds the case (name another partner)")
            }
            let (rows, references) = try context.grantRows(own, to: targets, refs: own.compartments, consent: consent)
            for row in rows { try GrantStore.insert(row, context.db) }
            var entry = context.details("share")
            entry.case = caseID.description
            entry.partner = partnerID
            entry.records = Array(Set(own.compartments.map(\.record.description))).sorted()
            entry.compartments = references.first?.compartments
            entry.grants = references
            entry.consent = consent.record
            context.drafts.append(LogDraft(details: entry, caseKeys: own.caseKeys))
            let hasLocating = references.first?.compartments.contains("locating") ?? false
            return [Reader(partner: targets[0].partner.id, name: targets[0].partner.name, locating: hasLocating)]
        }
    }
}
