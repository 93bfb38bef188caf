import AbriCrypto
import CFileSync
import Foundation
import AbriPublic

/// Runs the segments of one attachment on every core: each worker takes the next segment,
/// reads it, seals or opens it and writes it at its own offset, with buffers of its own.
/// Reading, the cipher and writing of different segments overlap, in a few MiB whatever the size.
enum SegmentWorkers {
    /// Two buffers per worker: what is read, and what is written.
    struct Buffers {
        let input: UnsafeMutableRawBufferPointer
        let output: UnsafeMutableRawBufferPointer
    }

    static var workers: Int { max(1, min(4, ProcessInfo.processInfo.activeProcessorCount)) }

    /// Calls `body(segment, buffers)` for each of `segments`; the first error stops every worker and is thrown.
    static func run(segments: Int, inputBytes: Int, outputBytes: Int,
                    _ body: (Int, Buffers) throws -> Void) throws {
        let count = min(workers, segments)
        guard count > 0 else { return }
        let lock = NSLock()
        nonisolated(unsafe) var next = 0
        nonisolated(unsafe) var failure: (any Error)?
        try withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: count) { _ in
                let buffers = Buffers(input: .allocate(byteCount: inputBytes, alignment: 4096),
                                      output: .allocate(byteCount: outputBytes, alignment: 4096))
                defer {
                    // Attachment plaintext passed through one of the two: leave none of it in freed memory.
                    SecureMemory.wipe(buffers.input)
                    SecureMemory.wipe(buffers.output)
                    buffers.input.deallocate()
                    buffers.output.deallocate()
                }
                while true {
                    lock.lock()
                    let segment = next
                    next += 1
                    let stop = failure != nil || segment >= segments
                    lock.unlock()
                    if stop { return }
                    do {
                        try work(segment, buffers)
                    } catch {
                        lock.lock()
                        if failure == nil { failure = error }
                        lock.unlock()
                        return
                    }
                }
            }
            if let failure { throw failure }
        }
    }
}

/// Whole reads and writes at an offset, retried until done.
enum FileIO {
    /// Starts writing a range to the disk now, so that the final sync waits for little.
    static func startWriteback(_ fd: Int32, offset: Int, count: Int) {
        abri_start_writeback(fd, Int64(offset), Int64(count))
    }

    /// Reads exactly `count` bytes at `offset`; false when the file ends first.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, count: Int, at offset: Int) -> Bool {
        whole(count) { done in pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done)) }
    }

    /// Writes exactly `count` bytes at `offset`; false on any error (a full disk most often).
    static func write(_ fd: Int32, from buffer: UnsafeRawBufferPointer, count: Int, at offset: Int) -> Bool {
        whole(count) { done in pwrite(fd, buffer.baseAddress! + done, count - done, off_t(offset + done)) }
    }

    /// Repeats `step(done)` (a `pread` or `pwrite` of what is left) until `count` bytes went through;
    /// retried when interrupted, false at the end of the file or on any other error.
    private static func whole(_ count: Int, _ step: (Int) -> Int) -> Bool {
        var done = 0
        while done < count {
            let n = step(done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}

/// Progress of large attachments in MiB, from any worker, passed on one at a time.
final class AttachmentProgress: @unchecked Sendable {
    private let lock = NSLock()
    private weak var listener: (any ProgressListener)?
    private let label: String
    private let total: Int
    private var bytes = 0

    /// Nil below 16 MiB in all: small files need no bar.
    init?(_ listener: (any ProgressListener)?, label: String, totalBytes: Int) {
        guard let listener, totalBytes >= 16 << 20 else { return nil }
        self.listener = listener
        self.label = label
        self.total = (totalBytes + (1 << 20) - 1) >> 20
    }

    func add(_ count: Int) {
        lock.lock()
        defer { lock.unlock() }
        bytes += count
        listener?.report(label: label, done: min(bytes >> 20, total), total: total)
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        listener?.finish(label: label)
    }
}
