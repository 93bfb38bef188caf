import GRDB
import AbriCrypto
@testable import AbriVault
import Foundation
import Testing

/// `abri export` and `abri import`: a case moved to another vault as a sealed, signed bundle, and the attacks on it.
///
/// Two vaults: the story's (its administrator `admin`; the CIDFF's vault calls it `foh`) and the CIDFF's, with an
/// administrator of its own (the story's vault calls it `cidff`), where ines is a member of cidff-62. Each pins the
/// other unless a test says otherwise. Forged bundles are made in process with the bundle's own types: the attacker
/// holds a recipient's identity (to open the bundle key) and keys of their own, and writes valid AEADs.
@Suite struct BundleTests {
    struct Exchange {
        let story: Story
        /// The CIDFF's vault file, and its administrator.
        let other: String
        let otherAdmin: (path: String, line: String)
        var env: [String: String?] { ["ABRI_VAULT": other] }

        init(_ story: Story, pinHere: Bool = true, pinThere: Bool = true, neverLocating: Bool = false) throws {
            self.story = story
            other = story.file("cidff.db")
            otherAdmin = try story.cli.newIdentity("cidff-admin.identity", name: "cidff-admin")
            _ = try story.must(["init", "--admin", otherAdmin.line], as: nil, environment: ["ABRI_VAULT": other])
            try mustThere(["partner", "add", "cidff-62", "--name", "CIDFF", "--kind", "legal-aid"] + (neverLocating ? ["--never-locating"] : []))
            try mustThere(["member", "add", "cidff-62", "--identity", try story.line(.ines), "--name", "ines"])
            if pinThere { try mustThere(["vault", "trust", try story.line(.admin), "--name", "foh"]) }
            if pinHere { _ = try story.must(["vault", "trust", otherAdmin.line, "--name", "cidff"], as: .admin) }
        }

        /// Runs a command as the CIDFF vault's administrator; it must succeed.
        @discardableResult
        func mustThere(_ arguments: [String]) throws -> CLI.Result {
            let result = try story.cli.run(arguments + ["--as", otherAdmin.path], environment: env)
            guard result.status == 0 else { throw StoryError.commandFailed(arguments, nil, result) }
            return result
        }

        /// alice exports the story's case to cidff-62 in the vault named `vault`.
        func export(locating: Bool = true, vault: String = "cidff", name: String = "case.abri", extra: [String] = []) throws -> String {
            let out = story.file(name)
            _ = try story.must(["export", story.caseID, "--to", "cidff-62", "--to-vault", vault, "--out", out, "--consent", "formulaire"]
                               + (locating ? ["--locating"] : []) + extra, as: .alice)
            return out
        }

        /// ines imports into the CIDFF's vault.
        func importThere(_ bundle: String, environment: [String: String?] = [:]) throws -> CLI.Result {
            try story.abri(["import", bundle], as: .ines, environment: env.merging(environment) { $1 })
        }
    }

    /// An identity file of the story, unlocked in process.
    static func unlock(_ story: Story, _ path: String) throws -> Identity {
        try Identity.unlock(contentsOf: path, passphrase: try SecureBytes(copying: Array(story.cli.passphrase.utf8)))
    }

