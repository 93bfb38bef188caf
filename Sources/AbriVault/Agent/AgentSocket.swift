public import AbriCrypto
import Foundation
#if canImport(Glibc)
public import Glibc
public import AbriPublic
#endif

/// Where an agent listens and the checks both ends make before they trust each other (Docs/FORMAT.md §6).
///
/// The socket sits in a folder of `$XDG_RUNTIME_DIR` that only its owner may enter (0700), the socket itself is
/// 0600, and each end asks the kernel who is at the other end (`SO_PEERCRED`) on every connection: file modes
/// alone do not stop root or a process that inherited an open descriptor.
public enum AgentSocket {
    /// The agents' folder, `$XDG_RUNTIME_DIR/abri`, or nil when `XDG_RUNTIME_DIR` is unset or not absolute.
    public static func directory(runtimeDirectory: String?) -> String? {
        guard let runtimeDirectory, runtimeDirectory.hasPrefix("/") else { return nil }
        return runtimeDirectory + "/abri"
    }

    /// The socket of the agent that holds `identity`: one agent per identity, named by a hash of its public line.
    public static func path(in directory: String, for identity: PublicIdentity) -> String {
        let digest = BLAKE2b.hash(Array(identity.line.utf8), length: 16).prefix(8)
        return directory + "/agent-" + digest.map { String(format: "%02x", $0) }.joined() + ".sock"
    }

    /// Creates the folder with mode 0700 when missing; refuses one that is not a private folder of this user.
    public static func prepareDirectory(_ path: String) throws {
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw AbriError.cannotCreate("cannot create the agent's folder \(path) (check XDG_RUNTIME_DIR)")
        }
        guard isPrivateDirectory(path) else {
            throw AbriError.cannotCreate("the agent's folder \(path) is not a private folder of yours (remove it, or set XDG_RUNTIME_DIR)")
        }
    }

    /// Whether `path` is a folder (not a link) owned by this user that no one else may enter.
    public static func isPrivateDirectory(_ path: String) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0 else { return false }
        return (status.st_mode & S_IFMT) == S_IFDIR && status.st_uid == getuid() && status.st_mode & 0o077 == 0
    }

    /// Whether `path` is a socket (not a link) owned by this user that no one else may open.
    public static func isPrivateSocket(_ path: String) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0 else { return false }
        return (status.st_mode & S_IFMT) == S_IFSOCK && status.st_uid == getuid() && status.st_mode & 0o077 == 0
    }

    /// The user id of the process at the other end of a connected Unix socket, from the kernel (`SO_PEERCRED`).
    public static func peerUID(_ fd: Int32) -> uid_t? {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }, read as three 32-bit fields.
        var credentials: (Int32, UInt32, UInt32) = (0, 0, 0)
        var length = socklen_t(MemoryLayout.size(ofValue: credentials))
        guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0,
              Int(length) == MemoryLayout.size(ofValue: credentials) else { return nil }
        return credentials.1
    }

    /// Whether a peer with user id `uid` may talk to an agent of user `owner`: only the same user.
    public static func admits(peer uid: uid_t?, owner: uid_t = getuid()) -> Bool {
        guard let uid else { return false }
        return uid == owner
    }

    /// A `sockaddr_un` for `path`, or nil when the path does not fit (108 bytes on Linux).
    static func address(_ path: String) -> sockaddr_un? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }

    /// A new Unix stream socket, close-on-exec.
    static func makeSocket() -> Int32 {
        socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    }

    /// Connects to `path`; the descriptor, or nil when nobody listens there.
    static func connect(_ path: String) -> Int32? {
        guard var address = address(path) else { return nil }
        let fd = makeSocket()
        guard fd >= 0 else { return nil }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else { close(fd); return nil }
        setTimeouts(fd, seconds: 30)
        return fd
    }

    /// Bounds how long a read or a write on `fd` may block.
    static func setTimeouts(_ fd: Int32, seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }
}
