import Foundation
import Testing

/// A person at a real terminal (tmux): creating an identity with the passphrase typed twice at
/// the prompt, which never shows it, then a deposit and an open, checking what the screen shows.
/// Fails, saying so, when tmux is not installed (`make test` installs it).
struct TerminalSessionTests {
    static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// One tmux server of its own (`-L`), so that nothing touches the person's sessions.
    final class Terminal {
        let tmux: String
        let socket = "abri-test-\(UUID().uuidString.prefix(8))"
        let session = "abri"

        init(tmux: String, home: String, environment: [String: String]) throws {
            self.tmux = tmux
            let exports = environment.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
            // A plain shell with a fixed prompt, in the test's home, with the test's environment.
            // The server this starts outlives the client: it must not inherit a pipe we read to its end.
            try run(["new-session", "-d", "-s", session, "-x", "200", "-y", "50", "-c", home,
                     "env -i \(exports) PS1='$ ' /bin/sh"], capture: false)
        }

        /// Runs one tmux client command through system(3), its output through a file: the server a
        /// client starts daemonises and must not hold a pipe or a child we wait for.
        @discardableResult
        func run(_ arguments: [String], capture: Bool = true) throws -> String {
            let path = NSTemporaryDirectory() + "abri-tmux-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: path) }
            let words = [tmux, "-L", socket, "-f", "/dev/null"] + arguments
            let command = words.map(Self.quoted).joined(separator: " ")
                + " </dev/null 2>/dev/null >" + (capture ? Self.quoted(path) : "/dev/null")
            _ = system(command)
            return capture ? (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" : ""
        }

        /// `text` as one shell word.
        static func quoted(_ text: String) -> String {
            "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }

        /// Types `text` and Enter.
        func type(_ text: String) throws {
            try run(["send-keys", "-t", session, "-l", text])
            try run(["send-keys", "-t", session, "Enter"])
        }

        /// What the screen shows now.
        func screen() throws -> String { try run(["capture-pane", "-p", "-t", session, "-S", "-200"]) }

        /// Waits until the screen contains `text` (at most `timeout` seconds); returns the screen.
        @discardableResult
        func wait(for text: String, timeout: TimeInterval = 60) throws -> String {
            // capture-pane drops the spaces that end a line ("Passphrase: " shows as "Passphrase:").
            let text = String(text.reversed().drop { $0 == " " }.reversed())
            let deadline = Date().addingTimeInterval(timeout)
            var shown = try screen()
            while !shown.contains(text) {
                if Date() > deadline {
                    Issue.record("the screen never showed \(text.debugDescription):\n\(shown)")
                    return shown
                }
                usleep(50_000)
                shown = try screen()
            }
            return shown
        }

        deinit { _ = try? run(["kill-server"]) }
    }

    @Test func identityDepositAndOpenAtARealTerminal() throws {
        let tmux = try #require(Self.tmux, "tmux is not installed: `make deps` installs it (apt-get install tmux)")
        let story = try Story()
        let cli = story.cli
        var environment = cli.environment
        environment["ABRI_PASSPHRASE_FILE"] = nil   // the passphrase comes from the keyboard
        environment["ABRI_VAULT"] = story.vault
        environment["TERM"] = "xterm"
        let terminal = try Terminal(tmux: tmux, home: cli.home.path, environment: environment)
        try terminal.wait(for: "$ ")
        let abri = cli.binary
        let passphrase = "cheval agrafe batterie"

        // A new identity: the passphrase asked twice, never echoed.
        try terminal.type("\(abri) identity new --out zoe.identity --name Zoé")
        try terminal.wait(for: "New passphrase for zoe.identity: ")
        try terminal.type(passphrase)
        try terminal.wait(for: "Same passphrase again: ")
        try terminal.type(passphrase)
        var screen = try terminal.wait(for: "Created zoe.identity.")
        #expect(screen.contains("abri1"), "the public identity line is shown:\n\(screen)")
        #expect(!screen.contains(passphrase), "the passphrase was echoed:\n\(screen)")
        #expect(FileManager.default.fileExists(atPath: cli.home.file("zoe.identity")))

        // Alice deposits a report at her terminal, typing her passphrase.
        let report = try cli.home.write("report.json", text: Story.report)
        try terminal.type("\(abri) deposit \(report) --locating-to cidff-62 --consent 'formulaire signé' --as \(story.identity(.alice))")
        try terminal.wait(for: "Passphrase for \(story.identity(.alice)): ")
        try terminal.type(cli.passphrase)
        screen = try terminal.wait(for: "deposited. Can read it: ")
        #expect(screen.components(separatedBy: "(including the address)").count == 3, "alice's unit and the CIDFF:\n\(screen)")
        #expect(!screen.contains(cli.passphrase), "the passphrase was echoed:\n\(screen)")
        let caseLine = screen.split(separator: "\n").last { $0.range(of: #"^[0-9A-Z]{20,}$"#, options: .regularExpression) != nil }
        let caseID = try #require(caseLine.map(String.init), "no case id on the screen:\n\(screen)")

        // Inès opens it: the address masked until she reveals it.
        try terminal.type("clear")
        try terminal.type("\(abri) open \(caseID) --as \(story.identity(.ines))")
        try terminal.wait(for: "Passphrase for \(story.identity(.ines)): ")
        try terminal.type(cli.passphrase)
        screen = try terminal.wait(for: "locating part: masked")
        #expect(screen.contains("Case \(caseID) — 1 record you can read"), "\(screen)")
        #expect(screen.contains("facts: \(Story.facts)"), "\(screen)")
        #expect(!screen.contains(Story.address), "the address shows without --reveal:\n\(screen)")
        #expect(!screen.contains(cli.passphrase), "the passphrase was echoed:\n\(screen)")
    }
}
