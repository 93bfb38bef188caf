import Foundation

extension MemberSession {
    /// Destroys `partnerID`'s grants on a case at once; run by the partner that granted or the depositor's.
    public func withdrawConsent(_ caseID: CaseID, from partnerID: String) throws -> Int {
        try run { context in
            guard let (own, _) = try context.grant(on: caseID) else { throw AbriError.notPermitted(CaseID.unknownMessage) }
            _ = try context.roster.partner(partnerID)
            let history = LogReader.CaseHistory(try LogReader.entries(of: own.caseKeys, vault: vault, context.db),
                                                caseID: caseID.description)
            let mine = context.partner.id
            guard history.depositor == mine || history.granters[partnerID, default: []].contains(mine) else {
                throw AbriError.notPermitted("your partner neither shared this case with that partner nor deposited it (ask the partner that shared it, the depositor or the administrator)")
            }
            return try context.withdraw(caseID: caseID, from: partnerID, history: history,
                                        revokers: [try own.caseKeys.revoker(for: partnerID)], caseKeys: own.caseKeys)
        }
    }
}

extension MemberContext {
    func withdraw(caseID: CaseID, from partnerID: String, history: LogReader.CaseHistory, revokers: [[UInt8]],
                  caseKeys: CaseKeys?) throws -> Int {
        guard !history.authors.contains(partnerID) else {
            throw AbriError.notPermitted("partner \(partnerID) wrote records of this case and is their last sure holder (withdrawal refused)")
        }
        let count = try GrantStore.revoke(revokers, db)
        var entry = details("consent-withdraw")
        entry.case = caseID.description
        entry.partner = partnerID
        entry.count = count
        drafts.append(LogDraft(details: entry, caseKeys: caseKeys))
        return count
    }
}
