import AbriCrypto
@testable import AbriVault
import Foundation
import Testing

/// Whoever can write the vault file attacks grants, the inbox and records: forged inbox items (sealed to a partner's
/// public generation key, which anyone can do), moved end dates, deleted or reordered records, rolled-back key
/// custody. Attacks are scripted with `sqlite3`; where an attack needs valid cryptography (a signature by a member,
/// halves that open), the item is forged in process with the project's own types, so that the check under test is
/// the one that fails. Each test asserts that the command fails closed or that the forged item is not filed, and,
/// where the store alone shows it, that `abri verify` reports it (Tests/README.md lists them).
@Suite(.enabled(if: SQLite.available, "needs the sqlite3 command-line tool"))
struct AdversaryGrantTests {
    // MARK: Inbox items nobody in the vault signed

    @Test func anInboxItemFromSomeoneOutsideTheRosterIsNotFiledAndTheHeldGrantIsUnchanged() throws {
        let story = try Story()
        let outsider = try Identity.generate(name: "outsider")
        let alice = try unlock(story, .alice)
        // The halves are real (taken in process), so that only the sender check stands in the way; the consent would
        // end tomorrow, which, filed, would shut ines out in ten days.
        let grant = try ownGrant(story, .alice)
        let payload = try grant.handedOn(grant.compartments, consent: .given(reference: "faux", until: day(1)),
                                         granter: "foh-social", link: try Key.random()).encoded()
        // Signed by a key the roster does not know, under a member's handle.
        try post(story, kind: .grant, payload: payload, to: "cidff-62", sender: "foh-social/alice", signer: outsider)
        // Signed by the outsider under its own made-up handle.
        try post(story, kind: .grant, payload: payload, to: "cidff-62", sender: "foh-social/outsider", signer: outsider)
        // Not signed at all (a zero signature), naming alice and her key.
        try postUnsigned(story, kind: .grant, payload: payload, to: "cidff-62", sender: "foh-social/alice",
                         senderKey: alice.publicIdentity.signingPublicKey)
        try expectNotFiled(story, to: .ines)
        // And the same to a partner that holds nothing.
        try post(story, kind: .grant, payload: payload, to: "bailleur-b", sender: "foh-social/alice", signer: outsider)
        try expectNotFiled(story, to: .bruno)
        try expectNoAccess(story, .bruno)
        let later = try story.abri(["open", story.caseID, "--reveal", "--purpose", "suivi"], as: .ines,
                                   environment: ["ABRI_TODAY": day(10).description])
        #expect(later.status == 0 && later.stdout.contains(Story.address), "ines's grant is unchanged: \(later)")
    }

    @Test func anInboxItemSignedByARemovedMemberIsNotFiled() throws {
        let story = try Story()
        let mallory = try story.enrol("Mallory", in: "foh-social", approvedBy: .alice)
        try story.must(["cases"], as: .alice)
        // What she could read while she was a member: alice's partner's grant on the case.
        let grant = try ownGrant(story, .alice)
        try story.must(["member", "remove", "foh-social", "Mallory", "--yes"], as: .admin)
        try story.must(["cases"], as: .alice)
        let signer = try unlockFile(story, mallory.path)
        let payload = try grant.handedOn(grant.compartments, consent: .given(reference: "faux", until: nil),
                                         granter: "foh-social", link: try Key.random()).encoded()
        try post(story, kind: .grant, payload: payload, to: "bailleur-b", sender: "foh-social/Mallory", signer: signer)
        try expectNotFiled(story, to: .bruno)
        try expectNoAccess(story, .bruno)
    }

    // MARK: Inbox items whose halves do not open

