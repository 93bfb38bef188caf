import AbriCrypto
@testable import AbriVault
import Foundation
import GRDB
import Testing

/// Signatures behind valid AEADs: each forgery here opens with the right key (a record's real data key, a log section's
/// real reader key), so that the only thing wrong with it is who signed it. Built in process with the project's own
/// types, as someone who holds those keys would (a member of a partner that holds the case).
@Suite(.enabled(if: SQLite.available, "needs the sqlite3 command-line tool"))
struct AuthenticityTests {
    // MARK: Record authors

    /// A local record's general compartment re-sealed under its real data key, naming alice (her handle and her key)
    /// but signed by bruno; then naming alice with bruno's key. Removing the signature check of `RecordSealing.open`
    /// makes the first half of this test fail (tried once: the forged record opened, 0); removing the roster check
    /// (`authors.vouches`) makes the second fail.
    @Test func aRecordSignedByAKeyThatIsNotItsAuthorsIsRefused() throws {
        for claimsAlicesKey in [true, false] {
            let story = try Story()
            let caseID = try CaseID(parsing: story.caseID)
            let vault = try Vault.open(path: story.vault, stateDirectory: story.file("in-process-state"), checkHistory: false)
            let grant = try Self.grant(story, .alice, vault: vault, caseID: caseID)
            let ref = try #require(grant.compartments.first { $0.compartment == .general })
            let half = try #require(grant.half(ref))
            let row = try #require(try vault.store.read { db in
                try Row.fetchOne(db.file, sql: "SELECT records.origin, records.general, cases.case_key FROM records JOIN cases ON cases.id = records.case_id WHERE records.id = ?",
                                 arguments: [Data(ref.record.bytes)])
            })
            let ad = RecordSealing.associatedData(origin: Array(row["origin"] as Data), caseID: caseID, record: ref.record, compartment: .general)
            let dataKey = try RecordSealing.dataKey(half: half, caseKey: Array(row["case_key"] as Data), record: ref.record, compartment: .general)
            // The real body, as the data key opens it.
            let padded = try AEAD.open(Array(row["general"] as Data), key: dataKey.bytes, associatedData: ad)
            var reader = ByteReader(try Padding.unpad(padded, blockSize: padded.count), malformed: RecordSealing.damaged)
            var body = try JSONDecoder().decode(RecordBody.self, from: Data(try reader.blob32()))
            #expect(body.author == "foh-social/alice")
            body.content["facts"] = .string("Faits réécrits par un autre membre.")
            let bruno = try BundleTests.unlock(story, story.identity(.bruno))
            if !claimsAlicesKey { body.authorKey = Data(bruno.publicIdentity.signingPublicKey).base64EncodedString() }
            let forged = try RecordSealing.seal(body, author: bruno, dataKey: dataKey, associatedData: ad)
            try SQLite.query(story.vault, "UPDATE records SET general = x'\(hex(forged))' WHERE id = x'\(hex(ref.record.bytes))';")

            for actor in [Story.Actor.alice, .ines] {
                let opened = try story.abri(["open", story.caseID], as: actor)
                #expect(opened.status == 65, "\(claimsAlicesKey ? "alice's key, bruno's signature" : "bruno's key under alice's name") as \(actor): \(opened)")
                #expect(!opened.stdout.contains("réécrits"))
            }
        }
    }

    // MARK: Log actors

    /// ines, who holds the log key and her partner's keys on the case, appends an entry in alice's name: sealed to the
    /// keys an open by her partner is sealed to (her own log key and the link key of alice's grant), with a head signed
    /// by the log key, so the tree and every AEAD check out. Signed by ines under alice's key, then under ines's own key
    /// with alice's handle. `verify --as ines` and `verify --as alice` report the entry; a member's `log` refuses it
    /// (65) rather than show it as alice's. Removing the signature check (`!entry.signatureValid` in
    /// `Vault.verify`, the `.member` case) makes the first forgery pass `verify` (tried once: exit 0); removing
    /// `actorMatches` makes the second pass.
    @Test func aLogSectionSignedByAKeyThatIsNotItsActorsIsReported() throws {
        for claimsAlicesKey in [true, false] {
            let story = try Story()
            let caseID = try CaseID(parsing: story.caseID)
            let alice = try BundleTests.unlock(story, story.identity(.alice))
            let aliceKey = Data(alice.publicIdentity.signingPublicKey).base64EncodedString()
            let vault = try Vault.open(path: story.vault, stateDirectory: story.file("in-process-state"), checkHistory: false)
            let session = MemberSession(vault: vault, identity: try BundleTests.unlock(story, story.identity(.ines)))
            try session.run { context in
                guard let (body, _) = try context.grant(on: caseID) else { throw StoryError.sqlite("ines holds no grant") }
                var details = context.details("reveal")
                details.actor = "foh-social/alice"
                if claimsAlicesKey { details.actorKey = aliceKey }
                details.case = story.caseID
                details.purpose = "curiosité"
                context.drafts.append(.caseAction(details, readers: body.actionKeys.map { ReaderKey(key: $0, fresh: false) }))
            }

            for reader in [Story.Actor.ines, .alice] {
                let verify = try story.abri(["verify", "--json", "--as", story.identity(reader)], as: nil)
                #expect(verify.status == 65, "\(claimsAlicesKey ? "ines's signature under alice's key" : "ines's key under alice's name"), verify --as \(reader): \(verify)")
                #expect(verify.stdout.contains("is not signed by the member it names"), "\(verify)")
            }
            // Anyone's verify sees a whole, signed log: the forgery is inside sections only their readers open.
            #expect(try story.abri(["verify"], as: nil).status == 0)

            for arguments in [["log"], ["log", "--case", story.caseID], ["log", "--json"]] {
                let log = try story.abri(arguments, as: .ines)
                #expect(log.status == 65, "\(arguments) as ines: \(log)")
                #expect(log.stderr.contains("is not signed by the member it names") && log.stdout.isEmpty, "\(log)")
            }
        }
    }

    // MARK: Helpers

    static func grant(_ story: Story, _ actor: Story.Actor, vault: Vault, caseID: CaseID) throws -> GrantBody {
        let session = MemberSession(vault: vault, identity: try BundleTests.unlock(story, story.identity(actor)))
        return try vault.store.read { db in
            let context = try MemberContext(session: session, db: db)
            guard let (body, _) = try GrantStore.find(caseID, generations: context.generations, db) else {
                throw StoryError.sqlite("\(actor) holds no grant on the case")
            }
            return body
        }
    }

}
