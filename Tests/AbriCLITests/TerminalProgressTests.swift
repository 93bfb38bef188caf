import AbriTestSupport
import Foundation
import Testing

/// What a person sees at a real terminal (tmux) while a command works or waits, and what a script sees instead:
/// a French bar with percent and time left, « coffre occupé… » while another command holds the vault, nothing of
/// either when stderr is not a terminal; and the passphrase typed again after a mistake, and the agent, at the prompt.
struct TerminalProgressTests {
    typealias Terminal = TerminalSessionTests.Terminal

    /// A terminal in the story's home; in French unless `english`, with colour and bars allowed (`NO_COLOR` unset).
    static func terminal(_ story: Story, english: Bool = false, passphraseFile: Bool = true,
                         extra: [String: String] = [:]) throws -> Terminal {
        let tmux = try #require(TerminalSessionTests.tmux, "tmux is not installed: `make deps` installs it (apt-get install tmux)")
        var environment = story.cli.environment
        environment["NO_COLOR"] = nil
        environment["LANG"] = english ? "C.UTF-8" : "fr_FR.UTF-8"
        if !passphraseFile { environment["ABRI_PASSPHRASE_FILE"] = nil }
        environment["ABRI_VAULT"] = story.vault
        environment["TERM"] = "xterm"
        for (name, value) in extra { environment[name] = value }
        let terminal = try Terminal(tmux: tmux, home: story.cli.home.path, environment: environment)
        try terminal.wait(for: "$ ")
        return terminal
    }

    /// `count` small report files in a folder `bulk` of the story's home.
    static func bulkReports(_ story: Story, count: Int) throws -> [String] {
        let folder = story.file("bulk")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try (0 ..< count).map { index in
            let path = folder + "/\(String(format: "%05d", index)).json"
            try Data(#"{"type":"note","household":"FOH-2024-\#(String(format: "%06d", index))"}"#.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    /// sqlite3 holding the vault's write lock for `seconds`, as a long command would; returned once the lock is held.
    static func holdWriteLock(_ story: Story, seconds: Int) throws -> Child {
        try SQLite.holdWriteLock(story.vault, seconds: seconds, folder: story.cli.home.path)
    }

    @Test func aBulkDepositShowsAFrenchBarAtATerminal() throws {
        let story = try Story()
        _ = try Self.bulkReports(story, count: 4000)
        let terminal = try Self.terminal(story)
        try terminal.type("\(story.cli.binary) deposit bulk/*.json --as \(story.identity(.alice)) > ids.txt; echo fin=$?")
        // Caught while it works: the bar, in French, with the time left.
        let screen = try terminal.wait(for: "reste ")
        #expect(screen.contains("dépôt des signalements ["), "\(screen)")
        #expect(screen.range(of: #"\] [0-9]+ %"#, options: .regularExpression) != nil, "\(screen)")
        try terminal.wait(for: "fin=0")
        let ids = try String(contentsOfFile: story.file("ids.txt"), encoding: .utf8)
        #expect(ids.split(separator: "\n").count == 4000)
    }

    @Test func noBarWhenStderrIsNotATerminal() throws {
        let story = try Story()
        let reports = try Self.bulkReports(story, count: 1100)
        let deposited = try story.abri(["deposit"] + reports, as: .alice, environment: ["NO_COLOR": nil, "LANG": "fr_FR.UTF-8"])
        #expect(deposited.status == 0, "\(deposited)")
        #expect(deposited.stdoutLines.count == 1100)
        for word in ["dépôt des signalements", "reste", "%", "\r", "\u{1B}"] {
            #expect(!deposited.stderr.contains(word), "\(word.debugDescription) in \(deposited.stderr)")
        }
    }

    @Test func aCommandWaitingOnABusyVaultSaysSoAtATerminalThenEndsIn75() throws {
        let story = try Story()
        let report = try story.write("busy.json", #"{"type":"note","household":"FOH-2024-000075"}"#)
        let terminal = try Self.terminal(story, extra: ["ABRI_BUSY_WAIT": "2"])
        let holder = try Self.holdWriteLock(story, seconds: 8)
        defer { holder.terminate() }
        try terminal.type("\(story.cli.binary) deposit \(report) --as \(story.identity(.alice)); echo fin=$?")
        let screen = try terminal.wait(for: "fin=75")
        #expect(screen.components(separatedBy: "coffre occupé par une autre commande, nouvel essai…").count == 2,
                "said once:\n\(screen)")
        #expect(holder.isRunning, "the lock was released before the command gave up: the test proved nothing")
    }

    @Test func aCommandWaitingOnABusyVaultSaysNothingOffATerminal() throws {
        let story = try Story()
        let report = try story.write("busy.json", #"{"type":"note","household":"FOH-2024-000075"}"#)
        let holder = try Self.holdWriteLock(story, seconds: 6)
        defer { holder.terminate() }
        let busy = try story.abri(["deposit", report], as: .alice,
                                  environment: ["ABRI_BUSY_WAIT": "1", "NO_COLOR": nil, "LANG": "fr_FR.UTF-8"])
        #expect(busy.status == 75, "\(busy)")
        #expect(busy.stderrLines.count == 1 && busy.stderr.hasPrefix("abri: "), "\(busy)")
        #expect(!busy.stderr.contains("nouvel essai"), "\(busy)")
        #expect(holder.isRunning, "the lock was released before the command gave up: the test proved nothing")
    }

    @Test func aWrongPassphraseAtThePromptCanBeTypedAgain() throws {
        let story = try Story()
        let terminal = try Self.terminal(story, english: true, passphraseFile: false)
        let identity = story.identity(.ines)
        try terminal.type("\(story.cli.binary) open \(story.caseID) --as \(identity); echo fin=$?")
        try terminal.wait(for: "Passphrase for \(identity): ")
        try terminal.type("pas la bonne phrase")
        // The second prompt shows once echo is off again.
        try terminal.wait(for: "Wrong passphrase; try again.\nPassphrase for \(identity):")
        try terminal.type(story.cli.passphrase)
        let screen = try terminal.wait(for: "fin=0")
        #expect(screen.contains("facts: \(Story.facts)"), "\(screen)")
        #expect(!screen.contains(story.cli.passphrase) && !screen.contains("pas la bonne phrase"), "echoed:\n\(screen)")
    }

    @Test func theAgentDrivenFromATerminal() throws {
        let story = try Story()
        let runtime = story.file("run")
        try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        let terminal = try Self.terminal(story, english: true, passphraseFile: false, extra: ["XDG_RUNTIME_DIR": runtime])
        let identity = story.identity(.ines)
        defer { _ = try? story.abri(["agent", "stop"], as: nil, environment: ["XDG_RUNTIME_DIR": runtime]) }
        try terminal.type("\(story.cli.binary) agent start --as \(identity)")
        try terminal.wait(for: "Passphrase for \(identity): ")
        try terminal.type(story.cli.passphrase)
        try terminal.wait(for: "Agent started for")
        // No prompt: the agent opens for the command.
        try terminal.type("\(story.cli.binary) open \(story.caseID) --as \(identity); echo fin=$?")
        var screen = try terminal.wait(for: "fin=0")
        #expect(screen.contains("facts: \(Story.facts)"), "\(screen)")
        #expect(screen.components(separatedBy: "Passphrase for").count == 2, "asked again:\n\(screen)")
        try terminal.type("\(story.cli.binary) agent stop")
        screen = try terminal.wait(for: "Agent stopped")
        #expect(!screen.contains(story.cli.passphrase), "echoed:\n\(screen)")
    }
}
