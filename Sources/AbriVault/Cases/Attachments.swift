import AbriCrypto
import Foundation
import GRDB

/// A file to attach, and the compartment it belongs to.
public struct AttachmentSource: Sendable {
    /// Path of the file to read.
    public var path: String
    /// `locating` unless given with `--attach-general`: such documents usually print the address.
    public var compartment: Compartment

    /// An attachment read from `path`.
    public init(path: String, compartment: Compartment) {
        self.path = path
        self.compartment = compartment
    }

    /// The base name, as sealed with the attachment.
    var name: String { (path as NSString).lastPathComponent }
}

/// Streams attachments through secretstream in 64 KiB chunks, in constant memory (Docs/FORMAT.md §3.5).
enum Attachments {
    static let chunkSize = 65536

    static func streamKey(dataKey: Key, index: Int) throws -> Key {
        try dataKey.subkey(UInt64(index), context: "abriatch")
    }

    /// Checks that a file can be read before anything is written (66 otherwise).
    static func checkReadable(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AbriError.noInput("\(path) does not exist (check the path; nothing was written)")
        }
        guard !isDirectory.boolValue else {
            throw AbriError.noInput("\(path) is a folder, not a file (name a file; nothing was written)")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw AbriError.noInput("\(path) cannot be read (check its permissions; nothing was written)")
        }
    }

    /// Encrypts one file into chunk rows of `caseID`; returns its description for the compartment.
    static func store(_ source: AttachmentSource, index: Int, dataKey: Key, caseID: CaseID, _ db: Database,
                      progress: ((Int) -> Void)? = nil) throws -> AttachmentInfo {
        guard let handle = FileHandle(forReadingAtPath: source.path) else {
            throw AbriError.noInput("\(source.path) cannot be read (check its permissions; nothing was written)")
        }
        defer { try? handle.close() }
        let key = try streamKey(dataKey: dataKey, index: index)
        var pusher = try SecretStream.Pusher(key: key.bytes)
        let blob = Random.bytes(16)
        let statement = try db.makeStatement(sql: "INSERT INTO chunks (blob, n, case_id, data) VALUES (?, ?, ?, ?)")
        var size = 0
        var n = 0
        var current = try readChunk(handle, path: source.path)
        while true {
            // Read one chunk ahead: the last chunk must be pushed with the final tag.
            let next = current.count == chunkSize ? try readChunk(handle, path: source.path) : []
            let isLast = next.isEmpty
            size += current.count
            var plaintext = current
            if plaintext.count < chunkSize { plaintext.append(contentsOf: [UInt8](repeating: 0, count: chunkSize - plaintext.count)) }
            let sealed = try pusher.push(plaintext, final: isLast)
            try statement.execute(arguments: [Data(blob), n, Data(caseID.bytes), Data(sealed)])
            n += 1
            progress?(current.count)
            if isLast { break }
            current = next
        }
        return AttachmentInfo(name: source.name, size: size, blob: Data(blob).base64EncodedString(),
                              header: Data(pusher.header).base64EncodedString(), index: index, chunks: n)
    }

    private static func readChunk(_ handle: FileHandle, path: String) throws -> [UInt8] {
        do {
            return Array(try handle.read(upToCount: chunkSize) ?? Data())
        } catch {
            throw AbriError.io("reading \(path) failed (check the disk; nothing was written)")
        }
    }

    /// Decrypts one attachment chunk by chunk into an open file descriptor.
    static func write(_ info: AttachmentInfo, dataKey: Key, to fd: Int32, _ db: Database) throws {
        let damaged = AbriError.badData("an attachment failed its integrity check: the vault was altered (run `abri verify`)")
        guard let blob = Data(base64Encoded: info.blob), let header = Data(base64Encoded: info.header) else { throw damaged }
        let key = try streamKey(dataKey: dataKey, index: info.index)
        var puller = try SecretStream.Puller(key: key.bytes, header: Array(header))
        var remaining = info.size
        var count = 0
        let cursor = try Data.fetchCursor(db, sql: "SELECT data FROM chunks WHERE blob = ? ORDER BY n", arguments: [blob])
        while let sealed = try cursor.next() {
            guard !puller.isFinished, let plaintext = try? puller.pull(Array(sealed)) else { throw damaged }
            let take = min(remaining, plaintext.count)
            try plaintext.withUnsafeBytes { raw in
                var offset = 0
                while offset < take {
                    let written = Foundation.write(fd, raw.baseAddress! + offset, take - offset)
                    guard written > 0 else { throw AbriError.io("writing an attachment failed (check the disk space)") }
                    offset += written
                }
            }
            remaining -= take
            count += 1
        }
        guard puller.isFinished, remaining == 0, count == info.chunks else { throw damaged }
    }
}
