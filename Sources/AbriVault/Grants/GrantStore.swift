import AbriCrypto
import Foundation
import GRDB

/// Reads and writes grant rows: a partner's own rows, the inbox, revocation and expiry (Docs/FORMAT.md §3.3).
enum GrantStore {
    /// A grant row, sealed and labelled, ready to insert: made apart so that a batch can seal on every core.
    struct GrantRow: Sendable {
        var locator: [UInt8]
        var holder: [UInt8]?
        var blind: [UInt8]?
        var revoker: [UInt8]
        var expires: Int32?
        var box: [UInt8]
    }

    /// `partner`'s own row for `body` under generation `keys`.
    static func ownRow(_ body: GrantBody, partner: String, keys: GenerationKeys) throws -> GrantRow {
        let plaintext = try body.encoded()
        let locator = try keys.locator(body.caseID)
        return GrantRow(locator: locator, holder: try keys.holderLabel(),
                        blind: try keys.blindIndex(body.household), revoker: try body.caseKeys.revoker(for: partner),
                        expires: body.consent.until?.number, box: try keys.sealGrant(plaintext, locator: locator))
    }

    /// An inbox row for `partner`, sealed to its current generation.
    static func inboxRow(_ body: GrantBody, to partner: String, publicKey: [UInt8]) throws -> GrantRow {
        let plaintext = try body.encoded()
        return GrantRow(locator: Random.bytes(32), holder: nil, blind: nil, revoker: try body.caseKeys.revoker(for: partner),
                        expires: body.consent.until?.number, box: try SealedBox.seal(secret: plaintext, to: publicKey))
    }

    static func insert(_ row: GrantRow, replacing oldLocator: [UInt8]? = nil, _ db: Database) throws {
        if let oldLocator {
            try db.cachedStatement(sql: "DELETE FROM grants WHERE locator = ?").execute(arguments: [Data(oldLocator)])
        }
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO grants (locator, holder, blind, revoker, expires, box) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [Data(row.locator), row.holder.map { Data($0) }, row.blind.map { Data($0) },
                                     Data(row.revoker), row.expires, Data(row.box)])
    }

    /// Files `body` as `partner`'s own row under generation `keys`, replacing any row it had for the case.
    static func file(_ body: GrantBody, partner: String, keys: GenerationKeys, replacing oldLocator: [UInt8]? = nil,
                     _ db: Database) throws {
        try insert(try ownRow(body, partner: partner, keys: keys), replacing: oldLocator, db)
    }

    /// Leaves `body` in the inbox of `partner`, sealed to its current generation; returns the row's revoker.
    @discardableResult
    static func send(_ body: GrantBody, to partner: String, publicKey: [UInt8], _ db: Database) throws -> [UInt8] {
        let row = try inboxRow(body, to: partner, publicKey: publicKey)
        try insert(row, db)
        return row.revoker
    }

    /// This partner's grant on a case, opened, with the row's locator; nil when it holds none.
    static func find(_ caseID: CaseID, generations: [GenerationKeys], _ db: Database) throws -> (GrantBody, locator: [UInt8])? {
        for keys in generations {
            let locator = try keys.locator(caseID)
            guard let box = try Data.fetchOne(db, sql: "SELECT box FROM grants WHERE locator = ?", arguments: [Data(locator)]) else {
                continue
            }
            guard let plaintext = keys.openGrant(Array(box), locator: locator) else { throw GrantBody.malformed }
            let body = try GrantBody.decode(plaintext)
            guard body.caseID == caseID else { throw GrantBody.malformed }
            return (body, locator)
        }
        return nil
    }

    /// Files into `partner`'s own rows every inbox row sealed to one of its generations.
    /// Trying the inbox is one X25519 per row and generation, and re-filing one seal per case: both run on every core.
    static func claimInbox(partner: String, generations: [GenerationKeys], _ db: Database) throws {
        guard let newest = generations.first else { return }
        let rows = try Row.fetchAll(db, sql: "SELECT locator, box FROM grants WHERE holder IS NULL")
            .map { (locator: Array($0["locator"] as Data), box: Array($0["box"] as Data)) }
        guard !rows.isEmpty else { return }
        let opened: [GrantBody?] = try Parallel.map(count: rows.count) { index in
            for keys in generations {
                if let plaintext = keys.openGrant(rows[index].box, locator: rows[index].locator) {
                    return try GrantBody.decode(plaintext)
                }
            }
            return nil
        }
        // Merge what arrived for each case, in the inbox's order, onto what the partner already holds.
        var merged: [CaseID: (body: GrantBody, oldLocator: [UInt8]?)] = [:]
        var order: [CaseID] = []
        for (index, incoming) in opened.enumerated() {
            guard let incoming else { continue }
            try db.cachedStatement(sql: "DELETE FROM grants WHERE locator = ?").execute(arguments: [Data(rows[index].locator)])
            if let existing = merged[incoming.caseID] {
                existing.body.merge(incoming)
            } else if let (existing, locator) = try find(incoming.caseID, generations: generations, db) {
                existing.merge(incoming)
                merged[incoming.caseID] = (existing, locator)
                order.append(incoming.caseID)
            } else {
                merged[incoming.caseID] = (incoming, nil)
                order.append(incoming.caseID)
            }
        }
        let filed = try Parallel.map(count: order.count) { index in
            try ownRow(merged[order[index]]!.body, partner: partner, keys: newest)
        }
        for (index, row) in filed.enumerated() {
            try insert(row, replacing: merged[order[index]]!.oldLocator, db)
        }
    }

    /// Every row of this partner, opened lazily: (locator, generation, sealed box).
    static func ownRows(generations: [GenerationKeys], _ db: Database) throws -> [(locator: Data, keys: GenerationKeys, box: Data)] {
        var result: [(Data, GenerationKeys, Data)] = []
        for keys in generations {
            for row in try Row.fetchAll(db, sql: "SELECT locator, box FROM grants WHERE holder = ?",
                                        arguments: [Data(try keys.holderLabel())]) {
                result.append((row["locator"], keys, row["box"]))
            }
        }
        return result
    }

    /// Destroys the rows with these revokers (filed or still in an inbox); returns how many.
    static func revoke(_ revokers: [[UInt8]], _ db: Database) throws -> Int {
        var count = 0
        for revoker in Set(revokers) {
            try db.execute(sql: "DELETE FROM grants WHERE revoker = ?", arguments: [Data(revoker)])
            count += db.changesCount
        }
        return count
    }
}
