import AbriCrypto
import Foundation
import GRDB
public import AbriPublic

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

/// Seals attachments into files beside the vault and opens them again, segment by segment on
/// every core, in a few MiB of memory whatever their size (Docs/FORMAT.md §3.5).
enum Attachments {
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

    /// Seals one file into a new file of the vault's attachment folder, synced, and names it in the
    /// command's transaction; returns its description for the compartment.
    static func store(_ source: AttachmentSource, index: Int, dataKey: Key, caseID: CaseID, files: AttachmentFiles,
                      _ db: Database, progress: ((Int) -> Void)? = nil) throws -> AttachmentInfo {
        let unreadable = AbriError.noInput("\(source.path) cannot be read (check its permissions; nothing was written)")
        let input = Foundation.open(source.path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw unreadable }
        defer { close(input) }
        var status = stat()
        guard fstat(input, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { throw unreadable }
        let size = Int(status.st_size)
        let chunks = AttachmentLayout.chunks(forSize: size)
        let blob = Random.bytes(16)
        let output = try files.create(blob)
        defer { close(output) }
        do {
            let changed = AbriError.io("\(source.path) changed while it was read (try again once it is complete; nothing was written)")
            let full = AbriError.io("writing an attachment into the vault failed (check the disk space; nothing was changed)")
            let writing = NSLock()
            try SegmentWorkers.run(segments: AttachmentLayout.segments(chunks: chunks), inputBytes: AttachmentLayout.segmentPlain,
                                   outputBytes: AttachmentLayout.sealedSegment) { segment, buffers in
                let offset = segment * AttachmentLayout.segmentPlain
                let count = min(AttachmentLayout.segmentPlain, size - offset)
                guard FileIO.read(input, into: buffers.input, count: count, at: offset) else { throw changed }
                let inSegment = AttachmentLayout.chunks(inSegment: segment, of: chunks)
                let padded = inSegment * AttachmentLayout.chunk
                if count < padded { (buffers.input.baseAddress! + count).initializeMemory(as: UInt8.self, repeating: 0, count: padded - count) }
                let key = try AttachmentLayout.segmentKey(dataKey: dataKey, index: index, segment: segment)
                try AttachmentLayout.seal(UnsafeRawBufferPointer(buffers.input), chunks: inSegment, key: key, into: buffers.output)
                let sealed = AttachmentLayout.sealedSize(segment: segment, of: chunks)
                let at = AttachmentLayout.sealedOffset(segment: segment)
                // One writer at a time: two threads writing one file contend on its lock in the kernel.
                let written = writing.withLock { FileIO.write(output, from: UnsafeRawBufferPointer(buffers.output), count: sealed, at: at) }
                guard written else { throw full }
                FileIO.startWriteback(output, offset: at, count: sealed)
                progress?(count)
            }
            guard fdatasync(output) == 0 else { throw full }
            try files.syncDirectory()
            try AttachmentFiles.register(blob, caseID: caseID, bytes: AttachmentLayout.sealedBytes(chunks: chunks), db)
        } catch {
            // Nothing names the file yet: it goes with the failed command (a kill leaves it to the next sweep).
            unlink(files.path(blob))
            throw error
        }
        return AttachmentInfo(name: source.name, size: size, blob: Data(blob).base64EncodedString(), index: index, chunks: chunks)
    }

    static let damaged = AbriError.badData("an attachment failed its integrity check: the vault was altered (run `abri verify`)")

    /// Where a stored attachment's ciphertext is: its own file, or (in a restored backup, after an import)
    /// rows of the `chunks` table, one per segment.
    enum Stored {
        case file(Int32)
        case rows([UInt8])

        /// Finds a blob; throws when neither holds it.
        static func find(_ info: AttachmentInfo, files: AttachmentFiles, _ db: Database) throws -> Stored {
            guard let blob = Data(base64Encoded: info.blob).map(Array.init), blob.count == 16 else { throw Attachments.damaged }
            if let fd = files.openForReading(blob) { return .file(fd) }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM chunks WHERE blob = ? LIMIT 1", arguments: [Data(blob)]) != nil else {
                throw AbriError.badData("an attachment is missing from the vault (was its case shredded meanwhile? run `abri verify`)")
            }
            return .rows(blob)
        }

        func close() {
            if case .file(let fd) = self { Foundation.close(fd) }
        }

        /// One segment's ciphertext; for files, any thread may call it.
        func segment(_ segment: Int, count: Int, into buffer: UnsafeMutableRawBufferPointer, _ db: Database?) throws {
            switch self {
            case .file(let fd):
                guard FileIO.read(fd, into: buffer, count: count, at: AttachmentLayout.sealedOffset(segment: segment)) else {
                    throw Attachments.damaged
                }
            case .rows(let blob):
                guard let db, let data = try Data.fetchOne(db, sql: "SELECT data FROM chunks WHERE blob = ? AND n = ?",
                                                           arguments: [Data(blob), segment]), data.count == count else {
                    throw Attachments.damaged
                }
                data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in buffer.baseAddress!.copyMemory(from: raw.baseAddress!, byteCount: count) }
            }
        }

