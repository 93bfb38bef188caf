import AbriCrypto
import AbriVault
import Foundation
import Testing

/// A newcomer enrolled by the administrator holds no key until a colleague of the same partner approves them
/// (Docs/FORMAT.md §3.2.1): the administrator alone can never put someone of their choosing in front of a case.
@Suite struct ApprovalTests {
    /// Enrols `name` in `partner` with a fresh identity; returns the identity's path and line.
    private func enrol(_ story: Story, _ name: String, in partner: String,
                       extra: [String] = []) throws -> (path: String, line: String) {
        let identity = try story.cli.newIdentity("\(name).identity", name: name)
        try story.must(["member", "add", partner, "--identity", identity.line, "--name", name] + extra, as: .admin)
        return identity
    }

    private func run(_ story: Story, _ arguments: [String], identity: String) throws -> CLI.Result {
        try story.cli.run(arguments + ["--as", identity])
    }

    /// The identity in `path`, unlocked in this process with the story's passphrase.
    private func unlock(_ story: Story, _ path: String) throws -> Identity {
        try Identity.unlock(contentsOf: path, passphrase: try SecureBytes(copying: Array(story.cli.passphrase.utf8)))
    }

    /// Every sealed box of the vault's key tables, read with sqlite3: generation seeds and log keys.
    private func sealedBoxes(_ story: Story) throws -> [(table: String, memberKey: [UInt8], box: [UInt8])] {
        var result: [(String, [UInt8], [UInt8])] = []
        for table in ["generation_seals", "log_key_seals"] {
            for line in try SQLite.query(story.vault, "SELECT hex(member_key) || ' ' || hex(box) FROM \(table);").split(separator: "\n") {
                let parts = line.split(separator: " ").map { bytes(hex: String($0)) }
                result.append((table, parts[0], parts[1]))
            }
        }
        return result
    }


    /// Asserts that no key box of the vault opens with `identity`'s secret key, nor is addressed to it.
    private func expectNoKeyReaches(_ identity: borrowing Identity, in story: Story, _ comment: String) throws {
        let boxes = try sealedBoxes(story)
        #expect(!boxes.isEmpty)
        for (table, memberKey, box) in boxes {
            #expect(memberKey != identity.publicIdentity.boxPublicKey, "\(comment): a \(table) row is addressed to the newcomer")
            #expect((try? identity.openSealed(box)) == nil, "\(comment): a \(table) box opens with the newcomer's key")
        }
    }

    @Test func anUnapprovedMemberOpensNothingUntilAColleagueApprovesThenEverything() throws {
        let story = try Story()
        let ines2 = try enrol(story, "ines2", in: "cidff-62")
        let newcomer = try unlock(story, ines2.path)
        for arguments in [["cases"], ["open", story.caseID], ["log"], ["rotate", "cidff-62"]] {
            let refused = try run(story, arguments, identity: ines2.path)
            #expect(refused.status == 77, "abri \(arguments.joined(separator: " ")) by ines2: \(refused)")
            #expect(refused.stdout.isEmpty && refused.stderrLines.count == 1)
            #expect(refused.stderr.contains("abri member approve cidff-62 ines2"), "\(refused)")
        }
        try expectNoKeyReaches(newcomer, in: story, "after enrolment")
        // Everything that renews keys in between leaves the newcomer out: ines's routine command, the
        // administrator's rotation, a roster change of the same partner, ines's own rotation.
        try story.must(["cases"], as: .ines)
        try story.must(["rotate", "cidff-62"], as: .admin)
        _ = try enrol(story, "ines3", in: "cidff-62")
        try story.must(["member", "remove", "cidff-62", "ines3", "--yes"], as: .admin)
        try story.must(["rotate", "cidff-62"], as: .ines)
        try expectNoKeyReaches(newcomer, in: story, "after rotations and a removal")
        #expect(try run(story, ["open", story.caseID], identity: ines2.path).status == 77)

        let approved = try story.must(["member", "approve", "cidff-62", "ines2", "--yes"], as: .ines)
        #expect(approved.stderr.contains(newcomer.publicIdentity.fingerprint), "\(approved)")
        let opened = try run(story, ["open", story.caseID, "--reveal", "--purpose", "reprise du dossier", "--json"], identity: ines2.path)
        #expect(opened.status == 0, "\(opened)")
        #expect(opened.stdout.contains(Story.address) && opened.stdout.contains(Story.phone) && opened.stdout.contains(Story.facts))
        let general = try run(story, ["open", story.caseID, "--json"], identity: ines2.path)
        #expect(general.status == 0 && general.stdout.contains(Story.facts) && !general.stdout.contains(Story.address))
        try story.must(["open", story.caseID], as: .ines)
        let verify = try story.abri(["verify", "--as", story.identity(.admin)], as: nil)
        #expect(verify.status == 0, "\(verify)")
        // The approval is the approving member's action; the administrator reads it among roster operations.
        let approval = try story.adminLog().first { $0["action"] as? String == "member-approve" }
        #expect(approval?["actor"] as? String == "cidff-62/ines", "\(String(describing: approval))")
    }

