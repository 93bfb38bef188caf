import AbriCrypto
import Foundation
public import AbriPublic
import AbriStore

extension MemberSession {
    /// Writes a bundle of a case for `partnerID`'s members in the pinned vault named `vaultName`: what a share would
    /// grant, locating parts with `locating`, with this vault's signed roster as proof of the exporter's membership.
    public func export(_ caseID: CaseID, to partnerID: String, inVault vaultName: String, locating: Bool, consent: Consent,
                       out path: String) throws {
        var status = stat()
        if lstat(path, &status) == 0 {
            throw AbriError.cannotCreate("\(path) already exists (choose another --out; nothing was written)")
        }
        // The bundle is written and synced under a temporary name before the export is committed to the log, and
        // renamed into place after: a kill leaves either no bundle and no entry, or a logged export, never a
        // partial bundle under `path`.
        let output = try StagedOutput(path, what: "the bundle")
        defer { output.discard() }
        try run { context in
            guard let (own, ownLocator) = try context.grant(on: caseID),
                  let caseKey = try context.db.caseKey(caseID: caseID.bytes) else {
                throw AbriError.notPermitted(CaseID.unknownMessage)
            }
            guard let destination = context.roster.trustedVaults.first(where: { $0.name == vaultName.precomposedStringWithCanonicalMapping }) else {
                let names = context.roster.trustedVaults.map(\.name).joined(separator: ", ")
                throw AbriError.usage(names.isEmpty
                    ? "no vault is pinned here yet (ask your administrator to run `abri vault trust`)"
                    : "no pinned vault is named \(vaultName) (pinned: \(names))")
            }
            let target = try context.roster.partner(partnerID)
            if locating && target.neverLocating {
                throw AbriError.notPermitted("partner \(partnerID) never receives locating parts (export with --to instead of --locating-to)")
            }
            let members = try Approvals.approvedMembers(of: partnerID, roster: context.roster, vault: context.vault, context.db)
            guard !members.isEmpty, members.count <= 255 else {
                throw AbriError.usage("partner \(partnerID) has no enrolled member to address the bundle to (ask your administrator)")
            }
            let refs = own.compartments.filter { $0.compartment == .general || locating }
            let fresh = !own.made.contains { $0.partner == partnerID }
            let link = try own.link(to: partnerID)
            let keys = try own.handedOn(refs, consent: consent, granter: context.partner.id, link: link)
            try GrantStore.file(own, keys: context.current, replacing: ownLocator, context.db)
            let content = try context.bundleContent(caseID: caseID, caseKey: caseKey, grant: own, refs: refs,
                                                    destinationAdmin: destination.admin)
            let bundleKey = try Key.random()
            let seals = try members.map { try SealedBox.seal(secret: bundleKey.bytes, to: try PublicIdentity(parsing: $0.identity).boxPublicKey) }
            var format = BundleFormat(bundleID: Random.bytes(16), recipientSeals: seals, sealedKeys: [], sealedContent: [])
            let header = format.header
            let keysPlaintext = try keys.encoded()
            format.sealedKeys = try AEAD.seal(secret: keysPlaintext, key: bundleKey.bytes, associatedData: BundleFormat.keysAD(header))
            let keysDigest = SHA256.hash(format.sealedKeys)
            let contentBytes = content.encoded()
            let signature = try identity.sign(BundleFormat.signedMessage(header: header, keysDigest: keysDigest, content: contentBytes))
            format.sealedContent = try AEAD.seal(contentBytes + signature, key: bundleKey.bytes, associatedData: BundleFormat.contentAD(header))
            var entry = context.details("export")
            entry.case = caseID.description
            entry.partner = partnerID
            entry.purpose = "to \(destination.name)"
            entry.records = Array(Set(refs.map(\.record.description))).sorted()
            entry.compartments = Array(Set(refs.map(\.compartment.name))).sorted()
            entry.consent = consent.record
            var draft = LogDraft.caseAction(entry, readers: [ReaderKey(key: link, fresh: fresh)])
            if consent.record?.kind == "without-consent" { draft.summary.withoutConsent = 1 }
            context.drafts.append(draft)
            try output.write(format.encoded())
            try output.sync()
        }
        try output.place()
    }
}

extension MemberContext {
    /// The stored ciphertexts of the exported records, and the attachment segments their compartments name.
    func bundleContent(caseID: CaseID, caseKey: [UInt8], grant: GrantBody, refs: [CompartmentRef],
                       destinationAdmin: String) throws -> BundleContent {
        var records: [BundleContent.StoredRecord] = []
        var attachments: [AttachmentInfo] = []
        var origins: Set<[UInt8]> = []
        let exported = Set(refs)
        let authors = try AuthorCheck.load(roster: roster, vault: vault.id, db)
        for row in try db.sealedRecords(caseID: caseID.bytes) {
            let recordID = RecordID(bytes: row.id)
            let origin = row.origin
            guard exported.contains(CompartmentRef(record: recordID, compartment: .general)) else { continue }
            if origin != vault.id { origins.insert(origin) }
            var stored = BundleContent.StoredRecord(id: recordID.bytes, origin: origin, general: row.general,
                                                    locating: RecordSealing.filler())
            for compartment in Compartment.allCases {
                let ref = CompartmentRef(record: recordID, compartment: compartment)
                guard exported.contains(ref), let half = grant.half(ref) else { continue }
                let sealed = compartment == .general ? row.general : row.locating
                if compartment == .locating { stored.locating = sealed }
                let dataKey = try RecordSealing.dataKey(half: half, caseKey: caseKey, record: recordID, compartment: compartment)
                let body = try RecordSealing.open(sealed, dataKey: dataKey,
                                                  associatedData: RecordSealing.associatedData(origin: origin, caseID: caseID, record: recordID, compartment: compartment),
                                                  authors: authors)
                attachments += body.attachments
            }
            records.append(stored)
        }
        var chunks: [BundleContent.StoredChunk] = []
        for info in attachments {
            guard let blob = Data(base64Encoded: info.blob).map(Array.init) else { throw Attachments.damaged }
            for (n, segment) in try Attachments.segments(of: info, files: vault.store.attachmentFiles, db).enumerated() {
                chunks.append(BundleContent.StoredChunk(blob: blob, n: n, data: segment))
            }
        }
        // The importer checks each record's author against a roster of its origin vault: this vault's own, and for
        // records this vault imported, the rosters of their vaults that it verified then.
        var rosters = [try SignedRoster.current(db)]
        for origin in origins.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            for row in try db.foreignRosters(vault: origin) {
                rosters.append(SignedRoster(body: row.body, signature: row.signature))
            }
        }
        return BundleContent(sourceVault: vault.id, destinationAdmin: destinationAdmin, rosters: rosters, exporter: member.handle, exporterIdentity: session.identity.publicIdentity.line,
                             caseKey: caseKey, records: records, chunks: chunks)
    }
}
