public import GRDB
import Foundation
public import AbriPublic

/// The SQLite file behind a vault: WAL, durable commits, secure delete, one transaction per command.
public final class Store: Sendable {
    let queue: DatabaseQueue
    /// The file the vault lives in.
    public let path: String
    /// The folder beside it that keeps attachments.
    var attachmentFiles: AttachmentFiles { AttachmentFiles(vaultPath: path) }

    /// How long a command waits for another one that holds the vault before giving up (exit 75).
    static var busyWait: TimeInterval { VaultEnvironment.current.busyWait }

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        // A callback rather than `.timeout`: the same wait, and a word to the person while it lasts.
        config.busyMode = .callback(BusyWait.callback(total: busyWait))
        config.publicStatementArguments = false
        config.prepareDatabase { db in
            // secure_delete overwrites freed pages so that deleted keys do not linger in the file;
            // temp_store keeps sorts and temporary tables in memory, never in a temporary file.
            // A 16 MiB page cache keeps the grant and record indexes (random keys, by design) in memory
            // during bulk work, while a large attachment still streams through in bounded memory.
            try db.execute(sql: "PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY; PRAGMA cell_size_check = ON; PRAGMA cache_size = -16384")
        }
        return config
    }

    /// Opens an existing vault file (66 when it is missing or unreadable, 65 when it is not a vault).
    public static func open(path: String) throws -> Store {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw AbriError.noInput("no vault at \(path) (check the path and --vault or $ABRI_VAULT; only for a new vault, create it with `abri init`)")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw AbriError.noInput("the vault at \(path) cannot be read (check its permissions)")
        }
        let store: Store
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration())
            store = Store(path: path, queue: queue)
            try store.setUp()
        } catch let error as AbriError {
            throw error
        } catch {
            throw Store.map(error)
        }
        let format = try store.read { db in try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format'") }
        guard format != nil else {
            throw AbriError.badData("\(path) is not an abri vault (check --vault)")
        }
        return store
    }

    /// Creates a new vault file; refuses to touch an existing one (73).
    public static func create(path: String) throws -> Store {
        if FileManager.default.fileExists(atPath: path) {
            throw AbriError.cannotCreate("a file already exists at \(path) (choose another --vault)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
        }
        // Create the file ourselves with O_EXCL and mode 0600 before SQLite opens it.
        let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw AbriError.cannotCreate("cannot create the vault at \(path) (check the folder exists and is writable)")
        }
        close(fd)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration())
            let store = Store(path: path, queue: queue)
            try store.setUp()
            return store
        } catch {
            unlink(path)
            throw Store.map(error)
        }
    }

    private func setUp() throws {
        try queue.writeWithoutTransaction { db in
            // 16 KiB pages: an attachment chunk spans 5 pages instead of 17. Only a new file takes it.
            try db.execute(sql: "PRAGMA page_size = 16384")
            // WAL lets readers go on while one command writes; FULL makes every commit durable.
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try refuseOlderFormat()
        try Schema.migrator.migrate(queue)
    }

    /// A vault of an earlier format is refused before anything touches it (65): none was released, so none is
    /// migrated (Docs/FORMAT.md, versions).
    private func refuseOlderFormat() throws {
        let format: Data? = try queue.read { db in
            guard try db.tableExists("meta") else { return nil }
            return try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format'")
        }
        guard let format, let text = String(data: format, encoding: .utf8), text != String(Schema.formatVersion) else { return }
        throw AbriError.badData(
            "\(path) is a vault of format \(text), which this version of abri does not read (it reads format \(Schema.formatVersion); create a new vault with `abri init`)")
    }

    /// On a replica, how the store reaches its hub and who signs for it (Docs/FORMAT.md §7.4). A command sets both
    /// once, on its one thread, before its first write.
    nonisolated(unsafe) private var hub: HubLink?
    nonisolated(unsafe) private var signer: HubSigner?

    /// Makes every later write transaction push the rows it changed to the hub before it commits.
    public func link(to hub: HubLink) { self.hub = hub }

    /// The identity that signs this command's requests to the hub: the acting session's.
    public func sign(with signer: HubSigner) { self.signer = signer }

    /// The identity that signs for this command, nil before a session was opened.
    public var hubSigner: HubSigner? { signer }

    /// Runs `body` in one immediate transaction: everything it writes commits together or not at all. On a replica,
    /// the rows it changed reach the hub before the commit, or nothing is written (§7.4).
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try write(sendingToHub: true, body)
    }

    func write<T>(sendingToHub: Bool, _ body: (Database) throws -> T) throws -> T {
        do {
            var result: T?
            let hub = sendingToHub ? self.hub : nil
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let capture = try hub.map { _ in try ChangeCapture(db) }
                    result = try body(db)
                    if let hub, let capture {
                        let changes = try capture.changes(db, files: attachmentFiles)
                        if !changes.isEmpty {
                            guard let signer, let state = try ReplicaState.load(db) else {
                                throw AbriError.internalError("a replica's change has nobody to sign it")
                            }
                            let cursor = try hub.push(state.cursor, changes, signer)
                            try ReplicaState.moveCursor(to: cursor, db)
                        }
                    }
                    return .commit
                }
            }
            return result!
        } catch is HubConflict {
            throw HubConflict()
        } catch {
            throw Store.map(error)
        }
    }

    /// Runs `body` on a consistent snapshot, without writing.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch {
            throw Store.map(error)
        }
    }

    /// Truncates the WAL and rebuilds the file, so that deleted pages leave no copy behind. Fails (70) unless the
    /// last checkpoint says it completed: a reader that keeps an old snapshot keeps the WAL, and the deleted keys in it.
    public func compact() throws {
        let completed: Bool
        do {
            completed = try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                try db.execute(sql: "VACUUM")
                // Columns: busy (0 when the checkpoint completed), WAL frames, frames checkpointed.
                let result = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                return result.map { ($0[0] as Int) == 0 } ?? false
            }
        } catch {
            throw Store.map(error)
        }
        guard completed else {
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
        // SQLite writes the copy by name (VACUUM INTO accepts an empty file).
        output.closeForOtherWriter()
        let staged = output.temporaryPath
        do {
            // A second connection holds the write lock, so that no command adds or removes an attachment
            // file between the snapshot and the copy of the files it names.
            let lock = try DatabaseQueue(path: path, configuration: Store.configuration())
            try lock.writeWithoutTransaction { held in
                try held.execute(sql: "BEGIN IMMEDIATE")
                defer { try? held.execute(sql: "ROLLBACK") }
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: "VACUUM INTO ?", arguments: [staged])
                }
                try embedAttachments(into: staged, progress: progress)
            }
            try output.place()
        } catch {
            // Nothing of a failed backup stays, whatever journal its connection left beside it (`discard`).
            throw Store.map(error)
        }
    }

    /// Copies every attachment file into the backup's `chunks` table, one row per segment, so that the
    /// backup is one file: restored in place of the vault, it reads its attachments from there.
    private func embedAttachments(into destination: String, progress listener: (any ProgressListener)?) throws {
        var config = Store.configuration()
        config.busyMode = .immediateError
        let backup = try DatabaseQueue(path: destination, configuration: config)
        try backup.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.inTransaction(.immediate) {
                let files = attachmentFiles
                // An imported bundle may have brought rows for a blob this vault also keeps as a file (a case that
                // came back): the file is what readers take, so it replaces them.
                let insert = try db.makeStatement(sql: "INSERT OR REPLACE INTO chunks (blob, n, case_id, data) VALUES (?, ?, ?, ?)")
                let rows = try Row.fetchAll(db, sql: "SELECT blob, case_id, bytes FROM attachment_files")
                let progress = AttachmentProgress(listener, label: "copying attachments (MiB)",
                                                  totalBytes: rows.reduce(0) { $0 + ($1["bytes"] as Int) })
                defer { progress?.finish() }
                for row in rows {
                    let blob = Array(row["blob"] as Data)
                    let bytes: Int = row["bytes"]
                    try files.forEachSegment(blob, bytes: bytes, what: "the backup was not made") { n, segment in
                        try insert.execute(arguments: [Data(blob), n, row["case_id"] as Data, Data(segment)])
                        progress?.add(segment.count)
                    }
                }
                try db.execute(sql: "DELETE FROM attachment_files")
                return .commit
            }
        }
    }

    /// Turns SQLite's errors into the contract's: busy (75), disk full or I/O (74), damaged (65).
    static func map(_ error: any Error) -> any Error {
        if error is AbriError { return error }
        guard let db = error as? DatabaseError else { return error }
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return AbriError.busy("the vault is busy with another command (try again in a moment)")
        case .SQLITE_FULL:
            return AbriError.io("the disk is full; nothing was changed (free some space and try again)")
        case .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM:
            return AbriError.io("the vault cannot be written; nothing was changed (check the disk and the file's permissions)")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return AbriError.badData("the vault file is damaged (restore it from a backup)")
        default:
            return AbriError.internalError("unexpected database error \(db.resultCode.rawValue) (please report it)")
        }
    }
}