    @Test func aForgedApprovalRowIsNotHonoured() throws {
        let story = try Story()
        let ines2 = try enrol(story, "ines2", in: "cidff-62")
        let enrolled = try SQLite.query(story.vault, "SELECT MAX(version) FROM roster;").trimmingCharacters(in: .whitespacesAndNewlines)
        let vaultID = try SQLite.query(story.vault, "SELECT hex(value) FROM meta WHERE key = 'vault';")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // The statement of Docs/FORMAT.md §3.2.1, signed by bruno, an approved member of another partner.
        var message = Array("abri-approval-v1\n".utf8) + bytes(hex: vaultID)
        message += [UInt8("cidff-62".utf8.count)] + Array("cidff-62".utf8)
        message += [UInt8(ines2.line.utf8.count & 0xff), UInt8(ines2.line.utf8.count >> 8)] + Array(ines2.line.utf8)
        message += withUnsafeBytes(of: UInt64(Int(enrolled)!).littleEndian, Array.init)
        let bruno = try unlock(story, story.identity(.bruno))
        let brunoSignature = try bruno.sign(message)
        let hex = { (bytes: [UInt8]) in bytes.map { String(format: "%02x", $0) }.joined() }
        let ines = try unlock(story, story.identity(.ines))
        try SQLite.query(story.vault, """
            INSERT INTO approvals (partner, identity, enrolled, signer_key, signature) VALUES
              ('cidff-62', '\(ines2.line)', \(enrolled), x'\(hex(bruno.publicIdentity.signingPublicKey))', x'\(hex(brunoSignature))'),
              ('cidff-62', '\(ines2.line)', \(enrolled), x'\(hex(ines.publicIdentity.signingPublicKey))', x'\(hex(brunoSignature))');
            """)
        let refused = try run(story, ["open", story.caseID], identity: ines2.path)
        #expect(refused.status == 77, "a forged approval let ines2 in: \(refused)")
        try story.must(["cases"], as: .ines)
        try expectNoKeyReaches(try unlock(story, ines2.path), in: story, "after forged approvals")
        let list = try story.json(["partner", "list"], as: .ines)
        let cidff = (list["partners"] as? [[String: Any]])?.first { $0["id"] as? String == "cidff-62" }
        #expect(cidff?["pending"] as? [String] == ["ines2"], "\(list)")
    }

    @Test func onlyAnApprovedMemberOfThatPartnerApproves() throws {
        let story = try Story()
        let ines2 = try enrol(story, "ines2", in: "cidff-62")
        let ines3 = try enrol(story, "ines3", in: "cidff-62")
        let before = try story.snapshot()
        for (who, result) in [("bruno", try story.abri(["member", "approve", "cidff-62", "ines2", "--yes"], as: .bruno)),
                              ("admin", try story.abri(["member", "approve", "cidff-62", "ines2", "--yes"], as: .admin)),
                              ("ines2", try run(story, ["member", "approve", "cidff-62", "ines2", "--yes"], identity: ines2.path)),
                              ("ines3", try run(story, ["member", "approve", "cidff-62", "ines2", "--yes"], identity: ines3.path))] {
            #expect(result.status == 77, "\(who) approved: \(result)")
            #expect(result.stdout.isEmpty && result.stderrLines.count == 1, "\(who): \(result)")
        }
        try story.expectUnchanged(since: before)
        // Without a terminal and without --yes, nothing is approved.
        let unconfirmed = try story.abri(["member", "approve", "cidff-62", "ines2"], as: .ines)
        #expect(unconfirmed.status == 64 && unconfirmed.stderrLines.count == 1, "\(unconfirmed)")
        #expect(try run(story, ["cases"], identity: ines2.path).status == 77)
        // An approved newcomer approves the next one.
        try story.must(["member", "approve", "cidff-62", "ines2", "--yes"], as: .ines)
        #expect(try run(story, ["member", "approve", "cidff-62", "ines3", "--yes"], identity: ines2.path).status == 0)
        #expect(try run(story, ["open", story.caseID], identity: ines3.path).status == 0)
    }

