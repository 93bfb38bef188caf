import CDispatch
import AbriCrypto
import AbriVault
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Report files hold the victim's address in clear: the draft `deposit --edit` writes, and a file given to
/// `deposit`. Both are overwritten before they are removed, so that the address is not left in the freed blocks
/// of a file system that writes in place.
enum PlaintextFiles {
    /// Overwrites `path` with zeros, syncs, then removes it; whether it is gone.
    @discardableResult
    static func erase(_ path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd >= 0 {
            var status = stat()
            if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG {
                let zeros = [UInt8](repeating: 0, count: 65536)
                var left = Int(status.st_size)
                while left > 0 {
                    let written = zeros.withUnsafeBytes { write(fd, $0.baseAddress!, min(left, $0.count)) }
                    if written <= 0 { break }
                    left -= written
                }
                fsync(fd)
            }
            close(fd)
        }
        return unlink(path) == 0
    }

    /// Writes `text` to a new private file (0600, `O_EXCL`, no link followed) under `$XDG_RUNTIME_DIR`, which lives
    /// in memory on a systemd machine and is emptied at logout; returns its path.
    static func privateDraft(_ text: String) throws -> String {
        guard let runtime = ProcessInfo.processInfo.environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") else {
            throw AbriError.usage("XDG_RUNTIME_DIR is not set, so there is no private folder for the draft (write the report to a file and deposit it with --remove-source)")
        }
        let name = Random.bytes(8).map { String(format: "%02x", $0) }.joined()
        let path = runtime + "/abri-draft-" + name + ".json"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw AbriError.cannotCreate("cannot create the draft in \(runtime) (check XDG_RUNTIME_DIR; nothing was written)") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        guard written == bytes.count else {
            erase(path)
            throw AbriError.io("cannot write the draft in \(runtime) (nothing was written)")
        }
        return path
    }

    /// Runs `$EDITOR` (else `vi`) on `path` at the terminal and waits for it; 64 when it fails.
    static func edit(_ path: String) throws {
        let editor = ProcessInfo.processInfo.environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        // Through the shell, as every Unix tool does, so that EDITOR may carry arguments ("code --wait").
        let arguments = ["/bin/sh", "-c", editor + " \"$1\"", "sh", path]
        var pid = pid_t()
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, cArguments, environ) == 0 else {
            throw AbriError.usage("cannot start the editor \(editor) (set EDITOR)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else {
            throw AbriError.usage("the editor \(editor) ended with an error; the draft was erased and nothing was deposited (run the command again)")
        }
    }
}
