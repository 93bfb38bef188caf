import Foundation
import Testing

/// Rules of the command-line contract that no other suite exercised, each through the built binary.
@Suite struct ContractRuleTests {
    /// libfaketime, which `make deps` installs: it moves the binary's clock without a hook in the product.
    static let faketime: String? = ["/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
                                    "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
                                    "/usr/lib/faketime/libfaketime.so.1"]
        .first { FileManager.default.fileExists(atPath: $0) }

    /// The environment that runs the binary at `date` (UTC), through libfaketime.
    static func at(_ date: Date) throws -> [String: String?] {
        let library = try #require(faketime, "libfaketime is not installed: `make deps` installs it (apt-get install faketime)")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return ["LD_PRELOAD": library, "FAKETIME": "@" + formatter.string(from: date), "TZ": "UTC",
                "FAKETIME_DONT_FAKE_MONOTONIC": "1"]
    }

    static var paris: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        return calendar
    }

    /// `days` from today, Europe/Paris, as YYYY-MM-DD, and the midnight (Paris) that ends that day.
    static func parisDay(_ days: Int) -> (text: String, end: Date) {
        let calendar = paris
        let day = calendar.date(byAdding: .day, value: days, to: calendar.startOfDay(for: Date()))!
        let parts = calendar.dateComponents([.year, .month, .day], from: day)
        let end = calendar.date(byAdding: .day, value: 1, to: day)!
        return (String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!), end)
    }

    // MARK: Dates end at midnight, Europe/Paris

    /// An `--until` day ends at midnight in Paris, not in UTC: at 23:30 Paris the grant still opens; at 00:30
    /// Paris the next day (still the until day in UTC, so a UTC day would keep it) it is gone: 77.
    @Test func consentEndsAtMidnightInParis() throws {
        let story = try Story()
        let until = Self.parisDay(10)
        try story.must(["share", story.caseID, "--to", "bailleur-b", "--consent", "accord", "--until", until.text], as: .alice)
        let before = try story.abri(["open", story.caseID], as: .bruno, environment: try Self.at(until.end.addingTimeInterval(-30 * 60)))
        #expect(before.status == 0, "23:30 Paris on the until day: \(before)")
        let after = try story.abri(["open", story.caseID], as: .bruno, environment: try Self.at(until.end.addingTimeInterval(30 * 60)))
        #expect(after.status == 77, "00:30 Paris the day after: \(after)")
    }

    /// Sharing again to a partner that holds the case records the new consent, and the latest wins: an earlier
    /// consent's end no longer applies once a later one without an end was given.
    @Test func theLatestConsentWins() throws {
        let story = try Story()
        let until = Self.parisDay(5)
        try story.must(["share", story.caseID, "--to", "bailleur-b", "--consent", "accord court", "--until", until.text], as: .alice)
        let again = try story.abri(["share", story.caseID, "--to", "bailleur-b", "--consent", "accord renouvelé"], as: .alice)
        #expect(again.status == 0, "\(again)")
        let later = try story.abri(["open", story.caseID], as: .bruno, environment: try Self.at(until.end.addingTimeInterval(3600)))
        // Format 3 files the second share's consent over the received one (GrantBody.merge, Docs/FORMAT.md §3.3).
        #expect(later.status == 0, "the first consent's end still applied: \(later)")
    }

    // MARK: The passphrase

    /// Never an environment value: with a passphrase in every variable a script might try, no file and no
    /// terminal, the command is 64 and the passphrase appears nowhere.
    @Test func thePassphraseIsNeverReadFromTheEnvironment() throws {
        let story = try Story()
        let passphrase = story.cli.passphrase
        var environment: [String: String?] = ["ABRI_PASSPHRASE_FILE": nil]
        for name in ["ABRI_PASSPHRASE", "ABRI_PASSWORD", "ABRI_PASS", "PASSPHRASE"] { environment[name] = passphrase }
        let result = try story.abri(["cases"], as: .alice, environment: environment)
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.contains(passphrase))
    }

    // MARK: Colour and progress

    /// Colour and progress only on a terminal: without NO_COLOR (the harness always sets it) and without a
    /// terminal, no escape sequence in any output, whether the command succeeds, shows progress or fails.
    @Test func noEscapeSequenceWithoutATerminalEvenWithoutNoColor() throws {
        let story = try Story()
        let environment: [String: String?] = ["NO_COLOR": nil, "TERM": "xterm-256color", "CLICOLOR_FORCE": nil]
        var results: [CLI.Result] = []
        results.append(try story.abri(["open", story.caseID], as: .ines, environment: environment))
        results.append(try story.abri(["rotate", "cidff-62"], as: .ines, environment: environment))
        results.append(try story.abri(["verify"], as: .admin, environment: environment))
        results.append(try story.abri(["open", "0000"], as: .ines, environment: environment))
        results.append(try story.abri(["deposit"], as: .alice, environment: environment))
        #expect(results[0].status == 0 && results[1].status == 0 && results[2].status == 0, "\(results)")
        #expect(results[3].status != 0 && results[4].status == 64)
        for result in results {
            #expect(!result.stdout.contains("\u{1B}") && !result.stderr.contains("\u{1B}"), "an escape sequence: \(result)")
            #expect(!result.stderr.contains("\r"), "a progress bar redraw: \(result)")
        }
    }

    // MARK: Grants

    /// `add` needs a live grant on the case: a partner that never held it, and one whose consent was
    /// withdrawn, get 77 and the vault is unchanged.
    @Test func addWithoutALiveGrantIs77() throws {
        let story = try Story()
        try story.shareWithBailleurB()
        try story.must(["consent", "withdraw", story.caseID, "--from", "bailleur-b", "--yes"], as: .alice)
        let note = try story.write("note.json", #"{"type":"note","facts":"suivi"}"#)
        let before = try story.snapshot()
        for actor in [Story.Actor.tom, .bruno] {
            let result = try story.abri(["add", story.caseID, note], as: actor)
            #expect(result.status == 77, "\(actor): \(result)")
            #expect(result.stdout.isEmpty && result.stderrLines.count == 1)
        }
        try story.expectUnchanged(since: before)
    }

    /// `share` grants no more than the sharer reads: bruno holds the general part only, so a partner he shares
    /// with, even asking for the locating part, never reads the address.
    @Test func shareGrantsNoMoreThanTheSharerReads() throws {
        let story = try Story()
        try story.shareWithBailleurB()
        let (path, line) = try story.cli.newIdentity("dana.identity", name: "dana")
        try story.must(["partner", "add", "assoc-59", "--name", "Association 59", "--kind", "association"], as: .admin)
        try story.must(["member", "add", "assoc-59", "--identity", line, "--name", "dana"], as: .admin)
        for arguments in [["share", story.caseID, "--to", "assoc-59", "--consent", "accord"],
                          ["share", story.caseID, "--to", "assoc-59", "--locating", "--consent", "accord"]] {
            let shared = try story.abri(arguments, as: .bruno)
            #expect([0, 77].contains(shared.status), "\(arguments): \(shared)")
            #expect(!shared.stdout.contains(Story.address) && !shared.stderr.contains(Story.address))
        }
        let opened = try story.cli.run(["open", story.caseID, "--reveal", "--purpose", "suivi", "--json", "--as", path])
        #expect(opened.status == 0, "the general part was shared: \(opened)")
        #expect(!opened.stdout.contains(Story.address) && !opened.stdout.contains(Story.phone))
        let document = try JSONSerialization.jsonObject(with: Data(opened.stdout.utf8)) as? [String: Any]
        let record = (document?["records"] as? [[String: Any]])?.first
        #expect(record?["locating"] == nil)
        #expect(record?["withheld"] as? [String] == ["locating"])
    }

    // MARK: People

    /// Member names are unique within a partner, compared in NFC: "Élodie" composed and decomposed are one name.
    @Test func memberNamesAreUniqueInNFC() throws {
        let story = try Story()
        let first = try story.cli.newIdentity("elodie1.identity")
        let second = try story.cli.newIdentity("elodie2.identity")
        let third = try story.cli.newIdentity("elodie3.identity")
        try story.must(["member", "add", "cidff-62", "--identity", first.line, "--name", "\u{00C9}lodie"], as: .admin)
        let before = try story.snapshot()
        let clash = try story.abri(["member", "add", "cidff-62", "--identity", second.line, "--name", "E\u{0301}lodie"], as: .admin)
        #expect(clash.status != 0, "a second Élodie (decomposed) was enrolled: \(clash)")
        #expect(clash.stderrLines.count == 1)
        try story.expectUnchanged(since: before)
        // Another partner may have its own Élodie.
        try story.must(["member", "add", "bailleur-b", "--identity", third.line, "--name", "E\u{0301}lodie"], as: .admin)
    }

    // MARK: Retention and closing

    /// A closed case is shredded by `retention` once the rule's years have passed, not before, and a case
    /// reopened since is kept; the clock is moved with libfaketime.
    @Test func retentionShredsCasesClosedLongerAgoThanTheRule() throws {
        let story = try Story()
        let note = try story.write("other.json", #"{"type":"note","household":"FOH-2024-000321"}"#)
        let other = try #require(try story.must(["deposit", note], as: .alice).stdoutLines.first)
        try story.must(["close", story.caseID], as: .alice)
        try story.must(["close", other], as: .alice)
        try story.must(["close", other, "--reopen"], as: .alice)
        // Now: nothing is old enough.
        let now = try story.abri(["retention", "--yes"], as: .admin)
        #expect(now.status == 0, "\(now)")
        try story.must(["open", story.caseID], as: .ines)
        // Six years on: the closed case goes, the reopened one stays.
        let later = try Self.at(Date().addingTimeInterval(6 * 366 * 86_400))
        let dry = try story.abri(["retention", "--dry-run"], as: .admin, environment: later)
        #expect(dry.status == 0, "\(dry)")
        // Destructive: without a terminal and without --yes, 64 and nothing destroyed.
        let unconfirmed = try story.abri(["retention"], as: .admin, environment: later)
        #expect(unconfirmed.status == 64, "\(unconfirmed)")
        try story.must(["open", story.caseID], as: .ines, environment: later)
        let shredded = try story.abri(["retention", "--yes"], as: .admin, environment: later)
        #expect(shredded.status == 0, "\(shredded)")
        #expect(try story.abri(["open", story.caseID], as: .ines, environment: later).status == 77)
        try story.must(["open", other], as: .alice, environment: later)
        let shreds = try story.json(["log"], as: .admin, environment: later)["entries"] as? [[String: Any]] ?? []
        #expect(shreds.contains { $0["action"] as? String == "shred" && $0["case"] as? String == story.caseID }, "\(shreds)")
        // Only the administrator applies retention.
        #expect(try story.abri(["retention", "--yes"], as: .alice, environment: later).status == 77)
    }

    /// `close` needs a grant on the case, like `open`: tom gets 77.
    @Test func closeNeedsAGrant() throws {
        let story = try Story()
        let result = try story.abri(["close", story.caseID], as: .tom)
        #expect(result.status == 77, "\(result)")
    }
}
