import Foundation
public import AbriPublic
import AbriStore

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

    /// The cleaned, distinct path of each file in `directory` (a repeated name gets `-2`, `-3`… before its
    /// extension); 73 when any of them exists already, before anything is written.
    static func plan(_ infos: [AttachmentInfo], into directory: String) throws -> [String] {
        try checkDirectory(directory)
        var names = Set<String>()
        var paths: [String] = []
        for info in infos {
            var name = clean(info.name)
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
            paths.append(path)
        }
        return paths
    }

    /// Writes every file under a temporary name (`StagedOutput`), then renames them into place: a kill leaves no
    /// partial attachment under its name, and a failure removes every file this call wrote.
    static func write(_ files: [(info: AttachmentInfo, dataKey: Key)], into directory: String, stored: AttachmentFiles,
                      progress: (any ProgressListener)?, _ db: any VaultTransaction) throws {
        // Every description checked before the sizes are added up (each at most `AttachmentLayout.maximumSize`).
        for file in files { try Attachments.checkLayout(file.info) }
        let paths = try plan(files.map(\.info), into: directory)
        var staged: [StagedOutput] = []
        let opening = AttachmentProgress(progress, label: "opening attachments (MiB)",
                                         totalBytes: files.reduce(0) { min($0 + $1.info.size, Int.max - AttachmentLayout.maximumSize) })
        defer { opening?.finish() }
        do {
            for (file, path) in zip(files, paths) {
                let source = try Attachments.Stored.find(file.info, files: stored, db)
                defer { source.close() }
                let output = try StagedOutput(path, what: "the attachment")
                staged.append(output)
                try Attachments.write(file.info, dataKey: file.dataKey, from: source, to: output.descriptor, db)
                opening?.add(file.info.size)
            }
            for output in staged { try output.place() }
        } catch {
            for output in staged {
                output.discard()
                if FileManager.default.fileExists(atPath: output.path) && output.isPlaced { unlink(output.path) }
            }
            throw error
        }
    }
}
