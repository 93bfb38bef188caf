import AbriTestSupport
import Foundation
import Testing

/// Kills each writing command with SIGKILL at a moment inside its own run and checks that the vault is whole:
/// SQLite's integrity check passes, `verify` as the administrator passes, every case that existed before still
/// opens for the members entitled to it, the command either fully happened or not at all (its log entries, its
/// cases, its output file), no partial output lies under its final name, and the command, run again, succeeds.
///
/// Each scenario is prepared once, then run once uninterrupted on a copy (which measures how long it takes); the
/// kills fall across that time, each on a fresh copy. Every kill is recorded as landing before the command's
/// commit (its effect absent), after it (present), or after the command had finished ("not mid-command"); a
/// scenario none of whose kills landed mid-command fails. `scripts/crash-harness.sh` (`make crash-test`) runs the
/// long loop.
@Suite(.serialized)
struct CrashHarnessTests {
    /// Kills per command in `make test`.
    static let killsPerCommand = 3

    /// What shows that a command took effect.
    enum Effect: Sendable {
        /// The log grew (or the number of cases changed).
        case logged
        /// A file (a path in the story's home) exists under its final name; `logged` when the command also logs.
        case output(String, logged: Bool)
        /// Files in a folder of the home (opened attachments); the command logs before writing them.
        case folder(String)
    }