        /// The file's length matches the description, when it is a file.
        func check(_ info: AttachmentInfo) throws {
            guard case .file(let fd) = self else { return }
            var status = stat()
            guard fstat(fd, &status) == 0, Int(status.st_size) == AttachmentLayout.sealedBytes(chunks: info.chunks) else {
                throw Attachments.damaged
            }
        }
    }

    /// Opens one attachment into an open file descriptor, every segment checked; segments of a file go on every core.
    static func write(_ info: AttachmentInfo, dataKey: Key, from stored: Stored, to fd: Int32, _ db: Database) throws {
        guard info.chunks >= 1, info.size >= 0, AttachmentLayout.chunks(forSize: info.size) == info.chunks else { throw damaged }
        try stored.check(info)
        let full = AbriError.io("writing an attachment failed (check the disk space)")
        // One writer at a time: two threads writing one file contend on its lock in the kernel.
        let writing = NSLock()
        let body = { (segment: Int, buffers: SegmentWorkers.Buffers, db: Database?) throws in
            let sealed = AttachmentLayout.sealedSize(segment: segment, of: info.chunks)
            try stored.segment(segment, count: sealed, into: buffers.input, db)
            let key = try AttachmentLayout.segmentKey(dataKey: dataKey, index: info.index, segment: segment)
            guard AttachmentLayout.open(UnsafeRawBufferPointer(rebasing: buffers.input[0..<sealed]),
                                        chunks: AttachmentLayout.chunks(inSegment: segment, of: info.chunks),
                                        key: key, into: buffers.output) else { throw damaged }
            let offset = segment * AttachmentLayout.segmentPlain
            let count = min(AttachmentLayout.segmentPlain, info.size - offset)
            let written = writing.withLock { FileIO.write(fd, from: UnsafeRawBufferPointer(buffers.output), count: count, at: offset) }
            guard written else { throw full }
        }
        let segments = AttachmentLayout.segments(chunks: info.chunks)
        if case .file = stored {
            try SegmentWorkers.run(segments: segments, inputBytes: AttachmentLayout.sealedSegment,
                                   outputBytes: AttachmentLayout.segmentPlain) { segment, buffers in try body(segment, buffers, nil) }
        } else {
            // Rows are read through the database connection, on this thread only.
            let input = UnsafeMutableRawBufferPointer.allocate(byteCount: AttachmentLayout.sealedSegment, alignment: 16)
            let output = UnsafeMutableRawBufferPointer.allocate(byteCount: AttachmentLayout.segmentPlain, alignment: 16)
            defer {
                SecureMemory.wipe(output)
                input.deallocate()
                output.deallocate()
            }
            for segment in 0..<segments { try body(segment, SegmentWorkers.Buffers(input: input, output: output), db) }
        }
    }

    /// Every segment of a stored attachment, as a bundle carries them.
    static func segments(of info: AttachmentInfo, files: AttachmentFiles, _ db: Database) throws -> [[UInt8]] {
        let stored = try Stored.find(info, files: files, db)
        defer { stored.close() }
        try stored.check(info)
        return try (0..<AttachmentLayout.segments(chunks: info.chunks)).map { segment in
            let count = AttachmentLayout.sealedSize(segment: segment, of: info.chunks)
            return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                try stored.segment(segment, count: count, into: UnsafeMutableRawBufferPointer(buffer), db)
                initialized = count
            }
        }
    }
}
