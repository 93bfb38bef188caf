import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Unlock once (`abri agent`), the new passphrase's minimum, and the report files' plaintext (`deposit --edit`,
/// `--remove-source`), through the built binary.
struct AgentTests {
    /// A played story whose home has a private runtime folder, as a login session gives.
    static func story() throws -> (Story, String) {
        var story = try Story()
        let runtime = story.file("run")
        try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        story.cli.environment["XDG_RUNTIME_DIR"] = runtime
        return (story, runtime)
    }

    /// Every name in `folder`, sockets included (Foundation's listing leaves sockets out).
    static func names(_ folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func aStartedAgentLetsCommandsRunWithoutPassphraseUntilStopped() throws {
        var (story, runtime) = try Self.story()
        let started = try story.abri(["agent", "start", "--idle", "5m"], as: .ines)
        #expect(started.status == 0, "\(started)")
        #expect(started.stderr.contains("Agent started"), "\(started)")

        // The folder is the owner's alone, the socket too, and nothing else is written there: no key, no state.
        let folder = runtime + "/abri"
        #expect(try Self.mode(folder) == 0o700)
        let entries = Self.names(folder)
        #expect(entries.count == 1, "\(entries)")
        let socket = folder + "/" + (try #require(entries.first { $0.hasSuffix(".sock") }))
        #expect(try Self.mode(socket) == 0o600)
        let size = (try FileManager.default.attributesOfItem(atPath: socket)[.size] as? NSNumber)?.intValue
        #expect(size == 0)

        // No passphrase source at all: only the agent can sign and open for this command.
        let opened = try story.abri(["open", story.caseID], as: .ines, environment: ["ABRI_PASSPHRASE_FILE": nil])
        #expect(opened.status == 0, "\(opened)")
        #expect(opened.stdout.contains(Story.facts), "\(opened)")
        // Another identity is not held: it still needs its passphrase.
        let other = try story.abri(["open", story.caseID], as: .alice, environment: ["ABRI_PASSPHRASE_FILE": nil])
        #expect(other.status == 64, "\(other)")

        let stopped = try story.abri(["agent", "stop"], as: nil)
        #expect(stopped.status == 0 && stopped.stderr.contains("Agent stopped"), "\(stopped)")
        #expect(Self.names(folder).isEmpty)
        let after = try story.abri(["open", story.caseID], as: .ines, environment: ["ABRI_PASSPHRASE_FILE": nil])
        #expect(after.status == 64, "without the agent a passphrase is needed again: \(after)")
    }

    @Test func anIdleAgentStopsByItself() throws {
        var (story, runtime) = try Self.story()
        #expect(try story.abri(["agent", "start", "--idle", "2s"], as: .ines).status == 0)
        let deadline = Date().addingTimeInterval(10)
        var entries: [String] = ["?"]
        while Date() < deadline {
            entries = Self.names(runtime + "/abri")
            if entries.isEmpty { break }
            usleep(200_000)
        }
        #expect(entries.isEmpty, "the agent outlived its idle time: \(entries)")
        let after = try story.abri(["open", story.caseID], as: .ines, environment: ["ABRI_PASSPHRASE_FILE": nil])
        #expect(after.status == 64, "\(after)")
    }

    @Test func anAgentFolderOthersCanEnterIsRefused() throws {
        var (story, runtime) = try Self.story()
        try FileManager.default.createDirectory(atPath: runtime + "/abri", withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o755])
        let started = try story.abri(["agent", "start"], as: .ines)
        #expect(started.status == 73, "\(started)")
        let bad = try story.abri(["agent", "start", "--idle", "soon"], as: .ines)
        #expect(bad.status == 64, "\(bad)")
        story.cli.environment["XDG_RUNTIME_DIR"] = nil
        #expect(try story.abri(["agent", "start"], as: .ines).status == 64)
    }

    @Test func aShortNewPassphraseIsRefused() throws {
        let cli = try CLI()
        let weak = try cli.home.write("weak", text: "1234\n")
        let refused = try cli.run(["identity", "new", "--out", cli.home.file("w.identity"), "--passphrase-file", weak])
        #expect(refused.status == 64, "\(refused)")
        #expect(refused.stderr.contains("at least 4 words or 16 characters"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: cli.home.file("w.identity")))
        let words = try cli.home.write("words", text: "pomme lune vent sel\n")
        #expect(try cli.run(["identity", "new", "--out", cli.home.file("x.identity"), "--passphrase-file", words]).status == 0)
    }

    @Test func depositEditWritesInAPrivateDraftThatIsErased() throws {
        var (story, runtime) = try Self.story()
        let filled = try story.write("filled.json", Story.report)
        let editor = try story.cli.home.write("editor.sh", text: "#!/bin/sh\ncat '\(filled)' > \"$1\"\n", mode: 0o700)
        let deposited = try story.abri(["deposit", "--edit", "--locating-to", "cidff-62", "--consent", "formulaire signé"],
                                       as: .alice, environment: ["EDITOR": editor])
        #expect(deposited.status == 0, "\(deposited)")
        #expect(deposited.stdoutLines.count == 1, "\(deposited)")
        #expect(!deposited.stderr.contains("Reminder"), "\(deposited)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: runtime).filter { $0.hasPrefix("abri-draft") }.isEmpty)

        let broken = try story.cli.home.write("broken.sh", text: "#!/bin/sh\nprintf '{' > \"$1\"\n", mode: 0o700)
        let refused = try story.abri(["deposit", "--edit", "--locating-to", "cidff-62", "--consent", "formulaire signé"],
                                     as: .alice, environment: ["EDITOR": broken])
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stderr.contains("The draft was erased"), "\(refused)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: runtime).filter { $0.hasPrefix("abri-draft") }.isEmpty)
    }

    @Test func aReportFileIsRemindedOrRemoved() throws {
        var (story, _) = try Self.story()
        let kept = try story.write("kept.json", Story.report)
        let reminded = try story.abri(["deposit", kept, "--locating-to", "cidff-62", "--consent", "formulaire signé"], as: .alice)
        #expect(reminded.status == 0, "\(reminded)")
        #expect(reminded.stderrLines.last?.contains("still holds the report in clear") == true, "\(reminded)")
        #expect(FileManager.default.fileExists(atPath: kept))

        let removed = try story.write("removed.json", Story.report)
        let gone = try story.abri(["deposit", removed, "--remove-source", "--locating-to", "cidff-62", "--consent", "formulaire signé"],
                                  as: .alice)
        #expect(gone.status == 0, "\(gone)")
        #expect(!FileManager.default.fileExists(atPath: removed))
        #expect(!gone.stderr.contains("still holds"), "\(gone)")
    }
}
