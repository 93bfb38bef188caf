import AbriCrypto
import Foundation
public import AbriPublic
import AbriStore

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
    /// The checks of a bundle that need no key, for the CLI to make before it asks for a passphrase: the file exists
    /// and can be read (66), and it is whole: its framing and checksum (65).
    public static func checkBundle(at path: String) throws {
        _ = try readBundle(at: path)
    }

    static func readBundle(at path: String) throws -> BundleFormat {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else {
            throw AbriError.noInput("\(path) does not exist or cannot be read (check the path)")
        }
        return try BundleFormat(parsing: Array(data))
    }

    /// Imports a bundle. Checks, in order: it is whole (65); addressed to this identity (77); it comes from another
    /// vault (65), whose administrator is pinned here (77), with a roster signed by that administrator (65) that
    /// names the exporter as a current member (65), who signed it (65), for this vault (65); it is new here and its
    /// case not shredded (65); its consent has not ended (65); no locating part for a never-locating partner (77);
    /// and every key half opens its record, written by an author a signed roster vouches for (65). Nothing is
    /// written before all of this passed.
    public func importBundle(at path: String) throws -> ImportResult {
        let format = try Self.readBundle(at: path)
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
        let keys = try GrantBody.decode(keysPlaintext)
        let forged = AbriError.badData("the bundle's signature does not check out: it was forged or altered (do not use it)")
        return try run { context in
            // Who sent it: a vault pinned here, a roster its administrator signed, a current member of it who signed.
            if content.sourceVault == vault.id {
                throw AbriError.badData("this case is already in this vault: the bundle was exported from it (nothing was written)")
            }
            var authors = AuthorCheck(roster: context.roster, vault: vault.id)
            var proven: [(vault: [UInt8], version: Int, roster: SignedRoster)] = []
            for (index, signed) in content.rosters.enumerated() {
                guard let claimed = try? Roster.decode(body: signed.body) else { throw SignedRoster.badProof }
                // A case that comes back carries this vault's own roster for its records from here: they are
                // checked against this vault's roster instead.
                if index > 0, claimed.vaultID == vault.id { continue }
                guard context.roster.trustedVault(admin: claimed.admin) != nil, let admin = try? PublicIdentity(parsing: claimed.admin) else {
                    throw AbriError.notPermitted("this bundle comes from a vault whose administrator is not pinned here (ask your administrator to run `abri vault trust`)")
                }
                let verified = try signed.verified(by: admin)
                guard let id = verified.vaultID, id != vault.id, index > 0 || id == content.sourceVault else { throw SignedRoster.badProof }
                authors.add(verified)
                proven.append((id, verified.version, signed))
            }
            let source = try Roster.decode(body: content.rosters[0].body)
            guard let exporterKey = try? PublicIdentity(parsing: content.exporterIdentity),
                  source.memberships(of: content.exporterIdentity).contains(where: { $0.handle == content.exporter }) else {
                throw AbriError.badData("the bundle's exporter is not a current member of the vault it comes from (do not use it)")
            }
            guard Ed25519.isValidSignature(signature, for: BundleFormat.signedMessage(header: header, keysDigest: SHA256.hash(format.sealedKeys), content: contentBytes),
                                           publicKey: exporterKey.signingPublicKey) else { throw forged }
            guard content.destinationAdmin == vault.admin.line else {
                throw AbriError.badData("this bundle is addressed to another vault (ask for it to be exported to this one)")
            }
            let caseID = keys.caseID
            if try context.db.bundleWasImported(bundleID: format.bundleID) {
                throw AbriError.badData("this bundle was already imported (nothing was written)")
            }
            if try context.db.isShredded(caseID: caseID.bytes) {
                throw AbriError.badData("this bundle's case was shredded here and cannot come back (nothing was written)")
            }
            if let until = keys.consent.until, until < context.today {
                throw AbriError.badData("the consent this bundle was exported under ended on \(until) (ask for a new export under a current consent)")
            }
            if context.partner.neverLocating, keys.compartments.contains(where: { $0.compartment == .locating }) {
                throw AbriError.notPermitted("partner \(context.partner.id) never receives locating parts (ask for an export without them)")
            }
            let existingKey = try context.db.caseKey(caseID: caseID.bytes)
            if let existingKey, existingKey != content.caseKey { throw forged }

            // Every key half must open its record, written by an author a signed roster vouches for, before
            // anything is kept: the bundle's copy, and the stored one when this vault already has the record.
            var hasLocating = false
            var byID: [[UInt8]: BundleContent.StoredRecord] = [:]
            for record in content.records {
                guard byID[record.id] == nil, keys.half(CompartmentRef(record: RecordID(bytes: record.id), compartment: .general)) != nil else { throw forged }
                byID[record.id] = record
            }
            for ref in keys.compartments {
                guard let record = byID[ref.record.bytes], let half = keys.half(ref) else { throw forged }
                let dataKey = try RecordSealing.dataKey(half: half, caseKey: content.caseKey, record: ref.record, compartment: ref.compartment)
                var copies = [(origin: record.origin, sealed: ref.compartment == .general ? record.general : record.locating)]
                if let stored = try context.db.sealedRecord(id: ref.record.bytes) {
                    guard stored.caseID == caseID.bytes else { throw forged }
                    copies.append((stored.origin, ref.compartment == .general ? stored.general : stored.locating))
                }
                for copy in copies {
                    let body = try RecordSealing.open(copy.sealed, dataKey: dataKey,
                                                      associatedData: RecordSealing.associatedData(origin: copy.origin, caseID: caseID, record: ref.record, compartment: ref.compartment),
                                                      authors: authors)
                    guard body.record == ref.record.description, body.case == caseID.description,
                          body.compartment == ref.compartment.name else { throw RecordSealing.damaged }
                    if body.hasLocating { hasLocating = true }
                }
            }

            if existingKey == nil {
                try context.db.insertCase(id: caseID.bytes, caseKey: content.caseKey, day: context.today.number)
            }
            var added = 0
            let nextSeq = (try context.db.lastRecordSeq(caseID: caseID.bytes) ?? 0) + 1
            for (index, record) in content.records.enumerated() {
                let row = RecordRow(id: record.id, caseID: caseID.bytes, seq: nextSeq + index, day: context.today.number,
                                    origin: record.origin, general: record.general, locating: record.locating)
                if try context.db.insertRecordUnlessPresent(row) { added += 1 }
            }
            // The attachments' segments are most of a large bundle: their writing is what the bar follows.
            let writing = AttachmentProgress(progress, label: "importing attachments (MiB)",
                                             totalBytes: content.chunks.reduce(0) { $0 + $1.data.count })
            defer { writing?.finish() }
            for chunk in content.chunks {
                // A blob this vault already keeps as a file (a case that came back) keeps its file.
                try context.db.insertChunkUnlessPresent(blob: chunk.blob, segment: chunk.n, caseID: caseID.bytes, data: chunk.data)
                writing?.add(chunk.data.count)
            }
            // What vouched for the records' authors stays, so that `open` checks them again later.
            for item in proven {
                try context.db.insertForeignRoster(vault: item.vault, version: item.version, body: item.roster.body,
                                                   signature: item.roster.signature)
            }
            try context.db.insertImportedBundle(bundleID: format.bundleID)
            let held: GrantBody
            if let (own, locator) = try context.grant(on: caseID) {
                // A re-import adds the halves the partner lacks; it never replaces one it holds, nor its own consent.
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
