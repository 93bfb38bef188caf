import Foundation
import AbriStore
public import AbriPublic

/// The folder beside the vault file that keeps attachments' ciphertexts, one file per attachment,
/// named by its random blob id (Docs/FORMAT.md §3.5). A file is written and synced inside the
/// command's transaction, before the `attachment_files` row that names it commits; it is unlinked
/// only after the row's deletion commits. A command that fails removes the files it wrote; a file no
/// row names is what a killed command left: the next command that stores attachments removes it, under the
/// vault's write lock.
/// (`fetch` is called on the command's own thread only, hence the unchecked sendability.)
struct AttachmentFiles: @unchecked Sendable {
    /// `<vault>-attachments`.
    let directory: String
    /// On a replica that fetches attachments on demand: an attachment this copy does not hold, from the hub (its
    /// sealed segments in order, nil when the hub has none either). Checked as any stored attachment is, on opening.
    var fetch: ((_ blob: [UInt8]) throws -> [[UInt8]]?)?

    init(vaultPath: String) {
        directory = vaultPath + "-attachments"
    }

    func path(_ blob: [UInt8]) -> String {
        (directory as NSString).appendingPathComponent(blob.map { String(format: "%02x", $0) }.joined())
    }

    /// Creates the file of a new blob (mode 0600, never an existing one) and returns its descriptor.
    func create(_ blob: [UInt8]) throws -> Int32 {
        if mkdir(directory, 0o700) == 0 {
            try sync(parentOf: directory)
        } else if errno != EEXIST {
            throw AbriError.io("cannot create \(directory) (check the vault folder's permissions; nothing was changed)")
        }
        let fd = Foundation.open(path(blob), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw AbriError.io("cannot write into \(directory) (check the disk and its permissions; nothing was changed)")
        }
        return fd
    }

    /// Makes the new file's name durable, before the row naming it commits.
    func syncDirectory() throws {
        try sync(directory)
    }

    /// Opens a blob's file for reading; nil when the blob is kept in the `chunks` table instead.
    func openForReading(_ blob: [UInt8]) -> Int32? {
        let fd = Foundation.open(path(blob), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        return fd >= 0 ? fd : nil
    }

    /// Reads a blob's file of `bytes` bytes segment by segment (FORMAT §3.5), as its `chunks` rows would hold it:
    /// `body(n, segment)` for each; `what` names the operation in the error of a missing or short file.
    func forEachSegment(_ blob: [UInt8], bytes: Int, what: String, _ body: (Int, [UInt8]) throws -> Void) throws {
        guard let fd = openForReading(blob) else {
            throw AbriError.badData("an attachment file is missing from \(directory) (run `abri verify`; \(what))")
        }
        defer { close(fd) }
        var offset = 0, n = 0
        while offset < bytes {
            let count = min(AttachmentLayout.sealedSegment, bytes - offset)
            let segment = try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                guard FileIO.read(fd, into: UnsafeMutableRawBufferPointer(buffer), count: count, at: offset) else {
                    throw AbriError.badData("an attachment file in \(directory) is cut short (run `abri verify`; \(what))")
                }
                initialized = count
            }
            try body(n, segment)
            offset += count
            n += 1
        }
    }

    /// Records, in the command's transaction, that `blob` of `caseID` is kept as a file of `bytes` bytes.
    static func register(_ blob: [UInt8], caseID: CaseID, bytes: Int, _ db: any VaultTransaction) throws {
        try db.registerAttachmentFile(blob: blob, caseID: caseID.bytes, bytes: bytes)
    }

    /// Forgets, in the command's transaction, the files of a case; returns them, to unlink after the commit.
    static func forget(caseID: CaseID, _ db: any VaultTransaction) throws -> [[UInt8]] {
        try db.forgetAttachmentFiles(caseID: caseID.bytes)
    }

    /// Unlinks files whose rows are gone (after the commit that removed them).
    func remove(_ blobs: [[UInt8]]) {
        for blob in blobs { unlink(path(blob)) }
        if !blobs.isEmpty { try? syncDirectory() }
    }

    /// Removes every file no row names: the leftovers of killed commands. Call it holding the write lock.
    func sweep(_ db: any VaultTransaction) throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        let kept = Set(try db.attachmentFileBlobs())
        var removed = false
        for name in names {
            guard let blob = Self.blob(fromName: name), !kept.contains(blob) else { continue }
            unlink((directory as NSString).appendingPathComponent(name))
            removed = true
        }
        if removed { try? syncDirectory() }
    }

    /// The blob a file name stands for: 32 lowercase hexadecimal digits, nothing else.
    static func blob(fromName name: String) -> [UInt8]? {
        let digits = Array(name.utf8)
        guard digits.count == 32 else { return nil }
        var blob: [UInt8] = []
        for i in stride(from: 0, to: 32, by: 2) {
            guard let high = hexValue(digits[i]), let low = hexValue(digits[i + 1]) else { return nil }
            blob.append(high << 4 | low)
        }
        return blob
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    private func sync(parentOf path: String) throws {
        try sync((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent)
    }

    private func sync(_ folder: String) throws {
        let fd = Foundation.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw AbriError.io("cannot sync \(folder) (check the disk; nothing was changed)") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw AbriError.io("cannot sync \(folder) (check the disk; nothing was changed)") }
    }
}