    @Test func anInboxItemWhoseHalvesDoNotOpenTheirRecordsIsNotFiled() throws {
        let story = try Story()
        let alice = try unlock(story, .alice)
        let caseID = try CaseID(parsing: story.caseID)
        let grant = try ownGrant(story, .alice)
        let record = try #require(grant.compartments.first { $0.compartment == .general }).record
        // A made-up record of the case, and the real record with a wrong half; both signed by a current member.
        for ref in [CompartmentRef(record: RecordID.random(), compartment: .general), CompartmentRef(record: record, compartment: .general)] {
            let forged = GrantBody(caseID: caseID, consent: .own, household: Story.household, ownLogKey: try Key.zero())
            forged.add(ref, half: try Key.random(), provenance: .own)
            let payload = try forged.handedOn([ref], consent: .given(reference: "faux", until: nil), granter: "foh-social",
                                              link: try Key.random()).encoded()
            try post(story, kind: .grant, payload: payload, to: "bailleur-b", sender: "foh-social/alice", signer: alice)
            try expectNotFiled(story, to: .bruno)
            try expectNoAccess(story, .bruno)
        }
    }

    @Test func aMergeThatTriesToReplaceAHeldHalfKeepsTheHeldOne() throws {
        let story = try Story()
        let alice = try unlock(story, .alice)
        let grant = try ownGrant(story, .alice)
        // Every half ines holds, replaced by a wrong one, signed by a current member.
        let forged = GrantBody(caseID: grant.caseID, consent: .own, household: Story.household, ownLogKey: try Key.zero())
        for ref in grant.compartments { forged.add(ref, half: try Key.random(), provenance: .own) }
        let payload = try forged.handedOn(forged.compartments, consent: .given(reference: "faux", until: nil), granter: "foh-social",
                                          link: try Key.random()).encoded()
        try post(story, kind: .grant, payload: payload, to: "cidff-62", sender: "foh-social/alice", signer: alice)
        try expectNotFiled(story, to: .ines)
        let opened = try story.must(["open", story.caseID, "--reveal", "--purpose", "suivi"], as: .ines)
        #expect(opened.stdout.contains(Story.address), "the record still opens with the held half: \(opened)")

        // The merge itself never replaces a held half, whatever reaches it.
        let held = GrantBody(caseID: grant.caseID, consent: .given(reference: "a", until: nil), household: "", ownLogKey: try Key.random())
        let ref = try #require(grant.compartments.first)
        let original = try #require(grant.half(ref))
        held.add(ref, half: original, provenance: .received)
        held.merge(forged)
        #expect(try #require(held.half(ref)).bytes.withUnsafeBytes { Array($0) } == original.bytes.withUnsafeBytes { Array($0) })
    }

    // MARK: Consent end dates

    @Test func aRecipientSharingBackWithAnEndDateNeverEndsTheAuthorsOwnGrant() throws {
        let story = try Story()
        try story.must(["share", story.caseID, "--to", "foh-social", "--consent", "retour", "--until", day(2).description], as: .ines)
        try story.must(["cases"], as: .alice)
        #expect(try story.rows("inbox") == 0)
        let later = try story.abri(["open", story.caseID, "--reveal", "--purpose", "suivi"], as: .alice,
                                   environment: ["ABRI_TODAY": day(30).description])
        #expect(later.status == 0 && later.stdout.contains(Story.address), "the author's own grant never ends: \(later)")
    }

    @Test func clearingAGrantsEndDateIsRefused() throws {
        let story = try sharedUntil(day(5))
        try SQLite.query(story.vault, "UPDATE grants SET expires = NULL WHERE expires IS NOT NULL;")
        try expectRefused(story, ["open", story.caseID], as: .bruno)
        try expectRefused(story, ["cases"], as: .bruno)
        // Past the signed end day, too: the cleared column does not make the grant outlive its consent.
        let later = try story.abri(["open", story.caseID], as: .bruno, environment: ["ABRI_TODAY": day(30).description])
        #expect(later.status == 65, "\(later)")
    }

    @Test func movingAGrantsEndDateLaterIsRefused() throws {
        let story = try sharedUntil(day(5))
        try SQLite.query(story.vault, "UPDATE grants SET expires = expires + 30 WHERE expires IS NOT NULL;")
        try expectRefused(story, ["open", story.caseID], as: .bruno)
        let later = try story.abri(["open", story.caseID], as: .bruno, environment: ["ABRI_TODAY": day(20).description])
        #expect(later.status == 65, "\(later)")
    }

    // MARK: Records: the grant is the manifest

