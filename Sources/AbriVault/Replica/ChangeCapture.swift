import CSQLiteSession
import Foundation
import GRDB
public import AbriPublic

/// The rows one write transaction changed, recorded by SQLite's session extension and read back as the hub
/// protocol's changes (Docs/FORMAT.md §7.1, §7.4): an inserted or updated row with every column as it stands before
/// the commit, a deleted row by its key. An attachment kept as a file travels as its `chunks` rows.
final class ChangeCapture {
    private var session: OpaquePointer?

    /// Starts recording on `db`, at the start of a transaction.
    init(_ db: Database) throws {
        var session: OpaquePointer?
        let code = abri_session_begin(UnsafeMutableRawPointer(db.sqliteConnection), &session)
        guard code == 0, let session else { throw AbriError.internalError("the change recorder could not start (SQLite error \(code))") }
        self.session = session
    }

    deinit { abri_session_end(session) }

    /// The changes so far, in the recorder's order (by table, then row).
    func changes(_ db: Database, files: AttachmentFiles) throws -> [WireChange] {
        var iterator: OpaquePointer?
        let code = abri_session_changes(session, &iterator)
        guard code == 0, let iterator else { throw AbriError.internalError("the changed rows could not be read (SQLite error \(code))") }
        defer { abri_changes_free(iterator) }
        var schema = ReplicaSchema()
        var changes: [WireChange] = []
        while true {
            let step = abri_changes_next(iterator)
            if step == 101 { break }
            guard step == 100 else { throw AbriError.internalError("the changed rows could not be read (SQLite error \(step))") }
            var tableName: UnsafePointer<CChar>?
            var count: Int32 = 0, operation: Int32 = 0
            guard abri_changes_current(iterator, &tableName, &count, &operation) == 0, let tableName else {
                throw AbriError.internalError("a changed row could not be read")
            }
            let table = try schema.table(String(cString: tableName), db)
            let deleted = operation == 3
            // The key: the old values for a deletion or an update, the new ones for an insertion.
            var key: [(name: String, value: WireValue)] = []
            var old: [String: WireValue] = [:]
            for column in 0 ..< Int(count) where column < table.columns.count {
                if deleted || abri_changes_is_key(iterator, Int32(column)) != 0 {
                    let value = try Self.value(iterator, old: operation != 1, column: column)
                    if abri_changes_is_key(iterator, Int32(column)) != 0 { key.append((table.columns[column], value)) }
                    old[table.columns[column]] = value
                }
            }
            if table.name == "attachment_files" {
                changes += try attachmentChanges(key: key, old: old, deleted: deleted, files: files, db)
                continue
            }
            if deleted {
                changes.append(try Self.wire(WireChange(table: table.name, key: WireColumns(key), values: nil)))
            } else {
                guard let row = try table.row(key: key, db) else { continue }
                changes.append(try Self.wire(WireChange(table: table.name, key: WireColumns(key), values: row)))
            }
        }
        return changes
    }

    /// An attachment file's segments as `chunks` rows (FORMAT §3.5, §7.1), or their deletion.
    private func attachmentChanges(key: [(name: String, value: WireValue)], old: [String: WireValue], deleted: Bool,
                                   files: AttachmentFiles, _ db: Database) throws -> [WireChange] {
        guard let blob = key.first(where: { $0.name == "blob" })?.value.bytes else { return [] }
        let chunkKey = { (n: Int) throws -> WireColumns in
            try Self.wire(WireColumns([("blob", .blob(blob)), ("n", .integer(Int64(n)))]))
        }
        if deleted {
            let bytes = Int(old["bytes"]?.integer ?? 0)
            let segments = max(1, (bytes + AttachmentLayout.sealedSegment - 1) / AttachmentLayout.sealedSegment)
            return try (0 ..< segments).map { n in try Self.wire(WireChange(table: "chunks", key: chunkKey(n), values: nil)) }
        }
        guard let row = try Row.fetchOne(db, sql: "SELECT case_id, bytes FROM attachment_files WHERE blob = ?", arguments: [Data(blob)]) else { return [] }
        let caseID = Array(row["case_id"] as Data), bytes: Int = row["bytes"]
        var changes: [WireChange] = []
        try files.forEachSegment(blob, bytes: bytes, what: "nothing was sent") { n, segment in
            let values = try Self.wire(WireColumns([("blob", .blob(blob)), ("n", .integer(Int64(n))), ("case_id", .blob(caseID)),
                                                    ("data", .blob(segment))]))
            changes.append(try Self.wire(WireChange(table: "chunks", key: chunkKey(n), values: values)))
        }
        return changes
    }

    private static func value(_ iterator: OpaquePointer, old: Bool, column: Int) throws -> WireValue {
        var type: Int32 = 0, integer: Int64 = 0, length: Int32 = 0
        var bytes: UnsafeRawPointer?
        guard abri_changes_value(iterator, old ? 1 : 0, Int32(column), &type, &integer, &bytes, &length) == 0 else {
            throw AbriError.internalError("a changed value could not be read")
        }
        switch type {
        case 1: return .integer(integer)
        case 3: return .text(String(decoding: UnsafeRawBufferPointer(start: bytes, count: Int(length)), as: UTF8.self))
        case 4: return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: Int(length))))
        case 5: return .null
        default: throw AbriError.internalError("a changed value of a type the vault does not use")
        }
    }

    /// The wire codec's own errors are bugs here: every name and value comes from this vault's schema.
    static func wire<T>(_ make: @autoclosure () throws -> T) throws -> T {
        do { return try make() } catch let error as WireError { throw AbriError.internalError("a changed row could not be encoded: \(error)") }
    }
}
