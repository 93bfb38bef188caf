import Foundation
import AbriStore
public import AbriPublic

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
        /// The tree's right edge at `size` (base64 of `LogFrontier.encoded()`): every command proves the store's
        /// latest head from it, never from the store's own rows, which whoever writes the file can recompute.
        var frontier: String?
        /// The roster version the accepted head binds, and base64 of its hash: an older roster is refused.
        var rosterVersion: Int?
        var rosterHash: String?
        /// The administrator's restore statements this machine followed (base64 of their digests): one followed
        /// is never followed again, so an old copy that carries it is refused like any rollback.
        var restores: [String]?
    }

    /// What a command saw: the tree's edge at the store's latest head, and the roster that head binds.
    struct Seen {
        var frontier: LogFrontier
        var binding: HeadBinding
    }

    func load() throws -> Accepted? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let accepted = try? JSONDecoder().decode(Accepted.self, from: data), accepted.vault == vaultHex else {
            throw AbriError.badData("the record of this vault's history at \(path) is damaged (move it away, then run `abri verify`)")
        }
        return accepted
    }

    /// Refuses a log that is shorter than, or not an extension of, the last head accepted here, or whose roster is
    /// older: the edge this machine kept at the accepted size, extended with the store's entries after it, must give
    /// the root of the store's latest signed head. Returns what was seen, for `accept`.
    func check(_ latest: AccessLog.StoredHead?, accepted: Accepted?, admin: String, _ db: any VaultTransaction) throws -> Seen {
        let head = latest?.head ?? Head.empty
        let binding = latest?.binding ?? .empty
        guard let accepted else {
            // A machine that never saw this vault trusts the first head it sees (`abri verify --checkpoint` checks it
            // against a checkpoint kept elsewhere); `latestHead` checked that the store's edge gives its root.
            return Seen(frontier: try AccessLog.frontier(db), binding: binding)
        }
        let rollback = AbriError.badData(
            "this vault's log is older than, or differs from, the one this machine saw last: it may be a restored or altered copy (run `abri verify`; an administrator accepts a restore with `abri verify --accept-restore`)")
        guard accepted.admin == admin, head.size >= accepted.size else { throw rollback }
        if let version = accepted.rosterVersion {
            guard binding.rosterVersion > version
                    || (binding.rosterVersion == version && Data(binding.rosterHash).base64EncodedString() == accepted.rosterHash) else {
                throw rollback
            }
        }
        // Start from the edge kept here; without one (or a damaged one), from the first entry.
        var frontier = LogFrontier()
        if let encoded = accepted.frontier.flatMap({ Data(base64Encoded: $0) }),
           let kept = try? LogFrontier(encoded: Array(encoded)), kept.size == accepted.size,
           Data(kept.root).base64EncodedString() == accepted.root {
            frontier = kept
        }
        func checkAcceptedRoot() throws {
            if frontier.size == accepted.size, Data(frontier.root).base64EncodedString() != accepted.root { throw rollback }
        }
        try checkAcceptedRoot()
        let cursor = try db.entries(after: frontier.size)
        while let row = try cursor.next() {
            guard row.seq == frontier.size + 1 else { throw rollback }
            frontier.append(leafHash: LogFrontier.leafHash(AccessLog.leaf(of: row)))
            try checkAcceptedRoot()
        }
        guard frontier.head == head else { throw rollback }
        return Seen(frontier: frontier, binding: binding)
    }

    /// Records `head` as the latest accepted, atomically (write a temporary file, then rename), under a lock,
    /// and never moving back: of two commands that finish together, the longer log stays.
    func accept(_ seen: Seen, admin: String, allowShorter: Bool = false, followedRestore: String? = nil) throws {
        let head = seen.frontier.head
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard lock >= 0 else { throw AbriError.io("cannot write \(path).lock (check that \(directory) is writable)") }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        defer { flock(lock, LOCK_UN) }
        let current = try? load()
        if !allowShorter, let current, current.size > head.size { return }
        var restores = current?.restores ?? []
        if let followedRestore, !restores.contains(followedRestore) { restores.append(followedRestore) }
        let accepted = Accepted(vault: vaultHex, admin: admin, size: head.size, root: Data(head.root).base64EncodedString(),
                                frontier: Data(seen.frontier.encoded()).base64EncodedString(),
                                rosterVersion: seen.binding.rosterVersion,
                                rosterHash: Data(seen.binding.rosterHash).base64EncodedString(),
                                restores: restores.isEmpty ? nil : restores)
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

extension Vault {
    /// What a command that just appended, inside its transaction, leaves for this machine to accept.
    func seen(after frontier: LogFrontier, _ db: any VaultTransaction) throws -> HistoryGuard.Seen {
        let binding = try db.headBinding(size: frontier.size)
            .map { HeadBinding(rosterVersion: $0.rosterVersion, rosterHash: $0.rosterHash, keys: $0.keys, previous: $0.previous) }
            ?? .empty
        return HistoryGuard.Seen(frontier: frontier, binding: binding)
    }
}
