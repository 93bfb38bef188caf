import AbriCrypto
import Foundation
import AbriPublic
import AbriStore

extension MemberSession {
    /// Withdraws a partner's access to a case: a signed withdrawal, sealed to that partner, which its members carry
    /// out at their next command (they keep what they wrote). Run by a partner that granted it the case or that
    /// wrote one of its records; the withdrawing partner learns nothing it could not see before.
    public func withdrawConsent(_ caseID: CaseID, from partnerID: String) throws {
        try run { context in
            guard let (own, _) = try context.grant(on: caseID) else { throw AbriError.notPermitted(CaseID.unknownMessage) }
            _ = try context.roster.partner(partnerID)
            guard partnerID != context.partner.id else {
                throw AbriError.usage("partner \(partnerID) is your own partner (name the partner whose access ends)")
            }
            let link = own.made.first { $0.partner == partnerID }
            let wroteRecords = try context.authorPartners(of: own).contains(context.partner.id)
            guard link != nil || wroteRecords else {
                throw AbriError.notPermitted("your partner neither shared this case with that partner nor wrote any of its records (ask the partner that shared it, or the administrator)")
            }
            try context.postWithdrawal(caseID, to: partnerID)
            var entry = context.details("consent-withdraw")
            entry.case = caseID.description
            entry.partner = partnerID
            // The withdrawal of a grant this partner made is read by both ends of it; any other by this partner's readers.
            let readers = link.map { [ReaderKey(key: $0.key, fresh: false)] } ?? context.actionReaders(of: own)
            context.drafts.append(.caseAction(entry, readers: readers))
        }
    }
}

extension AdminSession {
    /// Withdraws a partner's access to a case (the administrator may always withdraw a consent): a signed
    /// withdrawal that the partner's members carry out at their next command.
    public func withdrawConsent(_ caseID: CaseID, from partnerID: String) throws {
        try run { context in
            _ = try context.roster.partner(partnerID)
            guard try context.db.caseExists(caseID: caseID.bytes) else {
                throw AbriError.notPermitted(CaseID.unknownMessage)
            }
            if let (_, publicKey) = try Custody.currentGenerationKey(partner: partnerID, roster: context.roster, vault: vault, context.db) {
                let payload = try SecureBytes(copying: caseID.bytes)
                try GrantStore.post(try InboxItem.seal(kind: .withdrawal, payload: payload, recipient: partnerID, sender: "admin",
                                                       signer: identity, vault: vault.id, to: publicKey), context.db)
            }
            var entry = context.details("consent-withdraw")
            entry.case = caseID.description
            entry.partner = partnerID
            context.drafts.append(.operatorOnly(entry))
        }
    }
}

extension MemberContext {
    /// Posts a signed withdrawal of `caseID` for `partnerID`'s members.
    func postWithdrawal(_ caseID: CaseID, to partnerID: String) throws {
        guard let (_, publicKey) = try generationKey(of: partnerID) else { return }
        let payload = try SecureBytes(copying: caseID.bytes)
        try GrantStore.post(try InboxItem.seal(kind: .withdrawal, payload: payload, recipient: partnerID, sender: member.handle,
                                               signer: session.identity, vault: vault.id, to: publicKey), db)
    }

    /// The readers of this partner's actions on a case: its own log key and the links of the grants it received.
    func actionReaders(of body: GrantBody, fresh: Bool = false) -> [ReaderKey] {
        body.actionKeys.map { ReaderKey(key: $0, fresh: fresh) }
    }

    /// Ends the received part of this partner's grants whose consent has lapsed, and deletes the rows of other
    /// partners past their public day. Expiry is deletion: a copy made before keeps what it had.
    func sweepExpiredConsents() throws {
        var byLabel: [[UInt8]: GenerationKeys] = [:]
        for keys in generations { byLabel[try keys.holderLabel()] = keys }
        let rows = try db.grantsExpired(before: today.number)
        var others = 0
        for row in rows {
            if let keys = byLabel[row.holder] {
                let body = try GrantStore.StoredRow(locator: Data(row.locator), keys: keys, expires: row.expires, box: Data(row.box)).open()
                try lapse(body, locator: row.locator)
            } else {
                try db.deleteGrant(locator: row.locator)
                others += 1
            }
        }
        if others > 0 {
            var entry = details("consent-expired")
            entry.count = others
            drafts.append(.operatorOnly(entry))
        }
    }

    /// Drops what this partner received on a case under a consent that has ended, keeps what it wrote, and logs it
    /// for the partner and those that granted it.
    func lapse(_ body: GrantBody, locator: [UInt8]) throws {
        var entry = details("consent-expired")
        entry.case = body.caseID.description
        entry.partner = partner.id
        entry.consent = body.consent.record
        drafts.append(.caseAction(entry, readers: actionReaders(of: body)))
        if body.dropReceived() {
            try GrantStore.file(body, keys: current, replacing: locator, db)
        } else {
            try db.deleteGrant(locator: locator)
        }
    }
}
