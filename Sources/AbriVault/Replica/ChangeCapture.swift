public import AbriPublic
import AbriStore

/// The rows one write transaction changed, read back as the hub protocol's changes (Docs/FORMAT.md §7.1, §7.4): an
/// inserted or updated row with every column as it stands before the commit, a deleted row by its key. An attachment
/// kept as a file travels as its `chunks` rows.
enum ChangeCapture {
    /// The changes `recorder` saw so far, in its order (by table, then row).
    static func changes(_ recorder: any ChangeRecorder, files: AttachmentFiles, _ db: any VaultTransaction) throws -> [WireChange] {
        var changes: [WireChange] = []
        for change in try recorder.changes() {
            let table = change.table
            if table.name == "attachment_files" {
                changes += try attachmentChanges(change, files: files, db)
                continue
            }
            if change.deleted {
                changes.append(try wire(WireChange(table: table.name, key: WireColumns(change.key), values: nil)))
            } else {
                guard let row = try ReplicaSchema.row(of: table, key: change.key, db) else { continue }
                changes.append(try wire(WireChange(table: table.name, key: WireColumns(change.key), values: row)))
            }
        }
        return changes
    }

    /// An attachment file's segments as `chunks` rows (FORMAT §3.5, §7.1), or their deletion.
    private static func attachmentChanges(_ change: RecordedChange, files: AttachmentFiles, _ db: any VaultTransaction) throws -> [WireChange] {
        guard let blob = change.key.first(where: { $0.name == "blob" })?.value.bytes else { return [] }
        let chunkKey = { (n: Int) throws -> WireColumns in
            try wire(WireColumns([("blob", .blob(blob)), ("n", .integer(Int64(n)))]))
        }
        if change.deleted {
            let bytes = Int(change.old["bytes"]?.integer ?? 0)
            let segments = max(1, (bytes + AttachmentLayout.sealedSegment - 1) / AttachmentLayout.sealedSegment)
            return try (0 ..< segments).map { n in try wire(WireChange(table: "chunks", key: chunkKey(n), values: nil)) }
        }
        guard let file = try db.attachmentFile(blob: blob) else { return [] }
        var changes: [WireChange] = []
        try files.forEachSegment(blob, bytes: file.bytes, what: "nothing was sent") { n, segment in
            let values = try wire(WireColumns([("blob", .blob(blob)), ("n", .integer(Int64(n))), ("case_id", .blob(file.caseID)),
                                               ("data", .blob(segment))]))
            changes.append(try wire(WireChange(table: "chunks", key: chunkKey(n), values: values)))
        }
        return changes
    }

    /// The wire codec's own errors are bugs here: every name and value comes from this vault's schema.
    static func wire<T>(_ make: @autoclosure () throws -> T) throws -> T {
        do { return try make() } catch let error as WireError { throw AbriError.internalError("a changed row could not be encoded: \(error)") }
    }
}
