import Foundation

/// The last log head this machine accepted for a vault, so that a rolled-back copy is refused.
public struct HistoryGuard: Sendable {
    let directory: String
    let vaultHex: String

    var path: String { (directory as NSString).appendingPathComponent("\(vaultHex).head") }

    struct Accepted: Codable {
        var vault: String
        var admin: String
        var size: Int
        var root: String
        /// The tree's right edge at `size` (base64 of `LogFrontier.encoded()`), for incremental verification.
        var frontier: String?
    }

    func load() throws -> Accepted? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let accepted = try? JSONDecoder().decode(Accepted.self, from: data), accepted.vault == vaultHex else {
            throw AbriError.badData("the record of this vault's history at \(path) is damaged (move it away, then run `abri verify`)")
        }
        return accepted
    }

    /// Refuses a log that is shorter than, or not an extension of, the last head accepted here.
    func check(_ current: (head: Head, rootAt: (Int) throws -> [UInt8]?), accepted: Accepted?, admin: String) throws {
        guard let accepted else { return }
        let rollback = AbriError.badData(
            "this vault's log is older than, or differs from, the one this machine saw last: it may be a restored or altered copy (run `abri verify`; an administrator accepts a restore with `abri verify --accept-restore`)")
        guard accepted.admin == admin else { throw rollback }
        guard current.head.size >= accepted.size else { throw rollback }
        guard let root = try current.rootAt(accepted.size), Data(root).base64EncodedString() == accepted.root else {
            throw rollback
        }
    }

    /// Records `head` as the latest accepted, atomically (write a temporary file, then rename), under a lock,
    /// and never moving back: of two commands that finish together, the longer log stays.
    func accept(_ head: Head, admin: String, frontier: LogFrontier? = nil, allowShorter: Bool = false) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard lock >= 0 else { throw AbriError.io("cannot write \(path).lock (check that \(directory) is writable)") }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        defer { flock(lock, LOCK_UN) }
        if !allowShorter, let current = try? load(), current.size > head.size { return }
        let accepted = Accepted(vault: vaultHex, admin: admin, size: head.size, root: Data(head.root).base64EncodedString(),
                                frontier: frontier.map { Data($0.encoded()).base64EncodedString() })
        let data = try JSONEncoder().encode(accepted)
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw AbriError.io("cannot write \(temporary) (check that \(directory) is writable)")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw AbriError.io("cannot write \(path) (check that \(directory) is writable)")
        }
    }
}
