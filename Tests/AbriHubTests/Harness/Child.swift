import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, for the harness.
///
/// Foundation's `Process.run()` on Linux (swift-corelibs-foundation up to 6.3) reads past a `dirent` while it
/// lists `/proc/self/fd`, and crashes the test process now and then (swiftlang/swift-corelibs-foundation#5472).
/// The tests start thousands of processes, so they never use it: a child here is spawned by libc, with its
/// standard streams taken from files, every other descriptor closed, and reaped with `waitpid`.
final class Child: @unchecked Sendable {
    /// How the child ended.
    enum Ending: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        /// The shell's convention: the exit code, or 128 plus the signal.
        var status: Int32 {
            switch self {
            case .exited(let code): code
            case .signalled(let signal): 128 + signal
            }
        }

        var description: String {
            switch self {
            case .exited(let code): "exit \(code)"
            case .signalled(let signal): "signal \(signal)"
            }
        }
    }

    /// Where a standard stream goes.
    enum Stream {
        case null
        case file(String)
        case descriptor(Int32)
    }

    let pid: pid_t
    private let lock = NSLock()
    private var ending_: Ending?

    /// Starts `executable` with `arguments` (without argv[0], which is the executable's path).
    ///
    /// - Parameters:
    ///   - environment: the child's whole environment; nil keeps the test process's.
    ///   - directory: its working directory.
    ///   - newSession: `setsid` in the child, so that it has no controlling terminal.
    init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
         stdin: Stream = .null, stdout: Stream = .null, stderr: Stream = .null, newSession: Bool = false) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, stream, flags) in [(Int32(0), stdin, O_RDONLY), (1, stdout, O_WRONLY | O_APPEND), (2, stderr, O_WRONLY | O_APPEND)] {
            switch stream {
            case .null: posix_spawn_file_actions_addopen(&actions, target, "/dev/null", flags, 0)
            case .file(let path): posix_spawn_file_actions_addopen(&actions, target, path, flags, 0)
            case .descriptor(let descriptor): posix_spawn_file_actions_adddup2(&actions, descriptor, target)
            }
        }
        _ = Self.addCloseFrom(&actions, 3)
        if let directory { _ = Self.addChdir(&actions, directory) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Default signal handling and an empty mask in the child, whatever the test process set.
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all); sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        var flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        if newSession { flags |= 0x80 } // POSIX_SPAWN_SETSID (glibc 2.26)
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        let failure = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard failure == 0 else { throw ChildError.spawn(executable, String(cString: strerror(failure))) }
        self.pid = pid
    }

    /// The ending, once the child has ended; nil while it runs (never blocks).
    var ending: Ending? {
        lock.lock(); defer { lock.unlock() }
        if ending_ == nil { reap(options: WNOHANG) }
        return ending_
    }

    var isRunning: Bool { ending == nil }

    /// Waits for the child to end.
    @discardableResult
    func wait() -> Ending {
        lock.lock(); defer { lock.unlock() }
        while ending_ == nil { reap(options: 0) }
        return ending_!
    }

    /// Waits at most `timeout` seconds; nil when the child still runs.
    func wait(timeout: TimeInterval) -> Ending? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let ending { return ending }
            usleep(5_000)
        }
        return ending
    }

    /// Sends `signal` to the child while it runs.
    func send(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    /// SIGTERM, then the ending.
    @discardableResult
    func terminate() -> Ending {
        send(SIGTERM)
        return wait()
    }

    // glibc's `_np` file actions (2.29 and 2.34) are declared under _GNU_SOURCE only, which Swift's Glibc module
    // does not define: they are looked up by name.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let addCloseFrom: AddCloseFrom = unsafeBitCast(lookUp("posix_spawn_file_actions_addclosefrom_np"), to: AddCloseFrom.self)
    private static let addChdir: AddChdir = unsafeBitCast(lookUp("posix_spawn_file_actions_addchdir_np"), to: AddChdir.self)

    private static func lookUp(_ name: String) -> UnsafeMutableRawPointer {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { fatalError("glibc has no \(name)") }
        return symbol
    }

    private func reap(options: Int32) {
        var status: Int32 = 0
        let result = waitpid(pid, &status, options)
        if result == pid {
            // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as macros.
            let signal = status & 0x7f
            ending_ = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
        } else if result == -1, errno != EINTR {
            ending_ = .exited(-1)
        }
    }

    /// Runs `executable` to its end with stdin from `input` (bytes) and returns its ending, stdout and stderr.
    static func run(_ executable: String, _ arguments: [String], input: [UInt8]? = nil,
                    environment: [String: String]? = nil, directory: String? = nil,
                    timeout: TimeInterval = 120) throws -> (ending: Ending, stdout: Data, stderr: Data) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("abri-child-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inPath = folder + "/in", outPath = folder + "/out", errPath = folder + "/err"
        try Data(input ?? []).write(to: URL(fileURLWithPath: inPath))
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let child = try Child(executable, arguments, environment: environment, directory: directory,
                              stdin: input == nil ? .null : .file(inPath), stdout: .file(outPath), stderr: .file(errPath))
        guard let ending = child.wait(timeout: timeout) else {
            child.send(SIGKILL)
            child.wait()
            throw ChildError.timedOut(([executable] + arguments).joined(separator: " "))
        }
        return (ending, try Data(contentsOf: URL(fileURLWithPath: outPath)), try Data(contentsOf: URL(fileURLWithPath: errPath)))
    }
}

enum ChildError: Error, CustomStringConvertible {
    case spawn(String, String)
    case timedOut(String)

    var description: String {
        switch self {
        case .spawn(let executable, let reason): "cannot start \(executable): \(reason)"
        case .timedOut(let command): "\(command) did not finish in time"
        }
    }
}
