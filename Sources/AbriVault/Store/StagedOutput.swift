import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
public import AbriPublic
#endif

/// An output file written under a temporary name in its own folder and renamed into place only once whole.
///
/// Every file Abri writes outside the vault (bundles, backups, opened attachments, checkpoints, identity files)
/// goes through here, so that a crash or `kill -9` never leaves a partial file under the name the user asked
/// for. The temporary is created with `O_CREAT|O_EXCL|O_NOFOLLOW` and mode 0600 beside the final name (the
/// same file system, so the rename is atomic), synced, then renamed without replacing anything: an existing
/// file or a symbolic link planted at the final name is refused (73), never followed or overwritten. On any
/// failure the temporary is removed; only a kill can leave one, under its temporary name
/// (`.NAME.abri-partial-XXXXXXXX`), never under the final one.
final class StagedOutput {
    /// The name the file gets once whole.
    let path: String
    /// Where it is written until then.
    let temporaryPath: String
    private var fd: Int32
    private var placed = false

    /// Starts `path`: refuses an existing file or link there (73) and creates the temporary.
    ///
    /// - Parameter what: how messages name the file, e.g. "the bundle".
    init(_ path: String, what: String) throws {
        self.path = path
        var status = stat()
        if lstat(path, &status) == 0 {
            throw AbriError.cannotCreate("\(path) already exists (choose another path; nothing was written)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        var candidate = ""
        var descriptor: Int32 = -1
        for _ in 0 ..< 8 {
            let suffix = (0 ..< 8).map { _ in String("0123456789abcdef".randomElement()!) }.joined()
            candidate = (folder.isEmpty ? "" : folder + "/") + ".\(base.prefix(200)).abri-partial-\(suffix)"
            descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else {
            throw AbriError.cannotCreate("cannot create \(what) \(path): \(Self.describe(errno)) (check the directory; nothing was written)")
        }
        // The umask can only remove bits; this also removes any the umask left.
        fchmod(descriptor, 0o600)
        temporaryPath = candidate
        fd = descriptor
    }

    deinit { discard() }

    /// Whether the file is in place under its final name.
    var isPlaced: Bool { placed }

    /// The open temporary, for writers that stream into it.
    var descriptor: Int32 { fd }

    /// Appends `bytes` to the temporary.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(fd, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw AbriError.io("cannot write \(path): \(Self.describe(errno)) (free some space; nothing was written)")
                }
                offset += written
            }
        }
    }

    /// Closes the temporary without syncing, for a writer (SQLite's `VACUUM INTO`) that opens it by name.
    func closeForOtherWriter() {
        if fd >= 0 { close(fd); fd = -1 }
    }

    /// Flushes the temporary to disk (before a commit that says the file exists).
    func sync() throws {
        if fd < 0 {
            fd = open(temporaryPath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else {
                throw AbriError.cannotCreate("cannot create \(path) (check the folder; nothing was written)")
            }
        }
        guard fsync(fd) == 0 else {
            throw AbriError.io("cannot flush \(path) to disk: \(Self.describe(errno)) (nothing was written)")
        }
    }

    /// Syncs the temporary and renames it to the final name, refusing (73) a file that appeared there meanwhile.
    func place() throws {
        try sync()
        let descriptor = fd
        fd = -1
        // Linux releases the descriptor even when close fails: never close it twice.
        guard close(descriptor) == 0 else {
            throw AbriError.io("cannot close \(path): \(Self.describe(errno)) (nothing was written)")
        }
        try Self.renameWithoutReplacing(temporaryPath, to: path)
        placed = true
        // The new name itself must survive a power cut.
        let folder = (path as NSString).deletingLastPathComponent
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 { fsync(directory); close(directory) }
    }

    /// Removes the temporary (and any journal SQLite left beside it); nothing when the file was placed.
    func discard() {
        if fd >= 0 { close(fd); fd = -1 }
        guard !placed else { return }
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(temporaryPath + suffix) }
    }

    /// Writes `bytes` whole to `path` through a temporary, or nothing at all.
    static func write(_ bytes: [UInt8], to path: String, what: String) throws {
        let output = try StagedOutput(path, what: what)
        defer { output.discard() }
        try output.write(bytes)
        try output.place()
    }

    /// `link` then `unlink`: a hard link never replaces an existing name (EEXIST), where `rename` would. (Swift's
    /// Glibc module does not declare `renameat2`.) A kill between the two leaves the whole file under both names.
    private static func renameWithoutReplacing(_ from: String, to: String) throws {
        guard link(from, to) == 0 else { throw refusal(errno, to) }
        unlink(from)
    }

    private static func refusal(_ code: Int32, _ path: String) -> AbriError {
        if code == EEXIST {
            return AbriError.cannotCreate("\(path) already exists (choose another path; nothing was written)")
        }
        return AbriError.cannotCreate("cannot create \(path) (check the folder; nothing was written)")
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
