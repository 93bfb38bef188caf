import Foundation
import AbriPublic

extension MemberSession {
    /// Grants `partner` every record of the case this member's partner can read (locating parts with `locating`).
    public func share(_ caseID: CaseID, with partnerID: String, locating: Bool, consent: Consent) throws -> [Reader] {
        try run { context in
            guard let (own, locator) = try context.grant(on: caseID) else { throw AbriError.notPermitted(CaseID.unknownMessage) }
            let recipients = locating ? Recipients(locating: [partnerID]) : Recipients(general: [partnerID])
            let targets = try context.validate(recipients, consent: consent)
            guard !targets.isEmpty else {
                throw AbriError.usage("partner \(partnerID) is your own partner, which already holds the case (name another partner)")
            }
            let (boxes, log) = try context.grants(from: own, to: targets, refs: own.compartments, consent: consent)
            for box in boxes { try GrantStore.post(box, context.db) }
            // The partner's row keeps the link of the grant it made: it reads what the recipient does with the case.
            try GrantStore.file(own, keys: context.current, replacing: locator, context.db)
            guard let (entry, link) = log.first else {
                throw AbriError.usage("partner \(partnerID) has no enrolled member yet, so nobody could read what it receives (ask your administrator to enrol one)")
            }
            var draft = LogDraft.caseAction(entry, readers: [link])
            if consent.record?.kind == "without-consent" { draft.summary.withoutConsent = 1 }
            context.drafts.append(draft)
            let hasLocating = entry.compartments?.contains("locating") ?? false
            return [Reader(partner: targets[0].partner.id, name: targets[0].partner.name, locating: hasLocating)]
        }
    }
}
