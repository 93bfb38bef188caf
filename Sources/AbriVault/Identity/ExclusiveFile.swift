import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
public import AbriPublic
#endif

/// Creates a file that did not exist, readable by its owner only, written whole or not at all.
///
/// An existing file or a symbolic link planted where the file should go is refused; the
/// contents are written to a temporary (`O_EXCL`, `O_NOFOLLOW`, mode 0600), flushed to disk and
/// renamed into place without replacing anything (`StagedOutput`); a failed write leaves nothing.
public enum ExclusiveFile {
    /// Creates `path` with mode 0600 and writes `contents`, then `fsync`s it.
    ///
    /// - Parameter what: how messages name the file, e.g. "the identity file".
    /// - Throws: `AbriError.cannotCreate` (73) when the file exists or cannot be created;
    ///   `AbriError.io` (74) when writing fails (the file is then removed).
    public static func create(_ path: String, contents: [UInt8], what: String) throws {
        // Through a temporary beside it, renamed into place once synced: a kill leaves no partial file under `path`.
        try StagedOutput.write(contents, to: path, what: what)
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
