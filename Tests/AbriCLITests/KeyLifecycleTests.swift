import Foundation
import Testing

/// People come and go, keys rotate, consent ends, cases are shredded: who can still open what.
@Suite struct KeyLifecycleTests {
    /// A day from today, Europe/Paris, as YYYY-MM-DD.
    static func day(_ offset: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        let date = calendar.date(byAdding: .day, value: offset, to: Date())!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// Adds `name` to cidff-62 with a fresh identity, approved by ines; returns the identity's path.
    private func enrol(_ story: Story, _ name: String, in partner: String) throws -> String {
        precondition(partner == "cidff-62", "ines approves: she is cidff-62's member")
        return try story.enrol(name, in: partner, approvedBy: .ines).path
    }

    private func run(_ story: Story, _ arguments: [String], identity: String, environment: [String: String?] = [:]) throws -> CLI.Result {
        try story.cli.run(arguments + ["--as", identity], environment: environment)
    }

    @Test func aNewMemberOpensOldRecordsOnceThePartnerHasReSealed() throws {
        let story = try Story()
        let ines2 = try enrol(story, "ines2", in: "cidff-62")
        // ines's next command re-seals the partner's grants to the new generation.
        let reseal = try story.must(["cases"], as: .ines)
        #expect(!reseal.stdout.contains(Story.address))
        let opened = try run(story, ["open", story.caseID, "--reveal", "--purpose", "reprise du dossier", "--json"], identity: ines2)
        #expect(opened.status == 0, "\(opened)")
        #expect(opened.stdout.contains(Story.address))
        #expect(opened.stdout.contains(Story.facts))
        try story.must(["open", story.caseID], as: .ines)
    }

    @Test func aRemovedMemberIsRefusedByEveryCommandAndTheOthersStillOpen() throws {
        let story = try Story()
        let ines2 = try enrol(story, "ines2", in: "cidff-62")
        try story.must(["cases"], as: .ines)                     // re-seal for ines2
        let removed = try story.abri(["member", "remove", "cidff-62", "ines", "--yes"], as: .admin)
        #expect(removed.status == 0, "\(removed)")
        #expect(removed.stdout.isEmpty || !removed.stdout.contains(Story.address))

        let note = try story.write("note.json", #"{"type":"note","household":"FOH-2024-000021","facts":"suivi juridique"}"#)
        let commands: [[String]] = [
            ["cases"], ["cases", "--json"], ["open", story.caseID], ["open", story.caseID, "--reveal", "--purpose", "p"],
            ["log"], ["log", "--case", story.caseID], ["deposit", note], ["add", story.caseID, note],
            ["share", story.caseID, "--to", "bailleur-b", "--consent", "f"], ["rotate", "cidff-62"],
            ["consent", "withdraw", story.caseID, "--from", "foh-social", "--yes"],
        ]
        for arguments in commands {
            let result = try story.abri(arguments, as: .ines)
            #expect(result.status == 77, "removed ines: abri \(arguments.joined(separator: " ")): \(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderrLines.count == 1)
            #expect(!result.stderr.contains(Story.address))
        }
        // The remaining member re-seals on her next command and reads everything she could.
        let opened = try run(story, ["open", story.caseID, "--reveal", "--purpose", "suivi", "--json"], identity: ines2)
        #expect(opened.status == 0 && opened.stdout.contains(Story.address), "\(opened)")
        // After the re-seal, ines's keys open nothing either.
        let after = try story.abri(["open", story.caseID], as: .ines)
        #expect(after.status == 77)
        try story.must(["verify", "--as", story.identity(.admin)], as: nil)
    }

    /// An approval re-seals the partner's grants at once to a generation both members hold: removing the member
    /// who approved strands nothing, and the newcomer still opens the case with keys the removed member never held.
    @Test func removingTheApproverAfterAnApprovalLosesNothing() throws {
        let story = try Story()
        let ines2 = try enrol(story, "ines2", in: "cidff-62")
        try story.must(["member", "remove", "cidff-62", "ines", "--yes"], as: .admin)
        #expect(try run(story, ["open", story.caseID], identity: ines2).status == 0)
        #expect(try story.abri(["open", story.caseID], as: .ines).status == 77)
    }

    @Test func thePartnersLastMemberCannotBeRemovedWhileItHoldsGrants() throws {
        let story = try Story()
        let before = try story.snapshot()
        let result = try story.abri(["member", "remove", "cidff-62", "ines", "--yes"], as: .admin)
        #expect(result.status == 77, "\(result)")
        #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix("abri: "))
        try story.expectUnchanged(since: before)
        try story.must(["open", story.caseID], as: .ines)
        // The administrator cannot tell whether a partner holds cases (need to know): a partner with keys keeps
        // its last approved member, whether or not it holds anything.
        let tom = try story.abri(["member", "remove", "foh-tenancy", "tom", "--yes"], as: .admin)
        #expect(tom.status == 77, "\(tom)")
        // With a colleague enrolled and approved, tom leaves.
        _ = try story.enrol("tom2", in: "foh-tenancy", approvedBy: .tom)
        try story.must(["member", "remove", "foh-tenancy", "tom", "--yes"], as: .admin)
        #expect(try story.abri(["cases"], as: .tom).status == 77)
    }

    @Test func memberRotateReportsItsWorkAndEveryoneStillReads() throws {
        let story = try Story()
        try story.shareWithBailleurB()
        try story.addRehousing()
        let ines2 = try enrol(story, "ines2", in: "cidff-62")
        try story.must(["cases"], as: .ines)
        let document = try story.json(["rotate", "cidff-62"], as: .ines)
        #expect(document["partner"] as? String == "cidff-62")
        let generation = try #require(document["generation"] as? Int)
        #expect(generation >= 2)
        #expect(document["grants"] as? Int == 1, "cidff-62 holds one case: \(document)")
        #expect(document["seconds"] is Double || document["seconds"] is Int)
        let again = try story.json(["rotate", "cidff-62"], as: .ines)
        #expect(again["generation"] as? Int ?? 0 > generation)
        for identity in [story.identity(.ines), ines2] {
            let opened = try run(story, ["open", story.caseID, "--reveal", "--purpose", "p", "--json"], identity: identity)
            #expect(opened.status == 0 && opened.stdout.contains(Story.address) && opened.stdout.contains(Story.newAddress), "\(opened)")
        }
        // A member rotates only her own partner.
        let other = try story.abri(["rotate", "bailleur-b"], as: .ines)
        #expect(other.status == 77, "\(other)")
        let log = try story.adminLog()
        #expect(log.filter { $0["action"] as? String == "rotate" }.count >= 2)
    }

    @Test func anAdministratorRotationLeavesTheReSealToTheMembers() throws {
        let story = try Story()
        try story.shareWithBailleurB()
        let rotated = try story.abri(["rotate", "bailleur-b", "--json"], as: .admin)
        #expect(rotated.status == 0, "\(rotated)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(rotated.stdout.utf8)) as? [String: Any])
        #expect(document["partner"] as? String == "bailleur-b")
        #expect(document["generation"] is Int)
        #expect(!rotated.stdout.contains(Story.facts))
        let opened = try story.must(["open", story.caseID, "--json"], as: .bruno)
        #expect(opened.stdout.contains(Story.facts))
        try story.must(["open", story.caseID], as: .bruno)
        try story.must(["verify", "--as", story.identity(.admin)], as: nil)
    }

    @Test func aShreddedCaseOpensForNoOneAndLeavesNoRecord() throws {
        let story = try Story()
        try story.shareWithBailleurB()
        try story.addRehousing()
        #expect(try story.rows("records") == 2)
        #expect(try story.rows("attachment_files") == 1)
        #expect(story.attachmentFiles().count == 1)
        let shred = try story.abri(["shred", story.caseID, "--yes"], as: .admin)
        #expect(shred.status == 0, "\(shred)")
        for actor in [Story.Actor.alice, .ines, .bruno, .tom] {
            let result = try story.abri(["open", story.caseID, "--reveal", "--purpose", "p"], as: actor)
            #expect(result.status == 77, "\(actor): \(result)")
            #expect(!result.stdout.contains(Story.facts))
            #expect(!(try story.caseIDs(as: actor)).contains(story.caseID))
        }
        try story.must(["verify", "--as", story.identity(.admin)], as: nil)
        try story.must(["verify"], as: nil)
        #expect(try story.rows("records") == 0)
        #expect(try story.rows("chunks") == 0)
        #expect(try story.rows("attachment_files") == 0)
        #expect(story.attachmentFiles().isEmpty, "the attachment's file outlived its case")
        #expect(try story.rows("shredded") == 1)
        let shreds = try story.adminLog().filter { $0["action"] as? String == "shred" }
        #expect(shreds.map { $0["case"] as? String } == [story.caseID])
        // The file keeps no copy of the ciphertexts (WAL truncated, vacuumed).
        let wal = story.vault + "-wal"
        let walSize = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        #expect(walSize == 0, "the WAL still holds \(walSize) bytes after shred")
        // Only the administrator shreds.
        let again = try story.abri(["shred", story.caseID, "--yes"], as: .alice)
        #expect(again.status == 77, "\(again)")
    }

    @Test func consentLapsesAfterItsLastDay() throws {
        let story = try Story()
        let until = Self.day(10)
        let report = try story.write("short.json", #"{"type":"note","household":"FOH-2024-000900","facts":"accord temporaire"}"#)
        let id = try #require(try story.must(["deposit", report, "--to", "bailleur-b", "--consent", "accord 10 jours", "--until", until],
                                             as: .alice).stdoutLines.first)
        try story.must(["open", id], as: .bruno)
        // The consent's last day still opens; the day after does not.
        try story.must(["open", id], as: .bruno, environment: ["ABRI_TODAY": until])
        let after = Self.day(11)
        let lapsed = try story.abri(["open", id], as: .bruno, environment: ["ABRI_TODAY": after])
        #expect(lapsed.status == 77, "\(lapsed)")
        // Expiry is deletion: back to today, the grant is gone.
        let today = try story.abri(["open", id], as: .bruno)
        #expect(today.status == 77, "\(today)")
        // The depositor still reads it; the log says the consent expired.
        try story.must(["open", id], as: .alice, environment: ["ABRI_TODAY": after])
        let entries = try story.json(["log", "--case", id], as: .alice, environment: ["ABRI_TODAY": after])["entries"] as? [[String: Any]] ?? []
        #expect(entries.contains { $0["action"] as? String == "consent-expired" }, "\(entries)")
        #expect(!(try story.caseIDs(as: .bruno)).contains(id))
    }

    @Test func consentLapsesInTheFrenchDateFormToo() throws {
        let story = try Story()
        let until = Self.day(3)
        let parts = until.split(separator: "-")
        let french = "\(parts[2])/\(parts[1])/\(parts[0])"
        try story.must(["share", story.caseID, "--to", "bailleur-b", "--consent", "accord", "--until", french], as: .alice)
        try story.must(["open", story.caseID], as: .bruno, environment: ["ABRI_TODAY": until])
        #expect(try story.abri(["open", story.caseID], as: .bruno, environment: ["ABRI_TODAY": Self.day(4)]).status == 77)
    }

    @Test func withdrawnConsentShutsOutThatPartnerOnly() throws {
        let story = try Story()
        try story.shareWithBailleurB()
        try story.must(["open", story.caseID], as: .bruno)
        let withdrawn = try story.abri(["consent", "withdraw", story.caseID, "--from", "bailleur-b", "--yes"], as: .admin)
        #expect(withdrawn.status == 0, "\(withdrawn)")
        let bruno = try story.abri(["open", story.caseID], as: .bruno)
        #expect(bruno.status == 77, "\(bruno)")
        #expect(!(try story.caseIDs(as: .bruno)).contains(story.caseID))
        let ines = try story.must(["open", story.caseID, "--reveal", "--purpose", "p"], as: .ines)
        #expect(ines.stdout.contains(Story.address))
        try story.must(["open", story.caseID], as: .alice)
        // The administrator holds no case secret: the entry is in the administrator's log.
        let admin = try story.adminLog()
        #expect(admin.contains { $0["action"] as? String == "consent-withdraw" && $0["case"] as? String == story.caseID }, "\(admin)")

        // The depositor withdraws cidff-62's consent: ines is shut out, alice still reads, and
        // the case's history shows it to its holders.
        try story.must(["consent", "withdraw", story.caseID, "--from", "cidff-62", "--yes"], as: .alice)
        #expect(try story.abri(["open", story.caseID], as: .ines).status == 77)
        try story.must(["open", story.caseID], as: .alice)
        let entries = try story.json(["log", "--case", story.caseID], as: .alice)["entries"] as? [[String: Any]] ?? []
        #expect(entries.contains { $0["action"] as? String == "consent-withdraw" }, "\(entries)")
        // A partner with no say: 77.
        let tom = try story.abri(["consent", "withdraw", story.caseID, "--from", "foh-social", "--yes"], as: .tom)
        #expect(tom.status == 77, "\(tom)")
    }

    /// A withdrawal removes every key the partner was granted on the case and keeps what it wrote: after a
    /// rehousing, the second landlord keeps its own record and loses the signalement. Withdrawing a partner from
    /// what it wrote itself changes nothing it can read.
    @Test func consentWithdrawalAfterARehousingKeepsWhatThePartnerWrote() throws {
        let story = try Story()
        try story.shareWithBailleurB()
        try story.addRehousing()
        let before = try story.json(["open", story.caseID], as: .bruno)["records"] as? [[String: Any]] ?? []
        #expect(before.count == 2)
        try story.must(["consent", "withdraw", story.caseID, "--from", "bailleur-b", "--yes"], as: .alice)
        let after = try story.json(["open", story.caseID], as: .bruno)["records"] as? [[String: Any]] ?? []
        #expect(after.count == 1 && after.first?["type"] as? String == before.last?["type"] as? String, "\(after)")
        #expect(!"\(after)".contains(Story.victimName), "the signalement stayed with the second landlord")
        // The CIDFF still reads both, and the first landlord still its own.
        #expect((try story.json(["open", story.caseID], as: .ines)["records"] as? [Any])?.count == 2)
        #expect((try story.json(["open", story.caseID], as: .alice)["records"] as? [Any])?.count == 1)

        let report = try story.write("own.json", #"{"type":"note","household":"FOH-2024-000022","facts":"interne"}"#)
        let id = try #require(try story.must(["deposit", report], as: .alice).stdoutLines.first)
        try story.must(["consent", "withdraw", id, "--from", "foh-social", "--yes"], as: .admin)
        try story.must(["open", id], as: .alice)
    }
}
