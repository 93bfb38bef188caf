import AbriCrypto
import Foundation
import AbriPublic
import AbriStore

/// Reads and writes a partner's own grant rows (Docs/FORMAT.md §3.3); the inbox is `InboxClaim`'s.
enum GrantStore {
    /// One stored row of this partner, not opened yet.
    struct StoredRow: Sendable {
        var locator: Data
        var keys: GenerationKeys
        var expires: Int32?
        var box: Data

        func open() throws -> GrantBody {
            guard let plaintext = keys.openGrant(Array(box), locator: Array(locator), expires: expires) else { throw GrantBody.malformed }
            return try GrantBody.decode(plaintext)
        }
    }

    /// The partner's own row for `body` under generation `keys`, sealed and labelled, ready to insert: made apart so
    /// that a batch can seal on every core.
    static func ownRow(_ body: GrantBody, keys: GenerationKeys) throws -> GrantRow {
        let plaintext = try body.encoded()
        let locator = try keys.locator(body.caseID)
        let expires = body.publicExpiry?.number
        return GrantRow(locator: locator, holder: try keys.holderLabel(), blind: try keys.blindIndex(body.household),
                        expires: expires, box: try keys.sealGrant(plaintext, locator: locator, expires: expires))
    }

    static func insert(_ row: GrantRow, replacing oldLocator: [UInt8]? = nil, _ db: any VaultTransaction) throws {
        if let oldLocator { try db.deleteGrant(locator: oldLocator) }
        try db.insertGrant(row)
    }

    /// Files `body` as the partner's own row under generation `keys`, replacing any row it had for the case.
    static func file(_ body: GrantBody, keys: GenerationKeys, replacing oldLocator: [UInt8]? = nil, _ db: any VaultTransaction) throws {
        try insert(try ownRow(body, keys: keys), replacing: oldLocator, db)
    }

    /// This partner's grant on a case, opened, with the row's locator; nil when it holds none.
    static func find(_ caseID: CaseID, generations: [GenerationKeys], _ db: any VaultTransaction) throws -> (GrantBody, locator: [UInt8])? {
        for keys in generations {
            let locator = try keys.locator(caseID)
            guard let row = try db.grant(locator: locator) else { continue }
            let body = try StoredRow(row, keys: keys).open()
            guard body.caseID == caseID else { throw GrantBody.malformed }
            return (body, locator)
        }
        return nil
    }

    /// Every row of this partner, not opened yet.
    static func ownRows(generations: [GenerationKeys], _ db: any VaultTransaction) throws -> [StoredRow] {
        var result: [StoredRow] = []
        for keys in generations {
            for row in try db.grants(holder: try keys.holderLabel()) { result.append(StoredRow(row, keys: keys)) }
        }
        return result
    }

    /// Leaves a signed item in the inbox.
    static func post(_ box: [UInt8], _ db: any VaultTransaction) throws {
        try db.insertInboxItem(box: box)
    }
}

extension GrantStore.StoredRow {
    /// A row as the store found it, under generation `keys`.
    init(_ sealed: SealedGrantRow, keys: GenerationKeys) {
        self.init(locator: Data(sealed.locator), keys: keys, expires: sealed.expires, box: Data(sealed.box))
    }
}
