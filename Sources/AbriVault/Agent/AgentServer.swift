public import AbriCrypto
public import Foundation
#if canImport(Glibc)
public import Glibc
#endif
import Synchronization
public import AbriPublic

/// The agent: holds one unlocked identity in secure memory and performs its secret-key operations for commands of
/// the same user, one request per connection (Docs/FORMAT.md §6). It never sends a key.
public enum AgentServer {
    /// Why the agent stopped.
    public enum Ending: Equatable, Sendable {
        case stopped, idle, lifetime, sessionEnded, signal
    }

    /// How long the agent lives.
    public struct Limits: Sendable {
        /// Stops after this long without a request.
        public var idle: TimeInterval
        /// Stops after this long whatever happens: a working day.
        public var lifetime: TimeInterval

        public init(idle: TimeInterval, lifetime: TimeInterval = 12 * 3600) {
            self.idle = idle
            self.lifetime = lifetime
        }
    }

    /// Set from a signal handler (SIGHUP at logout, SIGTERM, SIGINT): the loop ends within a second.
    static let signalled = Atomic<Int32>(0)

    /// Asks the serving loop to end; safe in a signal handler (one atomic store).
    public static func requestStop() {
        signalled.store(1, ordering: .relaxed)
    }

    /// Binds a socket at `path` with mode 0600 and listens; refuses when a live agent already listens there.
    public static func listen(at path: String) throws -> Int32 {
        guard var address = AgentSocket.address(path) else {
            throw AbriError.cannotCreate("the agent's socket path \(path) is too long (set XDG_RUNTIME_DIR to a shorter folder)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        guard AgentSocket.isPrivateDirectory(folder) else {
            throw AbriError.cannotCreate("the agent's folder \(folder) is not a private folder of yours (remove it, or set XDG_RUNTIME_DIR)")
        }
        if let live = AgentSocket.connect(path) {
            close(live)
            throw AbriError.cannotCreate("an agent already listens at \(path) (stop it with abri agent stop)")
        }
        unlink(path)  // a socket left by an agent that was killed
        let fd = AgentSocket.makeSocket()
        guard fd >= 0 else { throw AbriError.io("cannot create the agent's socket") }
        // The folder is the owner's alone (0700, checked before), so nobody else can reach the socket even in the
        // moment before its own mode is set to 0600. (The process's umask is not touched: it is shared by every
        // thread, and a child started meanwhile would inherit it.)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, chmod(path, 0o600) == 0, Glibc.listen(fd, 16) == 0 else {
            close(fd)
            throw AbriError.cannotCreate("cannot listen at \(path) (check XDG_RUNTIME_DIR)")
        }
        return fd
    }

    /// Serves `identity` on the listening socket `fd` until `stop`, idle expiry, the lifetime, a signal, or the end
    /// of the login session (its leader gone); then closes and removes the socket. The identity's keys are wiped
    /// when this function returns and the identity goes with it.
    ///
    /// - Parameters:
    ///   - owner: the only user id served (the agent's own; a test may name another to see itself refused).
    ///   - sessionLeader: the process whose end means logout, or nil.
    public static func serve(_ identity: consuming Identity, socket fd: Int32, path: String, limits: Limits,
                             owner: uid_t = getuid(), sessionLeader: pid_t? = nil) -> Ending {
        defer {
            close(fd)
            unlink(path)
        }
        let started = Date()
        var lastUse = Date()
        while true {
            if signalled.load(ordering: .relaxed) != 0 { return .signal }
            if Date().timeIntervalSince(lastUse) >= limits.idle { return .idle }
            if Date().timeIntervalSince(started) >= limits.lifetime { return .lifetime }
            if let sessionLeader, kill(sessionLeader, 0) != 0, errno == ESRCH { return .sessionEnded }
            // The socket file removed (or replaced) means someone wants this agent gone: so be it.
            if !AgentSocket.isPrivateSocket(path) { return .stopped }

            let remaining = max(0.05, min(1, limits.idle - Date().timeIntervalSince(lastUse)))
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(remaining * 1000)) > 0 else { continue }
            let connection = accept(fd, nil, nil)
            guard connection >= 0 else { continue }
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            defer { close(connection) }
            // Every connection: the kernel's word on who is calling, not the file modes.
            guard AgentSocket.admits(peer: AgentSocket.peerUID(connection), owner: owner) else { continue }
            AgentSocket.setTimeouts(connection, seconds: 5)
            switch handle(connection, identity: identity) {
            case .served: lastUse = Date()
            case .stop: return .stopped
            case .failed: continue
            }
        }
    }

    enum Outcome { case served, stop, failed }

    /// Serves one connection's request (the fuzz entry point `agentFrame` feeds it hostile frames).
    static func handle(_ fd: Int32, identity: borrowing Identity) -> Outcome {
        do {
            let (code, length) = try AgentFrame.readHeader(fd)
            var payload = [UInt8](repeating: 0, count: length)
            defer { AgentFrame.wipe(&payload) }
            try payload.withUnsafeMutableBytes { try AgentFrame.readAll(fd, $0) }
            guard let request = AgentFrame.Request(rawValue: code) else {
                try AgentFrame.write(fd, code: AgentFrame.refused)
                return .failed
            }
            switch request {
            case .hello:
                try AgentFrame.write(fd, code: AgentFrame.ok,
                                     payload: identity.publicIdentity.boxPublicKey + identity.publicIdentity.signingPublicKey)
            case .sign:
                try AgentFrame.write(fd, code: AgentFrame.ok, payload: try identity.sign(payload))
            case .openSealed:
                guard let opened = try? identity.openSealed(payload) else {
                    try AgentFrame.write(fd, code: AgentFrame.refused)
                    return .served
                }
                // What was opened goes from secure memory to this one connection, and nowhere else.
                try opened.withUnsafeBytes { try AgentFrame.write(fd, code: AgentFrame.ok, payload: $0) }
            case .sharedKey:
                guard let shared = try? identity.sharedKey(with: payload) else {
                    try AgentFrame.write(fd, code: AgentFrame.refused)
                    return .served
                }
                try shared.withUnsafeBytes { try AgentFrame.write(fd, code: AgentFrame.ok, payload: $0) }
            case .stop:
                try AgentFrame.write(fd, code: AgentFrame.ok)
                return .stop
            }
            return .served
        } catch {
            return .failed
        }
    }
}
