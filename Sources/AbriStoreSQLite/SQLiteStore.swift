public import Foundation
public import GRDB
public import AbriPublic
public import AbriStore

/// A vault's rows in one SQLite file: WAL, durable commits, secure delete, one immediate transaction per command.
public final class SQLiteStore: Sendable {
    private let queue: DatabaseQueue
    /// The file the vault lives in.
    public let path: String

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    private static func configuration(busyWait: TimeInterval) -> Configuration {
        var config = Configuration()
        // A callback rather than `.timeout`: the same wait, and a word to the person while it lasts.
        config.busyMode = .callback(BusyHandler.callback(total: busyWait))
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

    /// Opens an existing vault file (66 when it is missing or unreadable, 65 when it is not a vault). A command waits
    /// up to `busyWait` seconds for another that holds the file (then 75).
    public static func open(path: String, busyWait: TimeInterval) throws -> SQLiteStore {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw AbriError.noInput("no vault at \(path) (check the path and --vault or $ABRI_VAULT; only for a new vault, create it with `abri init`)")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw AbriError.noInput("the vault at \(path) cannot be read (check its permissions)")
        }
        let store: SQLiteStore
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(busyWait: busyWait))
            store = SQLiteStore(path: path, queue: queue)
            try store.setUp()
        } catch let error as AbriError {
            throw error
        } catch {
            throw SQLiteStore.map(error)
        }
        let format = try store.read { db in try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format'") }
        guard format != nil else {
            throw AbriError.badData("\(path) is not an abri vault (check --vault)")
        }
        return store
    }

    /// Creates a new vault file; refuses to touch an existing one (73).
    public static func create(path: String, busyWait: TimeInterval) throws -> SQLiteStore {
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
            let queue = try DatabaseQueue(path: path, configuration: configuration(busyWait: busyWait))
            let store = SQLiteStore(path: path, queue: queue)
            try store.setUp()
            return store
        } catch {
            unlink(path)
            throw SQLiteStore.map(error)
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
        try SQLiteSchema.migrator.migrate(queue)
    }

    /// A vault of an earlier format is refused before anything touches it (65): none was released, so none is
    /// migrated (Docs/FORMAT.md, versions).
    private func refuseOlderFormat() throws {
        let format: Data? = try queue.read { db in
            guard try db.tableExists("meta") else { return nil }
            return try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format'")
        }
        guard let format, let text = String(data: format, encoding: .utf8), text != String(SQLiteSchema.formatVersion) else { return }
        throw AbriError.badData(
            "\(path) is a vault of format \(text), which this version of abri does not read (it reads format \(SQLiteSchema.formatVersion); create a new vault with `abri init`)")
    }

    /// Runs `body` in one immediate transaction: everything it writes commits together or not at all.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            var result: T?
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
            }
            return result!
        } catch {
            throw SQLiteStore.map(error)
        }
    }

    /// Runs `body` on a consistent snapshot, without writing.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch {
            throw SQLiteStore.map(error)
        }
    }

    /// Truncates the WAL and rebuilds the file, so that deleted pages leave no copy behind; true when the last
    /// checkpoint says it completed (a reader that keeps an old snapshot keeps the WAL).
    public func compact() throws -> Bool {
        do {
            return try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                try db.execute(sql: "VACUUM")
                // Columns: busy (0 when the checkpoint completed), WAL frames, frames checkpointed.
                let result = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                return result.map { ($0[0] as Int) == 0 } ?? false
            }
        } catch {
            throw SQLiteStore.map(error)
        }
    }

    /// Writes a consistent copy of the whole file to `destination` (an empty file), then lets `embed` add, in the
    /// copy, the segments of the attachments kept as files: it is given their rows and a function that stores one
    /// segment as a `chunks` row of the copy. A second connection holds the write lock throughout, so that no command
    /// adds or removes an attachment file between the snapshot and the copy of the files it names.
    public func copy(to destination: String,
                     embed: (_ files: [AttachmentFileRow], _ store: (_ blob: [UInt8], _ n: Int, _ caseID: [UInt8], _ segment: [UInt8]) throws -> Void) throws -> Void) throws {
        do {
            let lock = try DatabaseQueue(path: path, configuration: queue.configuration)
            try lock.writeWithoutTransaction { held in
                try held.execute(sql: "BEGIN IMMEDIATE")
                defer { try? held.execute(sql: "ROLLBACK") }
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: "VACUUM INTO ?", arguments: [destination])
                }
                try embedAttachments(into: destination, embed)
            }
        } catch let error as AbriError {
            throw error
        } catch {
            throw SQLiteStore.map(error)
        }
    }

    private func embedAttachments(into destination: String,
                                  _ embed: (_ files: [AttachmentFileRow], _ store: (_ blob: [UInt8], _ n: Int, _ caseID: [UInt8], _ segment: [UInt8]) throws -> Void) throws -> Void) throws {
        var config = queue.configuration
        config.busyMode = .immediateError
        let backup = try DatabaseQueue(path: destination, configuration: config)
        try backup.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.inTransaction(.immediate) {
                // An imported bundle may have brought rows for a blob this vault also keeps as a file (a case that
                // came back): the file is what readers take, so it replaces them.
                let insert = try db.makeStatement(sql: "INSERT OR REPLACE INTO chunks (blob, n, case_id, data) VALUES (?, ?, ?, ?)")
                let files = try Row.fetchAll(db, sql: "SELECT blob, case_id, bytes FROM attachment_files").map {
                    AttachmentFileRow(blob: Array($0["blob"] as Data), caseID: Array($0["case_id"] as Data), bytes: $0["bytes"])
                }
                try embed(files) { blob, n, caseID, segment in
                    try insert.execute(arguments: [Data(blob), n, Data(caseID), Data(segment)])
                }
                try db.execute(sql: "DELETE FROM attachment_files")
                return .commit
            }
        }
    }

    /// Turns SQLite's errors into the contract's: busy (75), disk full or I/O (74), damaged (65).
    public static func map(_ error: any Error) -> any Error {
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
