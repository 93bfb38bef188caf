import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's words go: results on stdout, the closing sentence and progress on stderr.
///
/// With `--json` a command prints one document with `json(_:)` and nothing else on stdout, and
/// only once everything succeeded, so that stdout stays empty on failure.
enum Output {
    /// Whether stderr is a terminal (progress bars and colour are for people, not for logs).
    static var isStderrTerminal: Bool { isatty(2) == 1 }

    /// Whether stdout is a terminal.
    static var isStdoutTerminal: Bool { isatty(1) == 1 }

    /// Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org).
    static var colourEnabled: Bool {
        isStderrTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// Prints one result line on stdout.
    static func result(_ line: String) {
        write(line + "\n", to: 1)
    }

    /// Prints one sentence for the person on stderr (what now holds, what to do next).
    static func say(_ line: String) {
        write(line + "\n", to: 2)
    }

    /// Prints one error line, `abri: <message>`, on stderr; a message that quotes a file name or a key keeps its
    /// control characters visible, and on one line.
    static func error(_ message: String) {
        write("abri: " + Visible.text(message) + "\n", to: 2)
    }

    /// The encoder of every `--json` document: sorted keys, slashes left alone.
    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// Prints `value` as one JSON document on stdout, followed by a newline.
    static func json(_ value: some Encodable) throws {
        let data = try jsonEncoder().encode(value)
        var bytes = [UInt8](data)
        bytes.append(UInt8(ascii: "\n"))
        write(bytes, to: 1)
    }

    /// Writes `text` in full to `fd`, retrying short writes; errors are dropped (a closed pipe
    /// is not worth a second error).
    static func write(_ text: String, to fd: Int32) {
        write(Array(text.utf8), to: fd)
    }

    private static func write(_ bytes: [UInt8], to fd: Int32) {
        bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                #if canImport(Glibc)
                let written = Glibc.write(fd, base + offset, raw.count - offset)
                #else
                let written = Darwin.write(fd, base + offset, raw.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
