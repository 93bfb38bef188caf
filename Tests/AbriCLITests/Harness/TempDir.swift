import Foundation

/// A fresh directory under the system's temporary directory, removed when the value ends.
final class TempDir: @unchecked Sendable {
    /// The directory's absolute path.
    let path: String

    /// Creates `…/abri-test-<random>/`.
    init(_ label: String = "abri-test") throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The absolute path of `name` inside the directory (not created).
    func file(_ name: String) -> String {
        path + "/" + name
    }

    /// Writes `contents` to `name` with `mode` and returns its path.
    @discardableResult
    func write(_ name: String, _ contents: [UInt8], mode: Int = 0o600) throws -> String {
        let target = file(name)
        try Data(contents).write(to: URL(fileURLWithPath: target))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target)
        return target
    }

    /// Writes UTF-8 `text` to `name` with `mode` and returns its path.
    @discardableResult
    func write(_ name: String, text: String, mode: Int = 0o600) throws -> String {
        try write(name, Array(text.utf8), mode: mode)
    }

    /// The bytes of `name`.
    func read(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: file(name))))
    }

    /// The permission bits of `name`, e.g. 0o600.
    func mode(_ name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: file(name))
        return (attributes[.posixPermissions] as? Int) ?? -1
    }
}
