import Foundation
import Testing

/// Kills each writing command with SIGKILL at a random moment and checks that the vault is whole: SQLite's
/// integrity check passes, `verify` as the administrator passes, every case that existed before still opens for
/// the members entitled to it, the number of cases is the one before or the one after (nothing half-written),
/// and the command, run again, succeeds. `scripts/crash-harness.sh` (`make crash-test`) does the same many more times.
@Suite(.serialized)
struct CrashHarnessTests {
    /// Kills per command; the delay is random in 0…300 ms.
    static let killsPerCommand = 3

    /// One writing command, prepared on a story of its own.
    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var actor: Story.Actor
        /// Prepares the story once; returns the command's arguments.
        var prepare: @Sendable (Story) throws -> [String]
        /// Whether a second run after a completed one must also succeed (a new deposit does; a removed member
        /// cannot be removed twice).
        var repeatable: Bool
        /// How many cases the command adds (negative: removes).
        var casesAdded: Int
        var testDescription: String { name }
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "deposit with a 20 MB attachment", actor: .alice, prepare: { story in
            let big = story.file("big.bin")
            FileManager.default.createFile(atPath: big, contents: Data(count: 20 * 1024 * 1024))
            let report = try story.write("r.json", Story.report)
            return ["deposit", report, "--attach", big, "--locating-to", "cidff-62", "--consent", "c"]
        }, repeatable: true, casesAdded: 1),
        Scenario(name: "bulk deposit of 200 reports", actor: .alice, prepare: { story in
            let paths = try (0 ..< 200).map { try story.write("bulk-\($0).json", #"{"type": "note", "household": "B-\#($0)", "facts": "n \#($0)"}"#) }
            return ["deposit"] + paths + ["--to", "cidff-62", "--consent", "c"]
        }, repeatable: true, casesAdded: 200),
        Scenario(name: "add", actor: .alice, prepare: { story in
            let record = try story.write("add.json", #"{"type": "note", "notes": "suivi", "locating": {"phone": "06"}}"#)
            return ["add", story.caseID, record, "--locating-to", "cidff-62", "--consent", "c"]
        }, repeatable: true, casesAdded: 0),
        Scenario(name: "share", actor: .alice, prepare: { story in
            ["share", story.caseID, "--to", "bailleur-b", "--consent", "formulaire relogement"]
        }, repeatable: true, casesAdded: 0),
        Scenario(name: "import", actor: .ines, prepare: { story in
            // A second vault sends the bundle; ines imports it into the story's vault.
            try CrashHarnessTests.exportFromAnotherVault(story)
        }, repeatable: false, casesAdded: 1),
        Scenario(name: "rotate over 300 grants", actor: .alice, prepare: { story in
            let paths = try (0 ..< 300).map { try story.write("g-\($0).json", #"{"type": "note", "household": "B-\#($0)", "facts": "n \#($0)"}"#) }
            try story.must(["deposit"] + paths, as: .alice)
            return ["rotate", "foh-social"]
        }, repeatable: true, casesAdded: 0),
        Scenario(name: "member remove", actor: .admin, prepare: { story in
            let extra = try story.cli.newIdentity("extra.identity", name: "extra")
            try story.must(["member", "add", "cidff-62", "--identity", extra.line, "--name", "extra"], as: .admin)
            return ["member", "remove", "cidff-62", "extra", "--yes"]
        }, repeatable: false, casesAdded: 0),
        Scenario(name: "shred", actor: .admin, prepare: { story in
            let report = try story.write("s.json", #"{"type": "note", "household": "S-1"}"#)
            let id = try story.must(["deposit", report], as: .alice).stdoutLines[0]
            try story.write("shred-target", id)
            return ["shred", id, "--yes"]
        }, repeatable: false, casesAdded: -1),
    ]

    @Test(arguments: scenarios)
    func aKilledCommandLeavesTheVaultWhole(scenario: Scenario) throws {
        for attempt in 0 ..< Self.killsPerCommand {
            let story = try Story()
            let arguments = try scenario.prepare(story)
            let before = try Snapshot(story)
            let delay = UInt32.random(in: 0 ... 300_000)
            let killed = try Self.runAndKill(story, arguments, as: scenario.actor, afterMicroseconds: delay)
            let context = "\(scenario.name), attempt \(attempt), killed after \(delay / 1000) ms (\(killed ? "killed" : "finished"))"
            // Did the command commit? Its log entries (or its cases) are there.
            let completed = try story.rows("log") > before.logSize || (try story.rows("cases")) != before.caseCount
            let after = try Snapshot(story)
            try Self.checkWhole(story, before: before, after: after, casesAdded: scenario.casesAdded, context: context)
            let again = try story.abri(arguments, as: scenario.actor)
            if !completed || scenario.repeatable {
                #expect(again.status == 0, "\(context): run again: \(again)")
            } else {
                #expect(again.status != 70, "\(context): run again: \(again)")
            }
            #expect(try story.abri(["verify"], as: .admin).status == 0, "\(context): verify after the second run")
            // Every attachment row has its file; a file a killed deposit left is gone once a deposit ran again.
            let named = try story.rows("attachment_files")
            let files = story.attachmentFiles().count
            #expect(files >= named, "\(context): \(named) attachment rows, \(files) files")
            if arguments.contains("--attach") { #expect(files == named, "\(context): \(files - named) leftover files") }
        }
    }

    // MARK: Helpers

    /// What we compare before and after a kill.
    struct Snapshot {
        var caseCount: Int
        /// Case ids each member's partner lists.
        var listed: [Story.Actor: Set<String>]
        var logSize: Int

        /// Lists first, counts last: listing may itself write to the log.
        init(_ story: Story) throws {
            listed = [:]
            for actor in [Story.Actor.alice, .ines, .bruno] {
                listed[actor] = Set(try story.caseIDs(as: actor))
            }
            caseCount = try story.rows("cases")
            logSize = try story.rows("log")
        }
    }

    /// Starts the binary directly (no setsid wrapper, so the signal reaches abri itself) and SIGKILLs it after the
    /// delay; returns false when it had already finished.
    static func runAndKill(_ story: Story, _ arguments: [String], as actor: Story.Actor,
                           afterMicroseconds delay: UInt32) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: story.cli.binary)
        process.arguments = arguments + ["--as", story.identity(actor)]
        process.environment = story.cli.environment
        process.currentDirectoryURL = URL(fileURLWithPath: story.cli.home.path)
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try CLI.launch(process)
        usleep(delay)
        let running = process.isRunning
        if running { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return running
    }

    /// The checks of a vault after a kill.
    static func checkWhole(_ story: Story, before: Snapshot, after: Snapshot, casesAdded: Int, context: String) throws {
        let integrity = try SQLite.query(story.vault, "PRAGMA integrity_check;").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(integrity == "ok", "\(context): integrity_check: \(integrity)")
        let verify = try story.abri(["verify"], as: .admin)
        #expect(verify.status == 0, "\(context): verify: \(verify)")
        #expect(after.caseCount == before.caseCount || after.caseCount == before.caseCount + casesAdded,
                "\(context): \(before.caseCount) cases before, \(after.caseCount) after")
        // Every case listed before is still listed, and the story's case still opens, for each holder.
        for (actor, cases) in before.listed {
            let missing = cases.subtracting(after.listed[actor] ?? [])
            let shredded = (try? story.cli.home.read("shred-target")).map { String(decoding: $0, as: UTF8.self) }
            #expect(missing.subtracting(shredded.map { [$0] } ?? []).isEmpty, "\(context): \(actor) lost \(missing)")
        }
        for actor in [Story.Actor.alice, .ines] {
            let opened = try story.abri(["open", story.caseID, "--json"], as: actor)
            #expect(opened.status == 0, "\(context): \(actor) cannot open the story's case: \(opened)")
        }
    }

    /// A second vault (its own administrator, alice's partner there) exports a case to ines; returns the import.
    static func exportFromAnotherVault(_ story: Story) throws -> [String] {
        let other = story.file("other.db")
        let otherAdmin = try story.cli.newIdentity("other-admin.identity", name: "other admin")
        func run(_ arguments: [String], as identity: String) throws -> CLI.Result {
            let result = try story.cli.run(arguments + ["--as", identity], environment: ["ABRI_VAULT": other])
            guard result.status == 0 else { throw CLIError.failed(result) }
            return result
        }
        guard try story.cli.run(["init", "--admin", otherAdmin.line], environment: ["ABRI_VAULT": other]).status == 0 else {
            throw CLIError.failed(try story.cli.run(["init", "--admin", otherAdmin.line], environment: ["ABRI_VAULT": other]))
        }
        _ = try run(["partner", "add", "sender", "--name", "Sender", "--kind", "association"], as: otherAdmin.path)
        _ = try run(["partner", "add", "cidff-62", "--name", "CIDFF 62", "--kind", "legal-aid"], as: otherAdmin.path)
        _ = try run(["member", "add", "sender", "--identity", try story.line(.alice), "--name", "alice"], as: otherAdmin.path)
        _ = try run(["member", "add", "cidff-62", "--identity", try story.line(.ines), "--name", "ines"], as: otherAdmin.path)
        // Bundles travel only between vaults whose administrators pinned each other.
        _ = try run(["vault", "trust", try story.line(.admin), "--name", "story"], as: otherAdmin.path)
        try story.must(["vault", "trust", otherAdmin.line, "--name", "sender"], as: .admin)
        let report = try story.write("export.json", Story.report)
        let id = try run(["deposit", report], as: story.identity(.alice)).stdoutLines[0]
        let bundle = story.file("case.abri")
        _ = try run(["export", id, "--to", "cidff-62", "--locating", "--to-vault", "story", "--out", bundle, "--consent", "c"],
                    as: story.identity(.alice))
        return ["import", bundle]
    }
}