    /// One writing command, prepared on a story of its own.
    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var actor: Story.Actor?
        /// Prepares the story once; returns the command's arguments.
        var prepare: @Sendable (Story) throws -> [String]
        /// Whether a second run after a completed one must also succeed (a new deposit does; a removed member
        /// cannot be removed twice).
        var repeatable: Bool
        /// How many cases the command adds (negative: removes).
        var casesAdded: Int
        var effect: Effect = .logged
        /// Members who may lose the story's case through the command (a withdrawn consent).
        var mayLose: Set<Story.Actor> = []
        /// Variables for every run after the preparation (a clock moved on).
        var environment: [String: String?] = [:]
        /// The vault is refused by `verify` until the command has run (an unaccepted restore): the command is run
        /// again before the checks.
        var runAgainFirst = false
        var testDescription: String { name }
    }

    /// Where a kill landed.
    enum Landing: String, Sendable {
        case beforeCommit = "before its commit"
        case afterCommit = "after its commit"
        case finished = "not mid-command (it had finished)"
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "deposit with a 20 MB attachment", actor: .alice, prepare: { story in
            let big = story.file("big.bin")
            _ = FileManager.default.createFile(atPath: big, contents: Data(count: 20 * 1024 * 1024))
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
        Scenario(name: "open --reveal --attachments", actor: .ines, prepare: { story in
            try FileManager.default.createDirectory(atPath: story.file("out"), withIntermediateDirectories: false)
            return ["open", story.caseID, "--reveal", "--purpose", "audience", "--attachments", story.file("out")]
        }, repeatable: false, casesAdded: 0, effect: .folder("out")),
        Scenario(name: "consent withdraw", actor: .alice, prepare: { story in
            ["consent", "withdraw", story.caseID, "--from", "cidff-62", "--yes"]
        }, repeatable: true, casesAdded: 0, mayLose: [.ines]),
        Scenario(name: "member add", actor: .admin, prepare: { story in
            let extra = try story.cli.newIdentity("extra.identity", name: "extra")
            return ["member", "add", "cidff-62", "--identity", extra.line, "--name", "extra"]
        }, repeatable: false, casesAdded: 0),
        Scenario(name: "member approve", actor: .ines, prepare: { story in
            let extra = try story.cli.newIdentity("extra.identity", name: "extra")
            try story.must(["member", "add", "cidff-62", "--identity", extra.line, "--name", "extra"], as: .admin)
            return ["member", "approve", "cidff-62", "extra", "--yes"]
        }, repeatable: false, casesAdded: 0),
        Scenario(name: "member remove", actor: .admin, prepare: { story in
            try story.enrol("extra", in: "cidff-62", approvedBy: .ines)
            return ["member", "remove", "cidff-62", "extra", "--yes"]
        }, repeatable: false, casesAdded: 0),
        Scenario(name: "rotate over 300 grants", actor: .alice, prepare: { story in
            let paths = try (0 ..< 300).map { try story.write("g-\($0).json", #"{"type": "note", "household": "B-\#($0)", "facts": "n \#($0)"}"#) }
            try story.must(["deposit"] + paths, as: .alice)
            return ["rotate", "foh-social"]
        }, repeatable: true, casesAdded: 0),
        Scenario(name: "export", actor: .alice, prepare: { story in
            let other = try story.cli.newIdentity("other-admin.identity", name: "other admin")
            try story.must(["vault", "trust", other.line, "--name", "other"], as: .admin)
            return ["export", story.caseID, "--to", "cidff-62", "--to-vault", "other", "--out", story.file("case.abri"),
                    "--consent", "c"]
        }, repeatable: false, casesAdded: 0, effect: .output("case.abri", logged: true)),
        Scenario(name: "import", actor: .ines, prepare: { story in
            // A second vault sends the bundle; ines imports it into the story's vault.
            try CrashHarnessTests.exportFromAnotherVault(story)
        }, repeatable: false, casesAdded: 1),
        Scenario(name: "backup", actor: nil, prepare: { story in
            ["backup", "--out", story.file("backup.db")]
        }, repeatable: false, casesAdded: 0, effect: .output("backup.db", logged: false)),
        Scenario(name: "verify --accept-restore", actor: .admin, prepare: { story in
            try story.must(["backup", "--out", story.file("restore.db")], as: nil)
            let report = try story.write("later.json", #"{"type": "note", "household": "R-1"}"#)
            try story.must(["deposit", report], as: .alice)
            for suffix in ["-wal", "-shm", ""] { try? FileManager.default.removeItem(atPath: story.vault + suffix) }
            try FileManager.default.copyItem(atPath: story.file("restore.db"), toPath: story.vault)
            return ["verify", "--accept-restore"]
        }, repeatable: true, casesAdded: 0, runAgainFirst: true),
        Scenario(name: "close", actor: .alice, prepare: { story in
            ["close", story.caseID]
        }, repeatable: true, casesAdded: 0),
        Scenario(name: "retention", actor: .admin, prepare: { story in
            let report = try story.write("s.json", #"{"type": "note", "household": "S-1"}"#)
            let id = try story.must(["deposit", report], as: .alice).stdoutLines[0]
            try story.must(["close", id], as: .alice)
            try story.write("shred-target", id)
            return ["retention", "--yes"]
        }, repeatable: true, casesAdded: -1,
           // The debug build's day hook, not libfaketime: the binary run directly under LD_PRELOAD=libfaketime
           // loses its arguments on this machine (it prints the root help and exits 0).
           environment: ["ABRI_TODAY": CrashHarnessTests.sixYearsOn]),
        Scenario(name: "shred", actor: .admin, prepare: { story in
            let report = try story.write("s.json", #"{"type": "note", "household": "S-1"}"#)
            let id = try story.must(["deposit", report], as: .alice).stdoutLines[0]
            try story.write("shred-target", id)
            return ["shred", id, "--yes"]
        }, repeatable: false, casesAdded: -1),
        Scenario(name: "vault trust", actor: .admin, prepare: { story in
            let other = try story.cli.newIdentity("other-admin.identity", name: "other admin")
            return ["vault", "trust", other.line, "--name", "other"]
        }, repeatable: false, casesAdded: 0),
        Scenario(name: "checkpoint export", actor: .admin, prepare: { story in
            ["checkpoint", "export", "--out", story.file("checkpoint.txt")]
        }, repeatable: false, casesAdded: 0, effect: .output("checkpoint.txt", logged: false)),
    ]

    /// A day six years ahead, YYYY-MM-DD, for retention.
    static let sixYearsOn: String = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(6 * 366 * 86_400))
    }()

    @Test(arguments: scenarios)
    func aKilledCommandLeavesTheVaultWhole(scenario: Scenario) throws {
        let landings = try Self.killRepeatedly(scenario, kills: Self.killsPerCommand)
        #expect(landings.contains { $0 != .finished },
                "\(scenario.name): no kill landed mid-command (\(landings.map(\.rawValue)))")
    }

    /// Prepares the scenario, times one uninterrupted run, then kills `kills` fresh copies at moments spread over
    /// that time; returns where each kill landed (also printed, for `make test`'s output).
    static func killRepeatedly(_ scenario: Scenario, kills: Int) throws -> [Landing] {
        var prepared = try Story()
        let arguments = try scenario.prepare(prepared)
        for (name, value) in scenario.environment { prepared.cli.environment[name] = value }
        let home = prepared.cli.home.path
        func localised(_ story: Story) -> [String] {
            arguments.map { $0.replacingOccurrences(of: home, with: story.cli.home.path) }
        }

        // One run to the end: it must succeed, and it says how long a kill has to land in.
        let timing = try prepared.copy()
        let started = Date()
        let clean = try timing.abri(localised(timing), as: scenario.actor)
        let duration = Date().timeIntervalSince(started)
        #expect(clean.status == 0, "\(scenario.name): the uninterrupted run failed: \(clean)")
        let cleanOutputSize: Int? = {
            guard case let .output(name, _) = scenario.effect else { return nil }
            return (try? FileManager.default.attributesOfItem(atPath: timing.file(name))[.size] as? Int) ?? nil
        }()

        var landings: [Landing] = []
        for attempt in 0 ..< kills {
            let story = try prepared.copy()
            let arguments = localised(story)
            let before = try Snapshot(story, runAgainFirst: scenario.runAgainFirst)
            // Spread over 10 %…95 % of the uninterrupted run (which included the launch), with some jitter.
            let fraction = 0.1 + 0.85 * (Double(attempt) + Double.random(in: 0 ..< 1)) / Double(kills)
            let delay = UInt32(duration * fraction * 1_000_000)
            let (killed, status) = try Self.runAndKill(story, arguments, as: scenario.actor, afterMicroseconds: delay)
            #expect(killed || status == 0, "\(scenario.name): a run that was not killed ended with \(status)")
            let logGrew = try story.rows("log") > before.logSize || (try story.rows("cases")) != before.caseCount
            let effect: Bool
            switch scenario.effect {
            case .logged:
                effect = logGrew
            case let .output(name, logged):
                effect = FileManager.default.fileExists(atPath: story.file(name))
                // The bundle is placed only after the export is committed: a bundle without its entry is a bug.
                if logged && effect { #expect(logGrew, "\(scenario.name): a bundle whose export was not logged") }
            case let .folder(name):
                effect = !Self.finalNames(in: story.file(name)).isEmpty
            }
            let landing: Landing = killed ? (effect ? .afterCommit : .beforeCommit) : .finished
            landings.append(landing)
            let context = "\(scenario.name), attempt \(attempt), killed after \(delay / 1000) of \(Int(duration * 1000)) ms (\(landing.rawValue))"
            try Self.checkOutput(story, scenario, effect: effect, cleanSize: cleanOutputSize, context: context)

            var again: CLI.Result?
            if scenario.runAgainFirst {
                again = try story.abri(arguments, as: scenario.actor)
                #expect(again?.status == 0, "\(context): run again: \(again.map { "\($0)" } ?? "")")
            }
            let after = try Snapshot(story, runAgainFirst: false)
            try Self.checkWhole(story, scenario, before: before, after: after, completed: effect, context: context)
            if again == nil {
                let result = try story.abri(arguments, as: scenario.actor)
                if !effect || scenario.repeatable {
                    #expect(result.status == 0, "\(context): run again: \(result)")
                } else {
                    #expect(result.status != 70, "\(context): run again: \(result)")
                }
            }
            #expect(try story.abri(["verify"], as: .admin).status == 0, "\(context): verify after the second run")
            // Every attachment row has its file; a file a killed deposit left is gone once a deposit ran again.
            let named = try story.rows("attachment_files")
            let files = story.attachmentFiles().count
            #expect(files >= named, "\(context): \(named) attachment rows, \(files) files")
            if arguments.contains("--attach") { #expect(files == named, "\(context): \(files - named) leftover files") }
        }
        let counts = [Landing.beforeCommit, .afterCommit, .finished].map { landing in
            "\(landings.filter { $0 == landing }.count) \(landing.rawValue)"
        }
        print("crash harness: \(scenario.name) (\(Int(duration * 1000)) ms uninterrupted): \(counts.joined(separator: ", "))")
        return landings
    }

    /// The names in `folder` that are not a temporary of `StagedOutput` (`.NAME.abri-partial-…`).
    static func finalNames(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.contains(".abri-partial-") }.sorted()
    }

    /// An output under its final name is whole: the bundle has the size of the uninterrupted run's, the backup
    /// passes SQLite's integrity check, the checkpoint is accepted by `verify --checkpoint`, the attachment is the
    /// deposited one byte for byte.
    static func checkOutput(_ story: Story, _ scenario: Scenario, effect: Bool, cleanSize: Int?, context: String) throws {
        guard effect else { return }
        switch scenario.effect {
        case .logged:
            break
        case let .output(name, _):
            let path = story.file(name)
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
            #expect(try story.cli.home.mode(name) & 0o777 == 0o600, "\(context): \(name) is not 0600")
            if name.hasSuffix(".abri") {
                #expect(size == cleanSize, "\(context): a bundle of \(size ?? -1) bytes where a whole one has \(cleanSize ?? -1)")
            } else if name.hasSuffix(".db") {
                let integrity = try SQLite.query(path, "PRAGMA integrity_check;").trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(integrity == "ok", "\(context): the backup: \(integrity)")
            } else {
                let checked = try story.abri(["verify", "--checkpoint", path], as: nil)
                #expect(checked.status == 0, "\(context): the checkpoint: \(checked)")
            }
        case let .folder(name):
            let names = finalNames(in: story.file(name))
            #expect(names == ["recepisse.pdf"], "\(context): \(names)")
            let bytes = try story.cli.home.read(name + "/recepisse.pdf")
            #expect(bytes == story.attachment, "\(context): a partial attachment (\(bytes.count) of \(story.attachment.count) bytes)")
        }
    }

    // MARK: Helpers

    /// What we compare before and after a kill.
    struct Snapshot {
        var caseCount: Int
        /// Case ids each member's partner lists.
        var listed: [Story.Actor: Set<String>]
        var logSize: Int

        /// Lists first, counts last: listing may itself write to the log. A vault every command refuses (an
        /// unaccepted restore) is counted only.
        init(_ story: Story, runAgainFirst: Bool) throws {
            listed = [:]
            for actor in [Story.Actor.alice, .ines, .bruno] where !runAgainFirst {
                listed[actor] = Set(try story.caseIDs(as: actor))
            }
            caseCount = try story.rows("cases")
            logSize = try story.rows("log")
        }
    }

    /// Starts the binary directly (no setsid wrapper, so the signal reaches abri itself) and SIGKILLs it after the
    /// delay; returns false (and its exit status) when it had already finished.
    static func runAndKill(_ story: Story, _ arguments: [String], as actor: Story.Actor?,
                           afterMicroseconds delay: UInt32) throws -> (killed: Bool, status: Int32) {
        let child = try Child(story.cli.binary, arguments + (actor.map { ["--as", story.identity($0)] } ?? []),
                              environment: story.cli.environment, directory: story.cli.home.path)
        usleep(delay)
        let running = child.isRunning
        if running { child.send(SIGKILL) }
        return (running, child.wait().status)
    }

    /// The checks of a vault after a kill.
    static func checkWhole(_ story: Story, _ scenario: Scenario, before: Snapshot, after: Snapshot, completed: Bool,
                           context: String) throws {
        let casesAdded = scenario.casesAdded
        let integrity = try SQLite.query(story.vault, "PRAGMA integrity_check;").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(integrity == "ok", "\(context): integrity_check: \(integrity)")
        let verify = try story.abri(["verify"], as: .admin)
        #expect(verify.status == 0, "\(context): verify: \(verify)")
        #expect(after.caseCount == before.caseCount + (completed && scenario.effect.isLogged ? casesAdded : 0),
                "\(context): \(before.caseCount) cases before, \(after.caseCount) after")
        // Every case listed before is still listed, and the story's case still opens, for each holder.
        for (actor, cases) in before.listed {
            let missing = cases.subtracting(after.listed[actor] ?? [])
            let shredded = (try? story.cli.home.read("shred-target")).map { String(decoding: $0, as: UTF8.self) }
            let allowed = scenario.mayLose.contains(actor) && completed ? [story.caseID] : []
            #expect(missing.subtracting(shredded.map { [$0] } ?? []).subtracting(allowed).isEmpty, "\(context): \(actor) lost \(missing)")
        }
        for actor in [Story.Actor.alice, .ines] where !(scenario.mayLose.contains(actor) && completed) {
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

extension CrashHarnessTests.Effect {
    /// Whether the effect is the log's (the cases counted are the command's own).
    var isLogged: Bool { if case .logged = self { true } else { false } }
}
