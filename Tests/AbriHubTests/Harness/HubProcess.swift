import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An `abri-hub serve` process on a fresh database of the test process's cluster, on a free port of 127.0.0.1;
/// killed when the value ends (and by the cluster's watcher if the test process dies first).
final class HubProcess: @unchecked Sendable {
    let cluster: PostgresCluster
    let database: String
    let databaseURL: String
    private(set) var child: Child
    private(set) var port: Int
    private let output: String
    private let pageBytes: Int?

    /// A migrated database and a hub serving it; `pageBytes` sets the feed's page budget.
    init(pageBytes: Int? = nil) throws {
        cluster = try PostgresCluster.get()
        (database, databaseURL) = try cluster.createDatabase()
        self.pageBytes = pageBytes
        let migrate = try Self.runHub(["migrate", "--database", databaseURL])
        guard migrate.ending == .exited(0) else { throw HarnessError("abri-hub migrate failed: \(migrate.output)") }
        output = cluster.folder + "/hub-\(UUID().uuidString.prefix(8)).out"
        (child, port) = try Self.start(databaseURL: databaseURL, pageBytes: pageBytes, output: output, cluster: cluster)
    }

    deinit {
        child.send(SIGKILL)
        child.wait()
    }

    /// Kills the hub with SIGKILL, at once.
    func kill() {
        child.send(SIGKILL)
        child.wait()
    }

    /// Starts the hub again on the same database (a new port).
    func restart() throws {
        kill()
        (child, port) = try Self.start(databaseURL: databaseURL, pageBytes: pageBytes, output: output + ".2", cluster: cluster)
    }

    func sql(_ statement: String) throws -> String { try cluster.sql(statement, database: database) }

    private static func start(databaseURL: String, pageBytes: Int?, output: String, cluster: PostgresCluster) throws -> (Child, Int) {
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        var arguments = ["serve", "--database", databaseURL, "--listen", "127.0.0.1:0"]
        if let pageBytes { arguments += ["--page-bytes", String(pageBytes)] }
        let child = try Child(binary, arguments, stdout: .file(output), stderr: .file(output))
        cluster.register(pid: child.pid)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on 127.0.0.1:"),
               let port = Int(text[range.upperBound...].prefix { $0.isNumber }) {
                return (child, port)
            }
            if !child.isRunning { break }
            usleep(20_000)
        }
        child.send(SIGKILL)
        child.wait()
        throw HarnessError("abri-hub serve did not start: \((try? String(contentsOfFile: output, encoding: .utf8)) ?? "")")
    }

    /// Runs `abri-hub` with `arguments` to its end.
    static func runHub(_ arguments: [String]) throws -> (ending: Child.Ending, output: String) {
        let result = try Child.run(binary, arguments, timeout: 60)
        return (result.ending, String(decoding: result.stdout + result.stderr, as: UTF8.self))
    }

    /// `$ABRI_HUB_BIN`; else `abri-hub` next to the test bundle; else `<package root>/.build/debug/abri-hub`.
    static let binary: String = {
        if let explicit = ProcessInfo.processInfo.environment["ABRI_HUB_BIN"], !explicit.isEmpty { return explicit }
        let testExecutable = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        for directory in [testExecutable.deletingLastPathComponent(),
                          testExecutable.deletingLastPathComponent().deletingLastPathComponent()] {
            let candidate = directory.appendingPathComponent("abri-hub").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/debug/abri-hub").path
    }()
}
