import AbriTestSupport
import Foundation

/// Runs the built `abri` binary the way a person or a script would, in an isolated home.
///
/// Each `CLI` owns a temporary directory that serves as `HOME` and every `XDG_*` directory,
/// sets `ABRI_TEST_FAST_KDF=1` (debug builds only honour it) and points
/// `ABRI_PASSPHRASE_FILE` at a 0600 file holding `passphrase`. Nothing else of the test
/// process's environment leaks in except `PATH`. The binary runs in a new session (`setsid`),
/// so it has no controlling terminal and can never wait on a prompt.
///
/// ```swift
/// let cli = try CLI()
/// let result = try cli.run(["identity", "new", "--out", cli.home.file("me.identity")])
/// #expect(result.status == 0)
/// ```
struct CLI: Sendable {
    /// What one run produced.
    struct Result: Sendable, CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        /// The non-empty lines of stderr.
        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
        /// The non-empty lines of stdout.
        var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }

        /// Everything, for failure messages.
        var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    /// The binary under test.
    let binary: String
    /// The isolated home; also holds the XDG directories and the passphrase file.
    let home: TempDir
    /// The passphrase in `passphraseFile`.
    let passphrase: String
    /// A 0600 file whose first line is `passphrase`.
    let passphraseFile: String
    /// The environment every run starts from; `run` can add to it or remove from it.
    var environment: [String: String]

    /// A CLI with its own home and a passphrase file.
    init(passphrase: String = "correct horse battery staple") throws {
        binary = Self.locateBinary()
        home = try TempDir("abri-cli")
        self.passphrase = passphrase
        passphraseFile = try home.write("passphrase", text: passphrase + "\n")
        environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.path,
            "XDG_DATA_HOME": home.file("data"),
            "XDG_STATE_HOME": home.file("state"),
            "XDG_CONFIG_HOME": home.file("config"),
            "XDG_CACHE_HOME": home.file("cache"),
            "ABRI_TEST_FAST_KDF": "1",
            "ABRI_PASSPHRASE_FILE": passphraseFile,
            "LANG": "C.UTF-8",
            "NO_COLOR": "1",
        ]
    }

    /// Runs `abri arguments…` and waits for it (at most `timeout` seconds, then kills it).
    ///
    /// - Parameters:
    ///   - stdin: bytes to feed on standard input; nil gives it `/dev/null`.
    ///   - environment: variables to set (a value) or remove (nil) for this run only.
    func run(_ arguments: [String], stdin: [UInt8]? = nil, environment changes: [String: String?] = [:],
             timeout: TimeInterval = 120) throws -> Result {
        var environment = self.environment
        for (name, value) in changes { environment[name] = value }

        // Files rather than pipes: no deadlock however much a command prints.
        let run = UUID().uuidString.prefix(8)
        let outPath = home.file(".stdout-\(run)"), errPath = home.file(".stderr-\(run)"), inPath = home.file(".stdin-\(run)")
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        if let stdin { try Data(stdin).write(to: URL(fileURLWithPath: inPath)) }
        defer {
            for path in [outPath, errPath, inPath] { try? FileManager.default.removeItem(atPath: path) }
        }

        // A new session without a controlling terminal, so /dev/tty cannot be opened. Through setsid(1) rather than
        // the spawn's own flag: run directly under LD_PRELOAD=libfaketime (ContractRuleTests), the binary loses its
        // arguments on this machine; started by a process that libfaketime already runs in, it keeps them.
        let setsid = "/usr/bin/setsid"
        let direct = !FileManager.default.isExecutableFile(atPath: setsid)
        let child = try Child(direct ? binary : setsid, direct ? arguments : ["--wait", binary] + arguments,
                              environment: environment, directory: home.path,
                              stdin: stdin == nil ? .null : .file(inPath), stdout: .file(outPath), stderr: .file(errPath),
                              newSession: direct)
        guard let ending = child.wait(timeout: timeout) else {
            child.send(SIGKILL)
            child.wait()
            throw CLIError.timedOut(arguments)
        }
        return Result(
            status: ending.status,
            stdout: String(decoding: try Data(contentsOf: URL(fileURLWithPath: outPath)), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self)
        )
    }

    /// Creates an identity file named `name` in the home with the CLI's passphrase, and returns
    /// its path and public identity line.
    func newIdentity(_ file: String, name: String? = nil) throws -> (path: String, line: String) {
        let path = home.file(file)
        let result = try run(["identity", "new", "--out", path] + (name.map { ["--name", $0] } ?? []))
        guard result.status == 0, let line = result.stdoutLines.first else { throw CLIError.failed(result) }
        return (path, line)
    }

    /// `$ABRI_BIN`; else `abri` next to the test bundle (the same build directory); else
    /// `<package root>/.build/debug/abri`.
    static func locateBinary() -> String {
        if let explicit = ProcessInfo.processInfo.environment["ABRI_BIN"], !explicit.isEmpty { return explicit }
        let testExecutable = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        for directory in [testExecutable.deletingLastPathComponent(),
                          testExecutable.deletingLastPathComponent().deletingLastPathComponent()] {
            let candidate = directory.appendingPathComponent("abri").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/debug/abri").path
    }
}

/// Why a harness call could not give a result.
enum CLIError: Error, CustomStringConvertible {
    case timedOut([String])
    case failed(CLI.Result)

    var description: String {
        switch self {
        case .timedOut(let arguments): "abri \(arguments.joined(separator: " ")) did not finish in time"
        case .failed(let result): "the command failed: \(result)"
        }
    }
}
