import AbriCrypto
import Foundation
import GRDB

/// What an import brought in.
public struct ImportResult: Sendable {
    /// The case.
    public var caseID: CaseID
    /// Records added.
    public var records: Int
    /// `partner/name` of the exporter, as the bundle's signature vouches.
    public var exporter: String
}

extension MemberSession {
    /// Imports a bundle: checks it is whole (65), addressed to this identity (77), signed (65), new here (65).
    public func importBundle(at path: String) throws -> ImportResult {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else {
            throw AbriError.noInput("\(path) does not exist or cannot be read (check the path)")
        }
        let format = try BundleFormat(parsing: Array(data))
        let header = format.header
        var bundleKey: Key?
        for seal in format.recipientSeals {
            if let key = try? identity.openSealed(seal) { bundleKey = Key(key); break }
        }
        guard let bundleKey else {
            throw AbriError.notPermitted("this bundle is not addressed to you (ask for it to be exported to your partner)")
        }
        guard let keysPlaintext = try? AEAD.openSecret(format.sealedKeys, key: bundleKey.bytes, associatedData: BundleFormat.keysAD(header)),
              let contentPlaintext = try? AEAD.open(format.sealedContent, key: bundleKey.bytes, associatedData: BundleFormat.contentAD(header)),
              contentPlaintext.count > 64 else {
            throw BundleFormat.damaged
        }
        let contentBytes = Array(contentPlaintext[0 ..< contentPlaintext.count - 64])
        let signature = Array(contentPlaintext[contentPlaintext.count - 64 ..< contentPlaintext.count])
        let content = try BundleContent(parsing: contentBytes)
        let forged = AbriError.badData("the bundle's signature does not check out: it was forged or altered (do not use it)")
        guard let exporter = try? PublicIdentity(parsing: content.exporterIdentity),
              Ed25519.isValidSignature(signature, for: BundleFormat.signedMessage(header: header, keysDigest: SHA256.hash(format.sealedKeys), content: contentBytes),
                                       publicKey: exporter.signingPublicKey) else { throw forged }
        let keys = try GrantBody.decode(keysPlaintext)
        return try run { context in
            let caseID = keys.caseID
            if try Bool.fetchOne(context.db, sql: "SELECT 1 FROM imported WHERE bundle = ?", arguments: [Data(format.bundleID)]) != nil {
                throw AbriError.badData("this bundle was already imported (nothing was written)")
            }
            if try Bool.fetchOne(context.db, sql: "SELECT 1 FROM shredded WHERE case_id = ?", arguments: [Data(caseID.bytes)]) != nil {
                throw AbriError.badData("this bundle's case was shredded here and cannot come back (nothing was written)")
            }
            if let existing = try Data.fetchOne(context.db, sql: "SELECT case_key FROM cases WHERE id = ?", arguments: [Data(caseID.bytes)]) {
                guard Array(existing) == content.caseKey else { throw forged }
            } else {
                try context.db.execute(sql: "INSERT INTO cases (id, case_key, day) VALUES (?, ?, ?)",
                                       arguments: [Data(caseID.bytes), Data(content.caseKey), context.today.number])
            }
            // Every record must open with the keys the bundle carries before anything is kept.
            var hasLocating = false
            var added = 0
            let nextSeq = (try Int.fetchOne(context.db, sql: "SELECT MAX(seq) FROM records WHERE case_id = ?", arguments: [Data(caseID.bytes)]) ?? 0) + 1
            for (index, record) in content.records.enumerated() {
                let recordID = RecordID(bytes: record.id)
                for compartment in Compartment.allCases {
                    guard let half = keys.half(CompartmentRef(record: recordID, compartment: compartment)) else { continue }
                    let dataKey = try RecordSealing.dataKey(half: half, caseKey: content.caseKey, record: recordID, compartment: compartment)
                    let body = try RecordSealing.open(compartment == .general ? record.general : record.locating, dataKey: dataKey,
                                                      associatedData: RecordSealing.associatedData(origin: record.origin, caseID: caseID, record: recordID, compartment: compartment),
                                                      roster: context.roster, vault: vault.id)
                    if body.hasLocating { hasLocating = true }
                }
                guard keys.half(CompartmentRef(record: recordID, compartment: .general)) != nil else { throw forged }
                try context.db.execute(sql: """
                    INSERT OR IGNORE INTO records (id, case_id, seq, day, origin, general, locating) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [Data(record.id), Data(caseID.bytes), nextSeq + index, context.today.number, Data(record.origin),
                                     Data(record.general), Data(record.locating)])
                added += context.db.changesCount
            }
            for chunk in content.chunks {
                try context.db.execute(sql: "INSERT OR IGNORE INTO chunks (blob, n, case_id, data) VALUES (?, ?, ?, ?)",
                                       arguments: [Data(chunk.blob), chunk.n, Data(caseID.bytes), Data(chunk.data)])
            }
            try context.db.execute(sql: "INSERT INTO imported (bundle) VALUES (?)", arguments: [Data(format.bundleID)])
            let held: GrantBody
            if let (own, locator) = try context.grant(on: caseID) {
                own.merge(keys)
                try GrantStore.file(own, keys: context.current, replacing: locator, context.db)
                held = own
            } else {
                held = GrantBody(caseID: caseID, consent: keys.consent, household: keys.household, ownLogKey: try Key.random())
                held.merge(keys)
                try GrantStore.file(held, keys: context.current, context.db)
            }
            var entry = context.details("import")
            entry.case = caseID.description
            entry.records = content.records.map { RecordID(bytes: $0.id).description }
            entry.compartments = Array(Set(keys.compartments.map(\.compartment.name))).sorted()
            entry.hasLocating = hasLocating
            entry.purpose = "from \(content.exporter)"
            context.drafts.append(.caseAction(entry, readers: context.actionReaders(of: held)))
            return ImportResult(caseID: caseID, records: added, exporter: content.exporter)
        }
    }
}
