import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One throwaway PostgreSQL cluster per test process: `initdb` into a temporary folder, started on a free port of
/// 127.0.0.1, and a watcher (`sh`, in a session of its own) that stops it with `pg_ctl -m immediate`, kills the hubs
/// the tests started and removes the folder as soon as the test process is gone, however it ended.
final class PostgresCluster: @unchecked Sendable {
    let folder: String
    let port: Int
    let binDirectory: String
    /// The file where the watcher finds the hubs to kill.
    var pidFile: String { folder + "/hub-pids" }

    private static let shared = Result { try PostgresCluster() }

    /// The process's cluster, started at the first call.
    static func get() throws -> PostgresCluster { try shared.get() }

    private init() throws {
        binDirectory = try Self.findBinaries()
        var template = Array("/tmp/abri-hub-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw HarnessError("mkdtemp failed") }
        folder = String(cString: made)
        _ = FileManager.default.createFile(atPath: folder + "/hub-pids", contents: nil)
        // initdb refuses root: as root, the folder is the postgres user's and every server command runs as that user.
        if getuid() == 0 {
            guard let user = getpwnam("postgres") else { throw HarnessError("there is no postgres user (apt-get install postgresql)") }
            chown(folder, user.pointee.pw_uid, user.pointee.pw_gid)
        }
        let initdb = try Self.run(Self.asServerUser([binDirectory + "/initdb", "-D", folder + "/data", "-A", "trust", "-U", "abri",
                                                     "--no-sync", "-E", "UTF8", "--locale", "C"]))
        guard initdb.ending == .exited(0) else { throw HarnessError("initdb failed: \(initdb.output)") }

        var started: Int?
        for _ in 0 ..< 5 {
            let candidate = try Self.freePort()
            let start = try Self.run(Self.asServerUser([binDirectory + "/pg_ctl", "-D", folder + "/data", "-l", folder + "/server.log",
                                                        "-o", "-k \(folder) -h 127.0.0.1 -p \(candidate) -c fsync=off", "-w", "start"]))
            if start.ending == .exited(0) { started = candidate; break }
        }
        guard let started else { throw HarnessError("pg_ctl could not start the cluster (see \(folder)/server.log)") }
        port = started
        try startWatcher()
    }

    /// A new, empty database, and its URL for `abri-hub --database`.
    func createDatabase() throws -> (name: String, url: String) {
        let name = "hub_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        _ = try sql("CREATE DATABASE \(name)", database: "postgres")
        return (name, "postgres://abri@127.0.0.1:\(port)/\(name)")
    }

    /// Runs `statement` with psql and returns its unaligned output (`-At`), trimmed.
    func sql(_ statement: String, database: String) throws -> String {
        let result = try Self.run(["/usr/bin/psql", "-h", "127.0.0.1", "-p", String(port), "-U", "abri", "-d", database,
                                   "-v", "ON_ERROR_STOP=1", "-At", "-c", statement])
        guard result.ending == .exited(0) else { throw HarnessError("psql failed: \(result.output)") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Records a hub's pid for the watcher.
    func register(pid: pid_t) {
        guard let handle = FileHandle(forWritingAtPath: pidFile) else { return }
        handle.seekToEndOfFile()
        handle.write(Data("\(pid)\n".utf8))
        try? handle.close()
    }

    private func startWatcher() throws {
        let stop = Self.asServerUser([binDirectory + "/pg_ctl", "-D", folder + "/data", "-m", "immediate", "stop"])
            .map { "'\($0)'" }.joined(separator: " ")
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 0.5; done
            for pid in $(cat '\(pidFile)'); do kill -9 "$pid" 2>/dev/null; done
            \(stop) >/dev/null 2>&1
            rm -rf '\(folder)'
            """
        _ = try Child("/bin/sh", ["-c", script], newSession: true)
    }

    private static func asServerUser(_ command: [String]) -> [String] {
        getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + command : command
    }

    private static func run(_ command: [String]) throws -> (ending: Child.Ending, output: String) {
        let result = try Child.run(command[0], Array(command.dropFirst()), timeout: 120)
        return (result.ending, String(decoding: result.stdout + result.stderr, as: UTF8.self))
    }

    private static func findBinaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted()
        for version in versions.reversed() where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        throw HarnessError("no PostgreSQL server binaries under \(root) (`make deps` installs them)")
    }

    /// A port of 127.0.0.1 that nothing listens on now.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw HarnessError("socket failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw HarnessError("bind failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