    @Test func theFirstMemberOfANewPartnerNeedsNoApproval() throws {
        let story = try Story()
        try story.must(["partner", "add", "assoc-x", "--name", "Association X", "--kind", "association"], as: .admin)
        let zoe = try story.cli.newIdentity("zoe.identity", name: "zoe")
        let added = try story.json(["member", "add", "assoc-x", "--identity", zoe.line, "--name", "zoe"], as: .admin)
        #expect(added["status"] as? String == "approved")
        let cases = try run(story, ["cases"], identity: zoe.path)
        #expect(cases.status == 0, "\(cases)")
        let second = try story.cli.newIdentity("yan.identity", name: "yan")
        let pending = try story.json(["member", "add", "assoc-x", "--identity", second.line, "--name", "yan"], as: .admin)
        #expect(pending["status"] as? String == "pending")
    }

    @Test func anIdentityInAnotherPartnerNeedsTheFlagAndNeverSpansLocatingAndNeverLocating() throws {
        let story = try Story()
        let bruno = try story.line(.bruno)
        let before = try story.snapshot()
        let refused = try story.abri(["member", "add", "cidff-62", "--identity", bruno, "--name", "bruno"], as: .admin)
        #expect(refused.status == 77 && refused.stderr.contains("--also-member-of-another-partner"), "\(refused)")
        // tom's tenancy unit never receives locating parts: never also in one that does, flag or not.
        for (identity, partner) in [(try story.line(.tom), "cidff-62"), (try story.line(.alice), "foh-tenancy")] {
            let mixed = try story.abri(["member", "add", partner, "--identity", identity, "--name", "double",
                                        "--also-member-of-another-partner"], as: .admin)
            #expect(mixed.status == 77, "\(mixed)")
            #expect(mixed.stderrLines.count == 1)
        }
        try story.expectUnchanged(since: before)
        try story.must(["member", "add", "cidff-62", "--identity", bruno, "--name", "bruno", "--also-member-of-another-partner"],
                       as: .admin)
        try story.must(["member", "approve", "cidff-62", "bruno", "--yes"], as: .ines)
        let opened = try story.abri(["open", story.caseID, "--partner", "cidff-62"], as: .bruno)
        #expect(opened.status == 0, "\(opened)")
    }

    @Test func approvedMembersAreToldOfANewcomerInOneLineNeverOnJSONStdout() throws {
        let story = try Story()
        let ines2 = try enrol(story, "ines2", in: "cidff-62")
        let json = try story.must(["cases", "--json"], as: .ines)
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any])
        #expect(!json.stdout.contains("ines2"))
        let notice = json.stderrLines.filter { $0.contains("ines2") }
        #expect(notice.count == 1 && notice[0].contains("abri member approve cidff-62 ines2"), "\(json)")
        let human = try story.must(["cases"], as: .ines)
        #expect(human.stderrLines.filter { $0.contains("abri member approve") }.count == 1, "\(human)")
        // Another partner's members hear nothing of it.
        #expect(!(try story.must(["cases"], as: .alice)).stderr.contains("ines2"))
        let list = try story.must(["partner", "list"], as: .admin)
        #expect(list.stdout.contains("ines2"), "\(list)")
        // The newcomer reads out the same fingerprint the approver is shown.
        let shown = try story.cli.run(["identity", "show", ines2.path, "--fingerprint"])
        let fingerprint = try unlock(story, ines2.path).publicIdentity.fingerprint
        #expect(shown.status == 0 && shown.stdout == fingerprint + "\n", "\(shown)")
        #expect(FingerprintShape.matches(fingerprint))
        try story.must(["member", "approve", "cidff-62", "ines2", "--yes"], as: .ines)
        #expect(!(try story.must(["cases"], as: .ines)).stderr.contains("abri member approve"))
        let after = try story.json(["partner", "list"], as: .ines)
        let cidff = (after["partners"] as? [[String: Any]])?.first { $0["id"] as? String == "cidff-62" }
        #expect(cidff?["pending"] as? [String] == [], "\(after)")
        #expect((cidff?["members"] as? [String])?.contains("ines2") == true)
    }
}

/// The fingerprint's shape: eight groups of four lower-case hex digits.
enum FingerprintShape {
    static func matches(_ text: String) -> Bool {
        let groups = text.split(separator: " ")
        return groups.count == 8 && groups.allSatisfy { $0.count == 4 && $0.allSatisfy { "0123456789abcdef".contains($0) } }
    }
}
