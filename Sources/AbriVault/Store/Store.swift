import Foundation
public import AbriPublic
package import AbriStore
import AbriStoreSQLite

/// The file behind a vault, as the domain sees it: one transaction per command, and on a replica the rows each one
/// changed reach the hub before it commits (Docs/FORMAT.md §7.4). The rows themselves are kept by the store on SQLite
/// (`AbriStoreSQLite`), the one module that speaks SQL.
public final class Store: Sendable {
    private let rows: SQLiteStore
    /// The file the vault lives in.
    public var path: String { rows.path }
    /// The folder beside it that keeps attachments, and on a replica that fetches them on demand, the hub.
    var attachmentFiles: AttachmentFiles {
        var files = AttachmentFiles(vaultPath: path)
        if let fetch = hub?.fetchAttachment, let signer {
            files.fetch = { blob in try fetch(blob, signer) }
        }
        return files
    }

    /// How long a command waits for another one that holds the vault before giving up (exit 75).
    static var busyWait: TimeInterval { VaultEnvironment.current.busyWait }

    private init(_ rows: SQLiteStore) {
        self.rows = rows
    }

    /// Opens an existing vault file (66 when it is missing or unreadable, 65 when it is not a vault).
    public static func open(path: String) throws -> Store {
        Store(try SQLiteStore.open(path: path, busyWait: busyWait))
    }

    /// Creates a new vault file; refuses to touch an existing one (73).
    public static func create(path: String) throws -> Store {
        Store(try SQLiteStore.create(path: path, busyWait: busyWait))
    }

    /// On a replica, how the store reaches its hub and who signs for it (Docs/FORMAT.md §7.4). A command sets both
    /// once, on its one thread, before its first write.
    nonisolated(unsafe) private var hub: HubLink?
    nonisolated(unsafe) private var signer: HubSigner?

    /// Whether this copy fetches attachments from the hub when they are opened, keeping none of its own rows for them
    /// (`abri clone --attachments on-demand`).
    var fetchesAttachmentsOnDemand: Bool { hub?.fetchAttachment != nil }

    /// Makes every later write transaction push the rows it changed to the hub before it commits.
    public func link(to hub: HubLink) { self.hub = hub }

    /// The identity that signs this command's requests to the hub: the acting session's.
    public func sign(with signer: HubSigner) { self.signer = signer }

    /// The identity that signs for this command, nil before a session was opened.
    public var hubSigner: HubSigner? { signer }

    /// Runs `body` in one immediate transaction: everything it writes commits together or not at all. On a replica,
    /// the rows it changed reach the hub before the commit, or nothing is written (§7.4).
    package func write<T>(_ body: (any VaultTransaction) throws -> T) throws -> T {
        try write(sendingToHub: true, body)
    }

    func write<T>(sendingToHub: Bool, _ body: (any VaultTransaction) throws -> T) throws -> T {
        let hub = sendingToHub ? self.hub : nil
        do {
            return try rows.write { (db: any VaultTransaction) in
                let recorder = try hub.map { _ in try db.recordChanges() }
                let result = try body(db)
                if let hub, let recorder {
                    let changes = try ChangeCapture.changes(recorder, files: attachmentFiles, db)
                    if !changes.isEmpty {
                        guard let signer, let state = try ReplicaState.load(db) else {
                            throw AbriError.internalError("a replica's change has nobody to sign it")
                        }
                        let cursor = try hub.push(state.cursor, changes, signer)
                        try ReplicaState.moveCursor(to: cursor, db)
                    }
                }
                return result
            }
        } catch is HubConflict {
            throw HubConflict()
        }
    }

    /// Runs `body` on a consistent snapshot, without writing.
    package func read<T>(_ body: (any VaultTransaction) throws -> T) throws -> T {
        try rows.read { db in try body(db) }
    }

    /// Truncates the WAL and rebuilds the file, so that deleted pages leave no copy behind. Fails (70) unless the
    /// last checkpoint says it completed: a reader that keeps an old snapshot keeps the WAL, and the deleted keys in it.
    public func compact() throws {
        guard try rows.compact() else {
            throw AbriError.internalError("the write-ahead log could not be truncated while another process reads the vault, so the case keys may still be in it: the shredding is not complete (stop every other abri command on this vault, then run `abri shred` again with the same case)")
        }
    }

    /// Writes a consistent copy of the whole vault, attachments included, to a new file.
    ///
    /// The copy is made under a temporary name beside `destination` (`StagedOutput`: O_EXCL, O_NOFOLLOW, mode 0600)
    /// and renamed into place once whole and synced; an existing file or link at `destination` is refused (73).
    /// Copying the attachment files, the long part, reports its progress in MiB to `progress`.
    public func backup(to destination: String, progress: (any ProgressListener)? = nil) throws {
        var status = stat()
        if lstat(destination, &status) == 0 {
            throw AbriError.cannotCreate("\(destination) already exists (choose another --out)")
        }
        let output = try StagedOutput(destination, what: "the backup")
        defer { output.discard() }
        // The store writes the copy by name (an empty file is accepted), then the attachment files into it, so that
        // the backup is one file: restored in place of the vault, it reads its attachments from there.
        output.closeForOtherWriter()
        let files = attachmentFiles
        do {
            try rows.copy(to: output.temporaryPath) { rows, store in
                let progress = AttachmentProgress(progress, label: "copying attachments (MiB)",
                                                  totalBytes: rows.reduce(0) { $0 + $1.bytes })
                defer { progress?.finish() }
                for row in rows {
                    try files.forEachSegment(row.blob, bytes: row.bytes, what: "the backup was not made") { n, segment in
                        try store(row.blob, n, row.caseID, segment)
                        progress?.add(segment.count)
                    }
                }
            }
            try output.place()
        } catch {
            // Nothing of a failed backup stays, whatever journal its connection left beside it (`discard`).
            throw SQLiteStore.map(error)
        }
    }
}
