import AbriCrypto
import Foundation
import AbriPublic
import AbriStore

extension MemberContext {
    /// Files every inbox item sealed to this partner, in the order they were posted, after checking it
    /// (Docs/FORMAT.md §3.3): signed by a current member (or, for a withdrawal, the administrator), addressed to
    /// this partner, its consent running, no locating half for a never-locating partner, every half opening its
    /// record. An item that fails a check is deleted unfiled: whoever wrote it into the store gains nothing.
    func claimInbox() throws {
        let rows = try db.inboxItems()
        guard !rows.isEmpty else { return }
        let generations = self.generations
        let vaultID = vault.id
        // Trying the inbox is one X25519 per row and generation: on every core.
        let opened: [(mine: Bool, item: InboxItem.Opened?)] = try Parallel.map(count: rows.count) { index in
            for keys in generations {
                if let plaintext = keys.openInbox(rows[index].box) { return (true, InboxItem.open(plaintext, vault: vaultID)) }
            }
            return (false, nil)
        }
        let authors = try AuthorCheck.load(roster: roster, vault: vault.id, db)
        var withdrew = false
        var filed: [CaseID: (body: GrantBody, locator: [UInt8]?)] = [:]
        var order: [CaseID] = []
        func held(_ caseID: CaseID) throws -> (body: GrantBody, locator: [UInt8]?)? {
            if let known = filed[caseID] { return known }
            guard let (body, locator) = try GrantStore.find(caseID, generations: generations, db) else { return nil }
            filed[caseID] = (body, locator)
            order.append(caseID)
            return filed[caseID]
        }
        for (index, result) in opened.enumerated() where result.mine {
            try db.deleteInboxItem(n: rows[index].n)
            guard let item = result.item, item.recipient == partner.id, let sender = sentBy(item) else { continue }
            switch item.kind {
            case .grant:
                guard let incoming = item.grant, try acceptable(incoming, authors: authors) else { continue }
                if let existing = try held(incoming.caseID) {
                    existing.body.merge(incoming)
                } else {
                    let body = GrantBody(caseID: incoming.caseID, consent: incoming.consent, household: incoming.household,
                                         ownLogKey: try Key.random())
                    body.merge(incoming)
                    filed[incoming.caseID] = (body, nil)
                    order.append(incoming.caseID)
                }
            case .withdrawal:
                guard let caseID = item.caseID, let existing = try held(caseID),
                      try mayWithdraw(sender, from: existing.body) else { continue }
                _ = existing.body.dropReceived()
                withdrew = true
            }
        }
        for caseID in order {
            let (body, locator) = filed[caseID]!
            if body.compartments.isEmpty {
                if let locator { try db.deleteGrant(locator: locator) }
            } else {
                try GrantStore.file(body, keys: current, replacing: locator, db)
            }
        }
        // A withdrawn grant must not come back: a writer of the store who kept its row could put it back, and it
        // would open under the same generation. A fresh generation, every row re-sealed to it, leaves an old row
        // that no key of the partner opens or even finds (Docs/FORMAT.md §3.3).
        if withdrew { _ = try reseal() }
    }

    /// Who sent an item: `admin`, or the handle of a current member whose key signed it; nil for anyone else.
    private func sentBy(_ item: InboxItem.Opened) -> String? {
        if item.sender == "admin" { return item.senderKey == vault.admin.signingPublicKey && item.kind == .withdrawal ? "admin" : nil }
        guard let member = roster.member(signingKey: item.senderKey), !member.removed, member.handle == item.sender else { return nil }
        return member.handle
    }

    /// Whether an incoming grant may be filed: its consent runs, it gives a never-locating partner no locating half,
    /// and every half it carries opens its record under the case key.
    private func acceptable(_ incoming: GrantBody, authors: AuthorCheck) throws -> Bool {
        if let until = incoming.consent.until, until < today { return false }
        if partner.neverLocating && incoming.compartments.contains(where: { $0.compartment == .locating }) { return false }
        guard !incoming.compartments.isEmpty,
              let caseKey = try db.caseKey(caseID: incoming.caseID.bytes)
        else { return false }
        for ref in incoming.compartments {
            guard let half = incoming.half(ref),
                  let row = try db.record(id: ref.record.bytes, caseID: incoming.caseID.bytes) else { return false }
            let dataKey = try RecordSealing.dataKey(half: half, caseKey: caseKey, record: ref.record, compartment: ref.compartment)
            let sealed = ref.compartment == .general ? row.general : row.locating
            let ad = RecordSealing.associatedData(origin: row.origin, caseID: incoming.caseID, record: ref.record,
                                                  compartment: ref.compartment)
            guard let body = try? RecordSealing.open(sealed, dataKey: dataKey, associatedData: ad, authors: authors),
                  body.record == ref.record.description, body.case == incoming.caseID.description else { return false }
        }
        return true
    }

    /// A withdrawal is honoured from the administrator, from a partner that granted this one the case, or from
    /// a partner that wrote one of its records.
    private func mayWithdraw(_ sender: String, from body: GrantBody) throws -> Bool {
        if sender == "admin" { return true }
        let senderPartner = String(sender.split(separator: "/").first ?? "")
        if body.received.contains(where: { $0.partner == senderPartner }) { return true }
        return try authorPartners(of: body).contains(senderPartner)
    }

    /// The partners that wrote the records whose general part this grant opens.
    func authorPartners(of body: GrantBody) throws -> Set<String> {
        guard let caseKey = try db.caseKey(caseID: body.caseID.bytes) else { return [] }
        let authors = try AuthorCheck.load(roster: roster, vault: vault.id, db)
        var partners = Set<String>()
        for ref in body.compartments where ref.compartment == .general {
            guard let half = body.half(ref),
                  let row = try db.generalPart(record: ref.record.bytes)
            else { continue }
            let dataKey = try RecordSealing.dataKey(half: half, caseKey: caseKey, record: ref.record, compartment: .general)
            let ad = RecordSealing.associatedData(origin: row.origin, caseID: body.caseID, record: ref.record, compartment: .general)
            if let record = try? RecordSealing.open(row.general, dataKey: dataKey, associatedData: ad, authors: authors) {
                partners.insert(String(record.author.split(separator: "/").first ?? ""))
            }
        }
        return partners
    }
}
