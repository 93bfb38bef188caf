import Foundation
import GRDB

/// Writes opened attachments into a folder: cleaned base names, O_EXCL|O_NOFOLLOW, mode 0600,
/// every name checked before the first byte is written, nothing partial left behind.
enum AttachmentOutput {
    static func checkDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AbriError.cannotCreate("\(path) is not an existing folder (create it first; nothing was written)")
        }
    }

    /// A base name with no path, no leading dot, no control character.
    static func clean(_ name: String) -> String {
        var base = (name as NSString).lastPathComponent
        base = String(base.unicodeScalars.map { scalar -> Character in
            if scalar.properties.generalCategory == .control || scalar == "/" || scalar == "\\" { return "_" }
            return Character(scalar)
        })
        while base.hasPrefix(".") { base.removeFirst() }
        if base.isEmpty { base = "attachment" }
        return String(base.prefix(200))
    }

    /// The path of each file, every name cleaned and checked free (73 otherwise) before anything is written.
    static func plan(_ files: [(info: AttachmentInfo, dataKey: Key)], into directory: String) throws
        -> [(path: String, info: AttachmentInfo, key: Key)] {
        try checkDirectory(directory)
        var names = Set<String>()
        var planned: [(path: String, info: AttachmentInfo, key: Key)] = []
        for file in files {
            var name = clean(file.info.name)
            if names.contains(name) {
                let stem = (name as NSString).deletingPathExtension
                let ext = (name as NSString).pathExtension
                var n = 2
                while names.contains(ext.isEmpty ? "\(stem)-\(n)" : "\(stem)-\(n).\(ext)") { n += 1 }
                name = ext.isEmpty ? "\(stem)-\(n)" : "\(stem)-\(n).\(ext)"
            }
            names.insert(name)
            let path = (directory as NSString).appendingPathComponent(name)
            var status = stat()
            if lstat(path, &status) == 0 {
                throw AbriError.cannotCreate("\(path) already exists (choose an empty folder; nothing was written)")
            }
            planned.append((path, file.info, file.dataKey))
        }
        return planned
    }

    static func write(_ files: [(info: AttachmentInfo, dataKey: Key)], into directory: String, stored: AttachmentFiles,
                      progress: (any ProgressListener)?, _ db: Database) throws {
        let planned = try plan(files, into: directory)
        var created: [String] = []
        let opening = AttachmentProgress(progress, label: "opening attachments (MiB)",
                                         totalBytes: planned.reduce(0) { $0 + $1.info.size })
        defer { opening?.finish() }
        do {
            for file in planned {
                let source = try Attachments.Stored.find(file.info, files: stored, db)
                defer { source.close() }
                let fd = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
                guard fd >= 0 else {
                    throw AbriError.cannotCreate("cannot create \(file.path) (check the folder; nothing was written)")
                }
                created.append(file.path)
                defer { close(fd) }
                // Not synced: a plain copy of what the vault keeps, as `cp` or `age -d` would leave it.
                try Attachments.write(file.info, dataKey: file.key, from: source, to: fd, db)
                opening?.add(file.info.size)
            }
        } catch {
            for path in created { unlink(path) }
            throw error
        }
    }
}
