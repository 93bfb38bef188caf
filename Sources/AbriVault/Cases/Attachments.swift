import AbriCrypto
import Foundation
public import AbriPublic
import AbriStore

/// A file to attach, and the compartment it belongs to.
public struct AttachmentSource: Sendable {
    /// Path of the file to read; for an attachment held in memory, its name.
    public var path: String
    /// `locating` unless given with `--attach-general`: such documents usually print the address.
    public var compartment: Compartment
    /// The plaintext, when it comes from memory (a form of `abri ui`) rather than from a file: it is never written to
    /// disk but sealed.
    let contents: [UInt8]?

    /// An attachment read from `path`.
    public init(path: String, compartment: Compartment) {
        self.path = path
        self.compartment = compartment
        contents = nil
    }

    /// An attachment held in memory, sealed under `name` (only its base name is kept).
    public init(name: String, contents: [UInt8], compartment: Compartment) {
        path = name
        self.compartment = compartment
        self.contents = contents
    }

    /// The base name, as sealed with the attachment.
    var name: String { (path as NSString).lastPathComponent }

    /// Its plaintext size in bytes (0 for a file that cannot be read: that is refused later, with its reason).
    var size: Int {
        if let contents { return contents.count }
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }

    /// Checks that a file can be read before anything is written (66 otherwise); memory always can.
    func checkReadable() throws {
        if contents == nil { try Attachments.checkReadable(path) }
    }
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
                      _ db: any VaultTransaction, progress: ((Int) -> Void)? = nil) throws -> AttachmentInfo {
        let size: Int
        // Reads `count` plaintext bytes from `offset` into a worker's buffer; false when the file came up short.
        let read: (UnsafeMutableRawBufferPointer, Int, Int) -> Bool
        var input: Int32 = -1
        defer { if input >= 0 { close(input) } }
        if let contents = source.contents {
            size = contents.count
            read = { buffer, count, offset in
                if count > 0 {
                    contents.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
                }
                return true
            }
        } else {
            let unreadable = AbriError.noInput("\(source.path) cannot be read (check its permissions; nothing was written)")
            input = Foundation.open(source.path, O_RDONLY | O_CLOEXEC)
            guard input >= 0 else { throw unreadable }
            var status = stat()
            guard fstat(input, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { throw unreadable }
            size = Int(status.st_size)
            let file = input
            read = { buffer, count, offset in FileIO.read(file, into: buffer, count: count, at: offset) }
        }
        guard size <= AttachmentLayout.maximumSize else {
            throw AbriError.usage("\(source.path) is larger than 1 TiB, the largest attachment (nothing was written)")
        }
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
                guard read(buffers.input, count, offset) else { throw changed }
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

    /// Where a stored attachment's ciphertext is: its own file, or (in a restored backup, after an import, on a
    /// replica) rows of the `chunks` table, one per segment, or, on a replica that fetches attachments on demand, the
    /// segments the hub just sent (held in memory, never kept; Docs/FORMAT.md §7.5).
    enum Stored {
        case file(Int32)
        case rows([UInt8])
        case fetched([[UInt8]])

        /// Finds a blob; throws when neither holds it.
        static func find(_ info: AttachmentInfo, files: AttachmentFiles, _ db: any VaultTransaction) throws -> Stored {
            // A description from the store or a bundle is checked before its chunk count is computed with.
            try checkLayout(info)
            guard let blob = Data(base64Encoded: info.blob).map(Array.init), blob.count == 16 else { throw Attachments.damaged }
            if let fd = files.openForReading(blob) { return .file(fd) }
            let missing = AbriError.badData("an attachment is missing from the vault (was its case shredded meanwhile? run `abri verify`)")
            if try db.hasChunks(blob: blob) { return .rows(blob) }
            guard let fetch = files.fetch else { throw missing }
            guard let segments = try fetch(blob) else { throw missing }
            guard segments.count == AttachmentLayout.segments(chunks: info.chunks) else { throw Attachments.damaged }
            return .fetched(segments)
        }

        func close() {
            if case .file(let fd) = self { Foundation.close(fd) }
        }

        /// One segment's ciphertext; for files, any thread may call it.
        func segment(_ segment: Int, count: Int, into buffer: UnsafeMutableRawBufferPointer, _ db: (any VaultTransaction)?) throws {
            switch self {
            case .file(let fd):
                guard FileIO.read(fd, into: buffer, count: count, at: AttachmentLayout.sealedOffset(segment: segment)) else {
                    throw Attachments.damaged
                }
            case .rows(let blob):
                guard let db, let data = try db.chunk(blob: blob, segment: segment), data.count == count else {
                    throw Attachments.damaged
                }
                data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in buffer.baseAddress!.copyMemory(from: raw.baseAddress!, byteCount: count) }
            case .fetched(let segments):
                guard segment < segments.count, segments[segment].count == count else { throw Attachments.damaged }
                segments[segment].withUnsafeBytes { raw in buffer.baseAddress!.copyMemory(from: raw.baseAddress!, byteCount: count) }
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

    /// The description agrees with itself: its chunk count is the one its size needs.
    static func checkLayout(_ info: AttachmentInfo) throws {
        guard info.chunks >= 1, info.size >= 0, info.size <= AttachmentLayout.maximumSize,
              AttachmentLayout.chunks(forSize: info.size) == info.chunks else { throw damaged }
    }

    /// Opens segment `segment` of a stored attachment into `buffers.output`, every tag checked; the number of
    /// plaintext bytes it holds (the zero fill of the last chunk left out).
    static func openSegment(_ segment: Int, of info: AttachmentInfo, dataKey: Key, from stored: Stored,
                            buffers: SegmentWorkers.Buffers, _ db: (any VaultTransaction)?) throws -> Int {
        let sealed = AttachmentLayout.sealedSize(segment: segment, of: info.chunks)
        try stored.segment(segment, count: sealed, into: buffers.input, db)
        let key = try AttachmentLayout.segmentKey(dataKey: dataKey, index: info.index, segment: segment)
        guard AttachmentLayout.open(UnsafeRawBufferPointer(rebasing: buffers.input[0..<sealed]),
                                    chunks: AttachmentLayout.chunks(inSegment: segment, of: info.chunks),
                                    key: key, into: buffers.output) else { throw damaged }
        return min(AttachmentLayout.segmentPlain, info.size - segment * AttachmentLayout.segmentPlain)
    }

    /// Opens one attachment into an open file descriptor, every segment checked; segments of a file go on every core.
    static func write(_ info: AttachmentInfo, dataKey: Key, from stored: Stored, to fd: Int32, _ db: any VaultTransaction) throws {
        try checkLayout(info)
        try stored.check(info)
        let full = AbriError.io("writing an attachment failed (check the disk space)")
        // One writer at a time: two threads writing one file contend on its lock in the kernel.
        let writing = NSLock()
        let body = { (segment: Int, buffers: SegmentWorkers.Buffers, db: (any VaultTransaction)?) throws in
            let count = try openSegment(segment, of: info, dataKey: dataKey, from: stored, buffers: buffers, db)
            let offset = segment * AttachmentLayout.segmentPlain
            let written = writing.withLock { FileIO.write(fd, from: UnsafeRawBufferPointer(buffers.output), count: count, at: offset) }
            guard written else { throw full }
        }
        let segments = AttachmentLayout.segments(chunks: info.chunks)
        if case .file = stored {
            try SegmentWorkers.run(segments: segments, inputBytes: AttachmentLayout.sealedSegment,
                                   outputBytes: AttachmentLayout.segmentPlain) { segment, buffers in try body(segment, buffers, nil) }
        } else {
            // Rows are read through the database connection, on this thread only.
            try withSegmentBuffers { buffers in
                for segment in 0..<segments { try body(segment, buffers, db) }
            }
        }
    }

    /// Opens one attachment segment by segment, in order, and hands each one's plaintext to `body`: nothing is
    /// written anywhere, and the buffer that held it is wiped once `body` returns.
    static func stream(_ info: AttachmentInfo, dataKey: Key, from stored: Stored, _ db: any VaultTransaction,
                       into body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try checkLayout(info)
        try stored.check(info)
        try withSegmentBuffers { buffers in
            for segment in 0..<AttachmentLayout.segments(chunks: info.chunks) {
                let count = try openSegment(segment, of: info, dataKey: dataKey, from: stored, buffers: buffers, db)
                try body(UnsafeRawBufferPointer(rebasing: buffers.output[0..<count]))
            }
        }
    }

    /// One pair of segment buffers for this thread, the plaintext one wiped before it is freed.
    private static func withSegmentBuffers(_ body: (SegmentWorkers.Buffers) throws -> Void) throws {
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: AttachmentLayout.sealedSegment, alignment: 16)
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: AttachmentLayout.segmentPlain, alignment: 16)
        defer {
            SecureMemory.wipe(output)
            input.deallocate()
            output.deallocate()
        }
        try body(SegmentWorkers.Buffers(input: input, output: output))
    }

    /// Every segment of a stored attachment, as a bundle carries them.
    static func segments(of info: AttachmentInfo, files: AttachmentFiles, _ db: any VaultTransaction) throws -> [[UInt8]] {
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