    @Test func aDeletedRecordRowIsRefusedNamingIt() throws {
        let story = try Story()
        let added = try addNote(story)
        try SQLite.query(story.vault, "DELETE FROM records WHERE id = x'\(try recordHex(added))';")
        let refused = try expectRefused(story, ["open", story.caseID], as: .alice)
        #expect(refused.stderr.contains(added), "the message names the missing record: \(refused)")
        // ines was never granted the note: her case opens as before, without it.
        try story.must(["open", story.caseID], as: .ines)
    }

    @Test func twoRecordsWithTheirPlacesSwappedAreRefused() throws {
        let story = try Story()
        let added = try addNote(story)
        let hex = try recordHex(added)
        // The case holds two records, at places 1 and 2: each takes the other's place.
        try SQLite.query(story.vault, "UPDATE records SET seq = 3 - seq WHERE case_id = x'\(try hexOfID(story.caseID))';")
        let seqs = try SQLite.query(story.vault, "SELECT seq FROM records WHERE id = x'\(hex)';").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(seqs == "1", "the added record now claims the first place")
        try expectRefused(story, ["open", story.caseID], as: .alice)
    }

    @Test func aRecordReplacedByAnotherCasesRecordIsRefused() throws {
        let story = try Story()
        let added = try addNote(story)
        let other = try story.write("other.json", #"{"type":"note","household":"FOH-2023-000042","facts":"Autre dossier."}"#)
        let otherCase = try #require(try story.must(["deposit", other], as: .alice).stdoutLines.first)
        let otherCaseHex = try hexOfID(otherCase)
        try SQLite.query(story.vault, """
            UPDATE records SET general = (SELECT general FROM records WHERE case_id = x'\(otherCaseHex)'),
                               locating = (SELECT locating FROM records WHERE case_id = x'\(otherCaseHex)'),
                               origin = (SELECT origin FROM records WHERE case_id = x'\(otherCaseHex)')
              WHERE id = x'\(try recordHex(added))';
            """)
        try expectRefused(story, ["open", story.caseID], as: .alice)
        // The other case's record under its own id, moved into this case: the grant names it nowhere.
        try SQLite.query(story.vault, "UPDATE records SET case_id = x'\(try hexOfID(story.caseID))' WHERE case_id = x'\(otherCaseHex)';")
        try expectRefused(story, ["open", otherCase], as: .alice)
    }

    // MARK: Never-locating partners

    @Test func aLocatingHalfForANeverLocatingPartnerIsNotFiled() throws {
        let story = try Story()
        let alice = try unlock(story, .alice)
        let grant = try ownGrant(story, .alice)
        #expect(grant.compartments.contains { $0.compartment == .locating })
        // Real halves, signed by the author's partner: only the receiver's never-locating rule stands in the way.
        let payload = try grant.handedOn(grant.compartments, consent: .given(reference: "erreur", until: nil), granter: "foh-social",
                                         link: try Key.random()).encoded()
        try post(story, kind: .grant, payload: payload, to: "foh-tenancy", sender: "foh-social/alice", signer: alice)
        try expectNotFiled(story, to: .tom)
        try expectNoAccess(story, .tom)
        // The same halves without the locating one are filed: the item was refused for the locating half alone.
        let general = grant.compartments.filter { $0.compartment == .general }
        let generalOnly = try grant.handedOn(general, consent: .given(reference: "bail", until: nil), granter: "foh-social",
                                             link: try Key.random()).encoded()
        try post(story, kind: .grant, payload: generalOnly, to: "foh-tenancy", sender: "foh-social/alice", signer: alice)
        let opened = try story.must(["open", story.caseID], as: .tom)
        #expect(!opened.stdout.contains(Story.address) && !opened.stdout.contains(Story.phone))
    }

    // MARK: Withdrawals

    @Test func aWithdrawalFromAPartnerWithNoStandingIsIgnored() throws {
        let story = try Story()
        try story.shareWithBailleurB()
        try story.must(["cases"], as: .bruno)
        // bruno's partner holds the case, but neither granted it to cidff-62 nor wrote any of its records.
        let refused = try story.abri(["consent", "withdraw", story.caseID, "--from", "cidff-62", "--yes"], as: .bruno)
        #expect(refused.status == 77, "\(refused)")
        let bruno = try unlock(story, .bruno)
        let caseBytes = try CaseID(parsing: story.caseID).bytes
        try post(story, kind: .withdrawal, payload: try SecureBytes(copying: caseBytes), to: "cidff-62", sender: "bailleur-b/bruno", signer: bruno)
        // Nor from someone outside the roster who claims to be the administrator.
        let outsider = try Identity.generate(name: "outsider")
        try post(story, kind: .withdrawal, payload: try SecureBytes(copying: caseBytes), to: "cidff-62", sender: "admin", signer: outsider)
        try expectNotFiled(story, to: .ines)
        let opened = try story.must(["open", story.caseID, "--reveal", "--purpose", "suivi"], as: .ines)
        #expect(opened.stdout.contains(Story.address), "\(opened)")
    }

    // MARK: A planted case with no key at all

    @Test func aForgedMessageFromTheCaseWorkerWithNoKeyReachesNobody() throws {
        let story = try Story()
        let outsider = try Identity.generate(name: "ines")
        let ines = try unlock(story, .ines)
        let vault = try vaultID(story)
        // A whole case planted in the store: its case key, a record signed by the outsider in ines's name.
        let caseID = CaseID.random(), recordID = RecordID.random()
        let caseKey = Random.bytes(32)
        let half = try Key.random()
        let body = RecordBody(case: caseID.description, record: recordID.description, seq: 1, compartment: "general", type: "note",
                              author: "cidff-62/ines", authorKey: Data(outsider.publicIdentity.signingPublicKey).base64EncodedString(),
                              createdAt: "2026-01-05T10:00:00Z", hasLocating: false,
                              content: ["facts": .string("Message de votre conseillère : rappelez-la au 06 00 00 00 00.")], attachments: [])
        let ad = RecordSealing.associatedData(origin: vault, caseID: caseID, record: recordID, compartment: .general)
        let sealed = try RecordSealing.seal(body, author: outsider,
                                            dataKey: try RecordSealing.dataKey(half: half, caseKey: caseKey, record: recordID, compartment: .general),
                                            associatedData: ad)
        try SQLite.query(story.vault, """
            INSERT INTO cases (id, case_key, day) VALUES (x'\(hex(caseID.bytes))', x'\(hex(caseKey))', \(Day.today().number));
            INSERT INTO records (id, case_id, seq, day, origin, general, locating)
              VALUES (x'\(hex(recordID.bytes))', x'\(hex(caseID.bytes))', 1, \(Day.today().number), x'\(hex(vault))', x'\(hex(sealed))',
                      x'\(hex(RecordSealing.filler()))');
            """)
        let grant = GrantBody(caseID: caseID, consent: .own, household: "FOH-2024-000001", ownLogKey: try Key.zero())
        grant.add(CompartmentRef(record: recordID, compartment: .general), half: half, provenance: .own)
        let payload = try grant.handedOn(grant.compartments, consent: .given(reference: "accord", until: nil), granter: "cidff-62",
                                         link: try Key.random()).encoded()
        // In ines's name: signed by the outsider's key, and once with no signature over ines's real key.
        try post(story, kind: .grant, payload: payload, to: "bailleur-b", sender: "cidff-62/ines", signer: outsider)
        try postUnsigned(story, kind: .grant, payload: payload, to: "bailleur-b", sender: "cidff-62/ines",
                         senderKey: ines.publicIdentity.signingPublicKey)
        try expectNotFiled(story, to: .bruno)
        let refused = try story.abri(["open", caseID.description], as: .bruno)
        #expect(refused.status == 77, "\(refused)")
        #expect(!refused.stdout.contains("rappelez"))
        #expect(try story.caseIDs(as: .bruno).isEmpty)
    }

    // MARK: Key custody rolled back

    /// A writer of the store keeps the second landlord's grant row, and puts it back once the consent was
    /// withdrawn. The partner's members carried the withdrawal out under a fresh generation, every row re-sealed to
    /// it: the old row is found by no locator and opens with no key they hold.
    @Test func aWithdrawnGrantPutBackByAWriterOpensNothing() throws {
        let story = try Story()
        try story.shareWithBailleurB()
        try story.must(["open", story.caseID], as: .bruno)
        try SQLite.query(story.vault, "CREATE TABLE kept_grants AS SELECT * FROM grants;")
        try story.must(["consent", "withdraw", story.caseID, "--from", "bailleur-b", "--yes"], as: .alice)
        #expect(try story.abri(["open", story.caseID], as: .bruno).status == 77)
        try SQLite.query(story.vault, "INSERT OR IGNORE INTO grants SELECT * FROM kept_grants; DROP TABLE kept_grants;")
        let revived = try story.abri(["open", story.caseID], as: .bruno)
        #expect(revived.status == 77, "the withdrawn grant came back: \(revived)")
        #expect(!revived.stdout.contains(Story.victimName))
        // Everyone else still reads what they read.
        try story.must(["open", story.caseID], as: .ines)
        try story.must(["open", story.caseID], as: .alice)
    }

    @Test func aRemovedMemberRevivedByRollingBackThePartnersGenerationsIsRefused() throws {
        let story = try Story()
        let mallory = try story.enrol("Mallory", in: "cidff-62", approvedBy: .ines)
        try story.must(["cases"], as: .ines)
        let beforeRemoval = story.file("before-removal.db")
        try SQLite.query(story.vault, "VACUUM INTO '\(beforeRemoval)';")
        let kept = try SQLite.query(story.vault, "SELECT MAX(number) FROM generations WHERE partner = 'cidff-62';")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try story.must(["member", "remove", "cidff-62", "Mallory", "--yes"], as: .admin)
        try story.must(["cases"], as: .ines)

        // The roster stays as it is; the partner's generations made after the removal go, and the older seals
        // (Mallory's among them) and grant rows come back: others would grant to a generation she holds.
        try SQLite.query(story.vault, """
            ATTACH '\(beforeRemoval)' AS old;
            DELETE FROM generations WHERE partner = 'cidff-62' AND number > \(kept);
            DELETE FROM generation_seals WHERE partner = 'cidff-62';
            INSERT INTO generation_seals SELECT * FROM old.generation_seals WHERE partner = 'cidff-62';
            DELETE FROM grants;
            INSERT INTO grants SELECT * FROM old.grants;
            """)
        try expectRefused(story, ["cases"], as: .ines)
        try expectRefused(story, ["share", story.caseID, "--to", "bailleur-b", "--consent", "relogement"], as: .alice)
        try expectRefused(story, ["rotate", "cidff-62"], as: .ines)
        _ = mallory
        try expectVerifyReports(story, "key")
    }

    // MARK: Helpers

    /// A story where alice shared the case with bailleur-b until `until`, and bruno filed it.
    private func sharedUntil(_ until: Day) throws -> Story {
        let story = try Story()
        try story.must(["share", story.caseID, "--to", "bailleur-b", "--consent", "accord court", "--until", until.description], as: .alice)
        try story.must(["cases"], as: .bruno)
        #expect(try story.rows("grants", where: "expires = \(until.number)") == 1)
        return story
    }

    /// alice adds a note to the case; returns its record id.
    private func addNote(_ story: Story) throws -> String {
        let note = try story.write("note.json", #"{"type":"note","household":"FOH-2021-000123","facts":"Suivi du dossier."}"#)
        return try #require(try story.must(["add", story.caseID, note], as: .alice).stdoutLines.first)
    }

    /// The hex of a record id as `add` printed it.
    private func recordHex(_ id: String) throws -> String {
        let bytes = try #require(Crockford.decode(id.trimmingCharacters(in: .whitespacesAndNewlines), byteCount: 16), "\(id)")
        return hex(bytes)
    }

    private func hexOfID(_ id: String) throws -> String { hex(try CaseID(parsing: id).bytes) }

    private func day(_ offset: Int32) -> Day { Day(number: Day.today().number + offset) }

    private func unlock(_ story: Story, _ actor: Story.Actor) throws -> Identity { try unlockFile(story, story.identity(actor)) }

    private func unlockFile(_ story: Story, _ path: String) throws -> Identity {
        try Identity.unlock(contentsOf: path, passphrase: try SecureBytes(copying: Array(story.cli.passphrase.utf8)))
    }

    private func vaultID(_ story: Story) throws -> [UInt8] {
        bytes(hex: try SQLite.query(story.vault, "SELECT hex(value) FROM meta WHERE key = 'vault';").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// `actor`'s partner's grant on the story's case, opened in process with the actor's identity (a test aid to
    /// get real halves; the vault is opened without touching this machine's state).
    private func ownGrant(_ story: Story, _ actor: Story.Actor) throws -> GrantBody {
        let vault = try Vault.open(path: story.vault, stateDirectory: story.file("in-process-state"), checkHistory: false)
        let session = MemberSession(vault: vault, identity: try unlock(story, actor))
        let caseID = try CaseID(parsing: story.caseID)
        return try vault.store.read { db in
            let context = try MemberContext(session: session, db: db)
            guard let (body, _) = try GrantStore.find(caseID, generations: context.generations, db) else {
                throw StoryError.sqlite("\(actor) holds no grant on the case")
            }
            return body
        }
    }

    /// The public key of `partner`'s current generation, as anyone reads it from the store.
    private func generationKey(_ story: Story, _ partner: String) throws -> [UInt8] {
        bytes(hex: try SQLite.query(story.vault, """
            SELECT hex(public_key) FROM generations WHERE partner = '\(partner)' ORDER BY number DESC LIMIT 1;
            """).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Seals an inbox item to `partner`'s current generation, signed by `signer`, and inserts it as a writer would.
    private func post(_ story: Story, kind: InboxItem.Kind, payload: borrowing SecureBytes, to partner: String, sender: String,
                      signer: borrowing Identity) throws {
        let box = try InboxItem.seal(kind: kind, payload: payload, recipient: partner, sender: sender, signer: signer,
                                     vault: try vaultID(story), to: try generationKey(story, partner))
        try SQLite.query(story.vault, "INSERT INTO inbox (box) VALUES (x'\(hex(box))');")
    }

    /// An item with the layout of a signed one (Docs/FORMAT.md §3.3) and 64 zero bytes where the signature goes.
    private func postUnsigned(_ story: Story, kind: InboxItem.Kind, payload: borrowing SecureBytes, to partner: String,
                              sender: String, senderKey: [UInt8]) throws {
        var header = ByteWriter()
        header.u8(kind.rawValue)
        header.str8(partner)
        header.str16(sender)
        header.raw(senderKey)
        header.u32(UInt32(payload.count))
        let body = payload.withUnsafeBytes { header.bytes + Array($0) } + [UInt8](repeating: 0, count: 64)
        let padded = Padding.pad(body, blockSize: Padding.bucket(for: body.count))
        let box = try SealedBox.seal(padded, to: try generationKey(story, partner))
        try SQLite.query(story.vault, "INSERT INTO inbox (box) VALUES (x'\(hex(box))');")
    }

    /// `actor`'s next command runs, and the inbox is empty after it: what was forged was opened and deleted unfiled.
    private func expectNotFiled(_ story: Story, to actor: Story.Actor, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try story.abri(["cases"], as: actor)
        #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        #expect(try story.rows("inbox") == 0, "the forged items were deleted unfiled", sourceLocation: sourceLocation)
    }

    /// `actor` holds nothing on the story's case: the same 77 as for a case that does not exist.
    private func expectNoAccess(_ story: Story, _ actor: Story.Actor, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let refused = try story.abri(["open", story.caseID], as: actor)
        #expect(refused.status == 77, "\(refused)", sourceLocation: sourceLocation)
        #expect(try story.caseIDs(as: actor).isEmpty, sourceLocation: sourceLocation)
    }

    @discardableResult
    private func expectRefused(_ story: Story, _ arguments: [String], as actor: Story.Actor,
                               sourceLocation: SourceLocation = #_sourceLocation) throws -> CLI.Result {
        let result = try story.abri(arguments, as: actor)
        #expect(result.status == 65, "\(arguments.joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix("abri: "), "\(result)", sourceLocation: sourceLocation)
        return result
    }

    /// `abri verify` fails, and one of its problems says `word`.
    private func expectVerifyReports(_ story: Story, _ word: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let verify = try story.abri(["verify", "--json"], as: nil)
        #expect(verify.status == 65, "\(verify)", sourceLocation: sourceLocation)
        #expect(verify.stdout.contains(word), "verify should report \(word): \(verify)", sourceLocation: sourceLocation)
    }


}