    /// Re-writes a bundle as someone who can open it (`recipient`): `change` edits its content, `signer` signs it,
    /// and it is sealed again under the same bundle key, so its checksum and both AEADs are valid.
    static func forge(_ bundle: String, recipient: borrowing Identity, signer: borrowing Identity, out: String,
                      change: (inout BundleContent) throws -> Void) throws {
        var format = try BundleFormat(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: bundle))))
        let header = format.header
        var opened: Key?
        for seal in format.recipientSeals { if let key = try? recipient.openSealed(seal) { opened = Key(key); break } }
        guard let key = opened else { throw StoryError.sqlite("the bundle does not open for this recipient") }
        let plaintext = try AEAD.open(format.sealedContent, key: key.bytes, associatedData: BundleFormat.contentAD(header))
        var content = try BundleContent(parsing: Array(plaintext.dropLast(64)))
        try change(&content)
        let bytes = content.encoded()
        let signature = try signer.sign(BundleFormat.signedMessage(header: header, keysDigest: SHA256.hash(format.sealedKeys), content: bytes))
        format.sealedContent = try AEAD.seal(bytes + signature, key: key.bytes, associatedData: BundleFormat.contentAD(header))
        try Data(format.encoded()).write(to: URL(fileURLWithPath: out))
    }

    // MARK: What works

    @Test func anExportedCaseOpensInTheOtherVaultWithItsAttachment() throws {
        let story = try Story()
        let exchange = try Exchange(story)
        let bundle = try exchange.export()
        let imported = try exchange.importThere(bundle)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdoutLines == [story.caseID])
        let out = story.file("attachments")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let opened = try story.json(["open", story.caseID, "--reveal", "--purpose", "audience", "--attachments", out],
                                    as: .ines, environment: exchange.env)
        let records = opened["records"] as? [[String: Any]] ?? []
        #expect(records.count == 1)
        #expect((records.first?["locating"] as? [String: Any])?["address"] as? String == Story.address)
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(files.count == 1)
        if let name = files.first {
            #expect(FileManager.default.contents(atPath: out + "/" + name).map(Array.init) == story.attachment)
        }
        #expect(try story.must(["verify"], as: nil, environment: exchange.env).status == 0)
    }

    @Test func pinsAreListedAndLogged() throws {
        let story = try Story()
        let exchange = try Exchange(story)
        let listed = try story.json(["vault", "trusted"], as: .alice)
        let vaults = listed["vaults"] as? [[String: String]] ?? []
        #expect(vaults == [["name": "cidff", "admin": exchange.otherAdmin.line]])
        #expect(try story.adminLog().contains { $0["action"] as? String == "vault-trust" })
        // Only the administrator pins; the same administrator or name twice is a usage error.
        let third = try story.cli.newIdentity("third-admin.identity", name: "third")
        #expect(try story.abri(["vault", "trust", third.line, "--name", "x"], as: .alice).status == 77)
        #expect(try story.abri(["vault", "trust", exchange.otherAdmin.line, "--name", "again"], as: .admin).status == 64)
        #expect(try story.abri(["vault", "trust", third.line, "--name", "cidff"], as: .admin).status == 64)
        #expect(try story.abri(["vault", "trust", try story.line(.admin), "--name", "self"], as: .admin).status == 64)
        // Exporting to a vault that is not pinned is a usage error, before anything is written.
        let unknown = try story.abri(["export", story.caseID, "--to", "cidff-62", "--to-vault", "nowhere", "--out", story.file("n.abri"),
                                      "--consent", "f"], as: .alice)
        #expect(unknown.status == 64)
        #expect(!FileManager.default.fileExists(atPath: story.file("n.abri")))
    }

    @Test func withoutLocatingTheBundleCarriesNoAddress() throws {
        let story = try Story()
        let exchange = try Exchange(story)
        let bundle = try exchange.export(locating: false)
        #expect(try exchange.importThere(bundle).status == 0)
        let opened = try story.json(["open", story.caseID, "--reveal", "--purpose", "audience"], as: .ines, environment: exchange.env)
        let record = (opened["records"] as? [[String: Any]])?.first
        #expect(record?["locating"] == nil)
        #expect(record?["withheld"] as? [String] == ["locating"])
        // The bundle is encrypted, so searching it for the address proves nothing; its size does: the
        // locating part carries the 300,000-byte attachment, which a bundle without it cannot hold.
        let size = try #require(FileManager.default.attributesOfItem(atPath: bundle)[.size] as? Int)
        let withLocating = try #require(FileManager.default.attributesOfItem(atPath: try exchange.export(locating: true, name: "full.abri"))[.size] as? Int)
        #expect(size < story.attachment.count, "a bundle without --locating holds \(size) bytes: the attachment went with it")
        #expect(withLocating > story.attachment.count)
    }

    // MARK: Attacks

    /// The attack of the first format: a bundle signed by a key the bundle itself carries. Its AEADs and its
    /// Ed25519 signature are valid; what fails is that no roster signed by the pinned administrator vouches for
    /// that key. (Removing the membership check in `importBundle` makes this import succeed: tried once.)
    @Test func aBundleSignedByAKeyItCarriesButNoPinnedRosterVouchesForIsRefused() throws {
        let story = try Story()
        let exchange = try Exchange(story)
        let bundle = try exchange.export()
        let mallory = try story.cli.newIdentity("mallory.identity", name: "mallory")
        let ines = try Self.unlock(story, story.identity(.ines))
        let malloryKey = try Self.unlock(story, mallory.path)
        let forged = story.file("forged.abri")
        try Self.forge(bundle, recipient: ines, signer: malloryKey, out: forged) { content in
            content.exporter = "foh-social/alice"
            content.exporterIdentity = mallory.line
        }
        let before = try exchange.storyOfOther()
        let result = try exchange.importThere(forged)
        #expect(result.status == 65)
        #expect(result.stderr.contains("not a current member"))
        #expect(try exchange.storyOfOther() == before)
        // The same bundle claiming alice's identity but signed by mallory fails the signature itself.
        let claimed = story.file("claimed.abri")
        let alice = try story.line(.alice)
        try Self.forge(bundle, recipient: ines, signer: malloryKey, out: claimed) { content in content.exporterIdentity = alice }
        let signature = try exchange.importThere(claimed)
        #expect(signature.status == 65)
        #expect(signature.stderr.contains("signature"))
    }

    @Test func aBundleFromAnUnpinnedVaultIsRefused() throws {
        let story = try Story()
        let exchange = try Exchange(story, pinThere: false)
        let bundle = try exchange.export()
        let result = try exchange.importThere(bundle)
        #expect(result.status == 77)
        #expect(result.stderr.contains("not pinned"))
        #expect(try story.rows("cases") == 1)
    }

    @Test func aRosterProofNotSignedByThePinnedAdministratorIsRefused() throws {
        let story = try Story()
        let exchange = try Exchange(story)
        let bundle = try exchange.export()
        let mallory = try story.cli.newIdentity("mallory.identity", name: "mallory")
        let ines = try Self.unlock(story, story.identity(.ines))
        let malloryKey = try Self.unlock(story, mallory.path)
        let forged = story.file("forged.abri")
        // mallory writes herself into the exporting vault's roster and signs it with her own key.
        try Self.forge(bundle, recipient: ines, signer: malloryKey, out: forged) { content in
            var roster = try Roster.decode(body: content.rosters[0].body)
            roster.members.append(Member(partner: "foh-social", name: "mallory", identity: mallory.line, removed: false))
            let body = try roster.canonicalBody()
            content.rosters[0] = SignedRoster(body: body, signature: try malloryKey.sign(Roster.signatureContext + body))
            content.exporter = "foh-social/mallory"
            content.exporterIdentity = mallory.line
        }
        let result = try exchange.importThere(forged)
        #expect(result.status == 65)
        #expect(result.stderr.contains("roster proof"))
    }

    @Test func anExporterRemovedFromItsRosterIsRefused() throws {
        let story = try Story()
        let exchange = try Exchange(story)
        let bundle = try exchange.export()
        // alice leaves foh-social (a colleague stays, so the partner's cases keep a holder).
        let colleague = try story.cli.newIdentity("colleague.identity", name: "colleague")
        _ = try story.must(["member", "add", "foh-social", "--identity", colleague.line, "--name", "colleague"], as: .admin)
        _ = try story.must(["member", "approve", "foh-social", "colleague", "--yes"], as: .alice)
        _ = try story.must(["member", "remove", "foh-social", "alice", "--yes"], as: .admin)
        // She still has her key and reads the new roster, correctly signed, from the file; she signs a bundle with it.
        let row = try SQLite.query(story.vault, "SELECT hex(body) || '|' || hex(signature) FROM roster ORDER BY version DESC LIMIT 1;")
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").map { bytes(hex: String($0)) }
        let ines = try Self.unlock(story, story.identity(.ines))
        let alice = try Self.unlock(story, story.identity(.alice))
        let forged = story.file("removed.abri")
        try Self.forge(bundle, recipient: ines, signer: alice, out: forged) { content in
            content.rosters[0] = SignedRoster(body: row[0], signature: row[1])
        }
        let result = try exchange.importThere(forged)
        #expect(result.status == 65)
        #expect(result.stderr.contains("not a current member"))
    }

    @Test func aBundleForAnotherVaultIsRefused() throws {
        let story = try Story()
        let exchange = try Exchange(story)
        let third = try story.cli.newIdentity("third-admin.identity", name: "third")
        _ = try story.must(["vault", "trust", third.line, "--name", "ailleurs"], as: .admin)
        let bundle = try exchange.export(vault: "ailleurs")
        let result = try exchange.importThere(bundle)
        #expect(result.status == 65)
        #expect(result.stderr.contains("another vault"))
    }

    @Test func aBundleIntoTheVaultItCameFromIsRefusedAndBackupStillWorks() throws {
        let story = try Story()
        _ = try Exchange(story)
        let bundle = try story.file("case.abri")
        _ = try story.must(["export", story.caseID, "--to", "cidff-62", "--to-vault", "cidff", "--locating", "--out", bundle,
                            "--consent", "formulaire"], as: .alice)
        // ines is a member of cidff-62 in the story's vault too: the bundle opens for her there.
        let result = try story.abri(["import", bundle], as: .ines, environment: ["LANG": "fr_FR.UTF-8"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("ce dossier est déjà dans ce coffre"))
        #expect(try story.must(["backup", "--out", story.file("after.db")], as: nil).status == 0)
        #expect(try story.must(["verify"], as: nil).status == 0)
    }

    @Test func anExpiredConsentInABundleIsRefused() throws {
        let story = try Story()
        let exchange = try Exchange(story)
        let bundle = try exchange.export(extra: ["--until", "2031-01-31"])
        let result = try exchange.importThere(bundle, environment: ["ABRI_TODAY": "2031-02-01"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("consent"))
        #expect(try exchange.importThere(bundle, environment: ["ABRI_TODAY": "2031-01-31"]).status == 0)
    }

    @Test func aLocatingPartForANeverLocatingImporterIsRefused() throws {
        let story = try Story()
        let exchange = try Exchange(story, neverLocating: true)
        let bundle = try exchange.export(locating: true)
        let result = try exchange.importThere(bundle)
        #expect(result.status == 77)
        #expect(result.stderr.contains("never receives locating"))
        #expect(try exchange.importThere(try exchange.export(locating: false, name: "general.abri")).status == 0)
    }

    /// Someone who writes the store (here with ines's keys too, so that the record opens under a grant) plants a
    /// record whose origin is the other vault, signed by an author no stored roster of that vault names.
    @Test func aPlantedRecordWithAForeignOriginAndAMadeUpAuthorDoesNotOpen() throws {
        let story = try Story()
        let exchange = try Exchange(story)
        #expect(try exchange.importThere(try exchange.export()).status == 0)
        #expect(try story.abri(["open", story.caseID], as: .ines, environment: exchange.env).status == 0)
        let mallory = try Identity.generate(name: "mallory")
        let vault = try Vault.open(path: exchange.other, stateDirectory: story.file("state") + "/abri")
        let session = MemberSession(vault: vault, identity: try Self.unlock(story, story.identity(.ines)))
        let caseID = try CaseID(parsing: story.caseID)
        let origin = try Self.originOfImportedRecords(exchange.other)
        try session.run { context in
            let (grant, locator) = try #require(try context.grant(on: caseID))
            let caseKey = Array(try #require(try Data.fetchOne(context.db.file, sql: "SELECT case_key FROM cases WHERE id = ?",
                                                                arguments: [Data(caseID.bytes)])))
            let record = RecordID(bytes: Random.bytes(16))
            let half = try Key.random()
            let dataKey = try RecordSealing.dataKey(half: half, caseKey: caseKey, record: record, compartment: .general)
            let body = RecordBody(case: caseID.description, record: record.description, seq: 2, compartment: "general", type: "note",
                                  author: "foh-social/alice", authorKey: Data(mallory.publicIdentity.signingPublicKey).base64EncodedString(),
                                  createdAt: "2026-11-21T10:00:00Z", hasLocating: false,
                                  content: ["text": .string("message de la conseillère")], attachments: [])
            let ad = RecordSealing.associatedData(origin: origin, caseID: caseID, record: record, compartment: .general)
            let sealed = try RecordSealing.seal(body, author: mallory, dataKey: dataKey, associatedData: ad)
            try context.db.file.execute(sql: "INSERT INTO records (id, case_id, seq, day, origin, general, locating) VALUES (?, ?, 99, 0, ?, ?, ?)",
                                   arguments: [Data(record.bytes), Data(caseID.bytes), Data(origin), Data(sealed), Data(RecordSealing.filler())])
            grant.add(CompartmentRef(record: record, compartment: .general), half: half, provenance: .received)
            try GrantStore.file(grant, keys: context.current, replacing: locator, context.db)
        }
        let result = try story.abri(["open", story.caseID], as: .ines, environment: exchange.env)
        #expect(result.status == 65)
        #expect(!result.stdout.contains("message de la conseillère"))
    }

    @Test func aReplayedBundleIsRefused() throws {
        let story = try Story()
        let exchange = try Exchange(story)
        let bundle = try exchange.export()
        #expect(try exchange.importThere(bundle).status == 0)
        let again = try exchange.importThere(bundle)
        #expect(again.status == 65)
        #expect(again.stderr.contains("already imported"))
    }

    @Test func aBundleIsOnlyForTheMembersOfItsPartner() throws {
        let story = try Story()
        let exchange = try Exchange(story)
        let bundle = try exchange.export()
        let result = try story.abri(["import", bundle], as: .bruno)
        #expect(result.status == 77)
        #expect(result.stderrLines.count == 1)
    }

    @Test func aDamagedOrTruncatedBundleIsRefusedBeforeAnythingElse() throws {
        let story = try Story()
        let exchange = try Exchange(story)
        let bundle = try exchange.export()
        let bytes = try #require(FileManager.default.contents(atPath: bundle))
        var flipped = bytes
        flipped[flipped.count / 2] ^= 0x01
        let damaged = try story.write("damaged.abri", "")
        try flipped.write(to: URL(fileURLWithPath: damaged))
        let truncated = try story.write("truncated.abri", "")
        try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: truncated))
        for path in [damaged, truncated] {
            // Checked whole first: even someone the bundle is not addressed to gets 65.
            for actor in [Story.Actor.ines, .bruno] {
                let result = try story.abri(["import", path], as: actor)
                #expect(result.status == 65, "\(path) as \(actor)")
            }
        }
    }

    @Test func aForgedBundleFailsItsSignature() throws {
        // Re-seal a valid bundle's structure with a recomputed checksum but a changed byte inside a sealed part:
        // the checksum passes, the seal opens, the AEAD or the signature does not.
        let story = try Story()
        let exchange = try Exchange(story)
        let bundle = try exchange.export()
        var bytes = try #require(FileManager.default.contents(atPath: bundle).map(Array.init))
        bytes[bytes.count - 32 - 10] ^= 0x01
        let body = Array(bytes[0 ..< bytes.count - 32])
        let checksum = BLAKE2b.hash(body, length: 32)
        let forged = try story.write("forged.abri", "")
        try Data(body + checksum).write(to: URL(fileURLWithPath: forged))
        let result = try exchange.importThere(forged)
        #expect(result.status == 65)
    }

    @Test func aShreddedCaseCannotComeBackByBundle() throws {
        let story = try Story()
        let exchange = try Exchange(story)
        let bundle = try exchange.export()
        #expect(try exchange.importThere(bundle).status == 0)
        _ = try exchange.mustThere(["shred", story.caseID, "--yes"])
        let again = try exchange.export(name: "again.abri")
        let result = try exchange.importThere(again)
        #expect(result.status == 65)
        #expect(result.stderr.contains("shredded"))
    }

    @Test func exportRefusesAnExistingOutputAndANeverLocatingTarget() throws {
        let story = try Story()
        _ = try Exchange(story)
        let existing = try story.write("exists.abri", "keep")
        let clash = try story.abri(["export", story.caseID, "--to", "cidff-62", "--to-vault", "cidff", "--out", existing, "--consent", "f"], as: .alice)
        #expect(clash.status == 73)
        #expect(FileManager.default.contents(atPath: existing) == Data("keep".utf8))
        let tenancy = try story.abri(["export", story.caseID, "--to", "foh-tenancy", "--to-vault", "cidff", "--locating",
                                      "--out", story.file("t.abri"), "--consent", "f"], as: .alice)
        #expect(tenancy.status == 77)
        let noConsent = try story.abri(["export", story.caseID, "--to", "cidff-62", "--to-vault", "cidff", "--out", story.file("n.abri")], as: .alice)
        #expect(noConsent.status == 64)
        let tom = try story.abri(["export", story.caseID, "--to", "foh-tenancy", "--to-vault", "cidff", "--out", story.file("tom.abri"),
                                  "--consent", "f"], as: .tom)
        #expect(tom.status == 77)
        #expect(!FileManager.default.fileExists(atPath: story.file("tom.abri")))
    }

    /// `backup` never ends in 70 on a vault `verify` accepts: every state the story reaches, both vaults, a backup
    /// after each (deposit, share, a record added, an export, a refused import into the source vault, an import,
    /// a replay, a record added in the other vault and the case sent back and imported where it started).
    @Test func backupWorksAfterEveryStateOfTheExchange() throws {
        let story = try Story()
        let exchange = try Exchange(story)
        var count = 0
        func backupBoth() throws {
            for environment in [[:], exchange.env] as [[String: String?]] {
                count += 1
                let out = story.file("backup-\(count).db")
                let result = try story.abri(["backup", "--out", out], as: nil, environment: environment)
                #expect(result.status == 0, "backup \(count): \(result.stderr)")
                #expect(try story.abri(["verify"], as: nil, environment: environment).status == 0)
                #expect(try story.abri(["verify"], as: nil, environment: ["ABRI_VAULT": out]).status == 0, "backup \(count) verifies")
            }
        }
        try backupBoth()
        try story.shareWithBailleurB()
        try backupBoth()
        _ = try story.addRehousing()
        try backupBoth()
        let bundle = try exchange.export()
        try backupBoth()
        #expect(try story.abri(["import", bundle], as: .ines).status == 65)
        try backupBoth()
        #expect(try exchange.importThere(bundle).status == 0)
        try backupBoth()
        #expect(try exchange.importThere(bundle).status == 65)
        try backupBoth()
        // The CIDFF adds a note and sends the case back to foh-social, in the story's vault.
        try exchange.mustThere(["partner", "add", "foh-social", "--name", "FOH", "--kind", "landlord"])
        try exchange.mustThere(["member", "add", "foh-social", "--identity", try story.line(.alice), "--name", "alice"])
        let note = try story.write("note.json", #"{"type": "note", "facts": "Rendez-vous juridique fixé."}"#)
        _ = try story.must(["add", story.caseID, note], as: .ines, environment: exchange.env)
        let back = story.file("back.abri")
        _ = try story.must(["export", story.caseID, "--to", "foh-social", "--to-vault", "foh", "--locating", "--out", back,
                            "--consent", "formulaire"], as: .ines, environment: exchange.env)
        let returned = try story.abri(["import", back], as: .alice)
        #expect(returned.status == 0, "\(returned.stderr)")
        try backupBoth()
        let opened = try story.json(["open", story.caseID], as: .alice)
        #expect((opened["records"] as? [[String: Any]])?.contains { $0["author"] as? String == "cidff-62/ines" } == true)
    }

    // MARK: Helpers


    static func originOfImportedRecords(_ vault: String) throws -> [UInt8] {
        bytes(hex: try SQLite.query(vault, "SELECT hex(origin) FROM records LIMIT 1;").trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

extension BundleTests.Exchange {
    /// The other vault's case, record and grant counts: what a refused import must leave as it was.
    func storyOfOther() throws -> [Int] {
        try ["cases", "records", "grants", "foreign_rosters", "imported"].map {
            Int(try SQLite.query(other, "SELECT count(*) FROM \($0);").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }
    }
}
