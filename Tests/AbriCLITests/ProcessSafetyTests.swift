import Foundation
import Testing

/// Crashes, usage errors and help: what every command shares.
struct ProcessSafetyTests {
    static let crashLine = "abri: internal error, stopped (nothing was changed; please report it)"
    static let backtraceMarks = ["Backtrace", "Thread 0", "Crashed", "rip", "0x", "💣", "register", "at /"]

    /// A crash that no runtime message precedes: exactly the fixed line, exit 70.
    @Test func crashSignalIsOneFixedLine() throws {
        let cli = try CLI()
        let result = try cli.run(["identity", "show", "whatever"], environment: ["ABRI_TEST_CRASH": "segv"])
        #expect(result.status == 70, "\(result)")
        #expect(result.stderr == Self.crashLine + "\n")
        #expect(result.stdout.isEmpty)
    }

    /// A failed precondition: exit 70, ends with the fixed line, no backtrace. (A debug build's
    /// runtime writes its own "Fatal error" line first; release builds do not.)
    @Test func failedPreconditionEndsWithTheFixedLine() throws {
        let cli = try CLI()
        let result = try cli.run(["--version"], environment: ["ABRI_TEST_CRASH": "1"])
        #expect(result.status == 70, "\(result)")
        #expect(result.stderrLines.last == Self.crashLine)
        #expect(result.stderrLines.count <= 2)
        for line in result.stderrLines.dropLast() {
            #expect(line.contains("Fatal error"), "unexpected: \(line)")
        }
        for mark in Self.backtraceMarks {
            #expect(!result.stderr.contains(mark), "\(mark) in \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.home.file("core")))
    }

    @Test func usageErrorsAreOneLineAnd64() throws {
        let cli = try CLI()
        for arguments in [["identity", "new"], ["identity", "new", "--out"], ["identity", "show"],
                          ["identity", "frobnicate"], ["--bogus"], ["identity", "show", "x", "--nope"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result)")
            #expect(result.stderrLines.count == 1, "\(arguments): \(result)")
            #expect(result.stderr.hasPrefix("abri: "))
            #expect(result.stdout.isEmpty)
        }
        let missing = try cli.run(["identity", "new"])
        #expect(missing.stderr.contains("--out"))
        #expect(missing.stderr.contains("abri identity new --help"))
    }

    @Test func helpAndVersionGoToStdout() throws {
        let cli = try CLI()
        let version = try cli.run(["--version"])
        #expect(version.status == 0 && version.stdout == "0.1.0\n" && version.stderr.isEmpty)
        for arguments in [["--help"], ["identity", "--help"], ["identity", "new", "--help"], ["help", "identity", "show"], ["identity"]] {
            let help = try cli.run(arguments)
            #expect(help.status == 0, "\(arguments): \(help)")
            #expect(help.stdout.contains("USAGE: abri"), "\(arguments)")
            #expect(help.stderr.isEmpty)
        }
        let newHelp = try cli.run(["identity", "new", "--help"])
        #expect(newHelp.stdout.contains("Create a passphrase-protected identity"))
        #expect(newHelp.stdout.contains("Example:"))
        #expect(newHelp.stdout.contains("--passphrase-file"))
    }
}
