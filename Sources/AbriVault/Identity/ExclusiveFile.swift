import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates a file that did not exist, readable by its owner only, written whole or not at all.
///
/// `O_EXCL` refuses an existing file, `O_NOFOLLOW` a symbolic link planted where the file
/// should go; the contents are flushed to disk before the call returns, and a failed write
/// removes the file it created.
public enum ExclusiveFile {
    /// Creates `path` with mode 0600 and writes `contents`, then `fsync`s it.
    ///
    /// - Parameter what: how messages name the file, e.g. "the identity file".
    /// - Throws: `AbriError.cannotCreate` (73) when the file exists or cannot be created;
    ///   `AbriError.io` (74) when writing fails (the file is then removed).
    public static func create(_ path: String, contents: [UInt8], what: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST || code == ELOOP {
                throw AbriError.cannotCreate("\(path) already exists (choose another path; nothing was written)")
            }
            throw AbriError.cannotCreate("cannot create \(what) \(path): \(describe(code)) (check the directory; nothing was written)")
        }
        var open = true
        do {
            // The umask can only remove bits; this also removes any the umask left.
            guard fchmod(fd, 0o600) == 0 else {
                throw AbriError.io("cannot set the mode of \(path): \(describe(errno)) (nothing was written)")
            }
            try writeAll(fd, contents, path: path)
            guard fsync(fd) == 0 else {
                throw AbriError.io("cannot flush \(path) to disk: \(describe(errno)) (nothing was written)")
            }
            open = false
            // Linux releases the descriptor even when close fails: never close it twice.
            guard close(fd) == 0 else {
                throw AbriError.io("cannot close \(path): \(describe(errno)) (nothing was written)")
            }
        } catch {
            if open { close(fd) }
            unlink(path)
            throw error
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = write(fd, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw AbriError.io("cannot write \(path): \(describe(errno)) (free some space; nothing was written)")
                }
                offset += written
            }
        }
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
