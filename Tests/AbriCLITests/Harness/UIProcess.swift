import AbriTestSupport
import Foundation

/// `abri ui --as <actor>` running in the background for a test, with the address it printed.
final class UIProcess: @unchecked Sendable {
    let child: Child
    let stdout: String
    let stderr: String
    /// The port it listens on, read from its entry address.
    let port: Int
    /// The first entry address (a one-time token).
    let entry: String

    enum Failure: Error, CustomStringConvertible {
        case noAddress(String)
        var description: String { switch self { case .noAddress(let output): "abri ui printed no address: \(output)" } }
    }

    convenience init(_ story: Story, as actor: Story.Actor, environment changes: [String: String] = [:]) throws {
        try self.init(story.cli, identity: story.identity(actor), environment: changes)
    }

    /// `abri ui` in `cli`'s home (its vault, a replica or not), acting as the identity file `identity`.
    init(_ cli: CLI, identity: String, environment changes: [String: String] = [:]) throws {
        var environment = cli.environment
        // The page asks the passphrase: no file gives it.
        environment["ABRI_PASSPHRASE_FILE"] = nil
        environment["DISPLAY"] = nil
        // The pages speak the locale's language: French unless a test asks otherwise.
        environment["LANG"] = "fr_FR.UTF-8"
        for (name, value) in changes { environment[name] = value }
        let run = UUID().uuidString.prefix(8)
        stdout = cli.home.file(".ui-out-\(run)")
        stderr = cli.home.file(".ui-err-\(run)")
        FileManager.default.createFile(atPath: stdout, contents: nil)
        FileManager.default.createFile(atPath: stderr, contents: nil)
        child = try Child(cli.binary, ["ui", "--as", identity], environment: environment,
                          stdout: .file(stdout), stderr: .file(stderr), newSession: true)
        let deadline = Date().addingTimeInterval(60)
        var found: String?
        while found == nil && Date() < deadline && child.isRunning {
            found = Self.addresses(in: stdout).first
            if found == nil { usleep(20_000) }
        }
        guard let address = found, let port = URLComponents(string: address)?.port else {
            child.send(SIGKILL)
            child.wait()
            throw Failure.noAddress((try? String(contentsOfFile: stderr, encoding: .utf8)) ?? "")
        }
        entry = address
        self.port = port
    }

    deinit { stop() }

    /// Every entry address printed so far, in order.
    var addresses: [String] { Self.addresses(in: stdout) }

    static func addresses(in path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init).filter { $0.hasPrefix("http://") }
    }

    /// The entry address's path and query (`/entree?jeton=…`).
    func path(of address: String) -> String {
        String(address.dropFirst("http://127.0.0.1:\(port)".count))
    }

    /// SIGINT, as Ctrl-C; the ending.
    @discardableResult
    func stop() -> Child.Ending? {
        guard child.isRunning else { return child.ending }
        child.send(SIGINT)
        if let ending = child.wait(timeout: 10) { return ending }
        child.send(SIGKILL)
        return child.wait()
    }
}
