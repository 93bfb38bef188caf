import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file sent with a form, held in memory only.
struct UploadedFile: Sendable {
    /// The form field that carried it (`g.pieces`, `l.pieces`).
    var field: String
    /// The name the browser gave (its base name is what is sealed).
    var name: String
    var contents: [UInt8]
}

/// A `multipart/form-data` body (RFC 7578), read strictly: the parts exactly as a browser writes them, every size
/// bounded, and anything else refused whole. The body is already in memory (bounded by `UIResponder`); the files
/// stay there.
enum Multipart {
    /// At most this many parts (the deposit form has some sixty fields) and files.
    static let maxParts = 400
    static let maxFiles = 20
    /// A part's headers, and every text field together.
    static let maxHeaderBytes = 4096
    static let maxFieldBytes = 1 << 20

    /// The boundary named by a `Content-Type` header; nil when absent or not as RFC 2046 allows (1 to 70 characters).
    static func boundary(_ contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("boundary=") {
            var value = String(parameter.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            let allowed = CharacterSet(charactersIn: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ")
            guard (1 ... 70).contains(value.utf8.count), value.unicodeScalars.allSatisfy(allowed.contains), !value.hasSuffix(" ") else {
                return nil
            }
            return value
        }
        return nil
    }

    /// The text fields and the chosen files of `body`; nil when it is not a well-formed form of bounded size. A file
    /// input left empty (no name, no byte) is no file.
    static func parse(_ body: UnsafeRawBufferPointer, boundary: String) -> (form: FormBody, files: [UploadedFile])? {
        let bytes = body.bindMemory(to: UInt8.self)
        let opening = Array("--\(boundary)\r\n".utf8)
        let delimiter = Array("\r\n--\(boundary)".utf8)
        guard bytes.count >= opening.count, Array(bytes[0 ..< opening.count]) == opening else { return nil }
        var pairs: [(name: String, value: String)] = []
        var files: [UploadedFile] = []
        var fieldBytes = 0
        var cursor = opening.count
        var parts = 0
        while true {
            parts += 1
            guard parts <= maxParts else { return nil }
            // The part's headers end at the first empty line, within `maxHeaderBytes`.
            let headerLimit = min(bytes.count, cursor + maxHeaderBytes)
            guard let headerEnd = find(Array("\r\n\r\n".utf8), in: bytes, from: cursor, to: headerLimit) else { return nil }
            guard let header = Self.header(String(decoding: bytes[cursor ..< headerEnd], as: UTF8.self)) else { return nil }
            let start = headerEnd + 4
            guard let end = find(delimiter, in: bytes, from: start, to: bytes.count) else { return nil }
            let contents = UnsafeRawBufferPointer(rebasing: body[start ..< end])
            if let filename = header.filename {
                if !(filename.isEmpty && contents.isEmpty) {
                    guard !filename.isEmpty, files.count < maxFiles else { return nil }
                    files.append(UploadedFile(field: header.name, name: filename, contents: Array(contents)))
                }
            } else {
                fieldBytes += contents.count
                guard fieldBytes <= maxFieldBytes, let value = String(validating: contents.bindMemory(to: UInt8.self), as: UTF8.self) else {
                    return nil
                }
                pairs.append((header.name, value))
            }
            // After the delimiter: CRLF and the next part, or `--` and the end (a final CRLF at most).
            cursor = end + delimiter.count
            guard cursor + 2 <= bytes.count else { return nil }
            if bytes[cursor] == 13 && bytes[cursor + 1] == 10 {
                cursor += 2
                continue
            }
            guard bytes[cursor] == 45 && bytes[cursor + 1] == 45 else { return nil }
            let rest = bytes.count - cursor - 2
            guard rest == 0 || (rest == 2 && bytes[cursor + 2] == 13 && bytes[cursor + 3] == 10) else { return nil }
            return (FormBody(pairs: pairs), files)
        }
    }

    /// A part's headers: `Content-Disposition: form-data; name="…"` (and `filename="…"` for a file), then at most a
    /// `Content-Type`; nil for anything else.
    static func header(_ text: String) -> (name: String, filename: String?)? {
        var disposition: (name: String, filename: String?)?
        for line in text.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let field = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch field {
            case "content-disposition":
                guard disposition == nil, let parsed = Self.disposition(value) else { return nil }
                disposition = parsed
            case "content-type":
                continue
            default:
                return nil
            }
        }
        return disposition
    }

    /// `form-data; name="x"; filename="y"`, the quoted values as browsers write them (`"`, CR and LF as `%22`,
    /// `%0D`, `%0A`).
    static func disposition(_ value: String) -> (name: String, filename: String?)? {
        var scalars = Substring(value)
        guard scalars.lowercased().hasPrefix("form-data") else { return nil }
        scalars = scalars.dropFirst("form-data".count)
        var parameters: [String: String] = [:]
        while !scalars.isEmpty {
            scalars = scalars.drop { $0 == " " }
            guard scalars.first == ";" else { return nil }
            scalars = scalars.dropFirst().drop { $0 == " " }
            guard let equals = scalars.firstIndex(of: "=") else { return nil }
            let key = scalars[..<equals].lowercased()
            scalars = scalars[scalars.index(after: equals)...]
            guard scalars.first == "\"", let close = scalars.dropFirst().firstIndex(of: "\"") else { return nil }
            let quoted = String(scalars[scalars.index(after: scalars.startIndex) ..< close])
            guard parameters[key] == nil, key == "name" || key == "filename" else { return nil }
            parameters[key] = quoted.replacingOccurrences(of: "%22", with: "\"").replacingOccurrences(of: "%0D", with: "\r")
                .replacingOccurrences(of: "%0A", with: "\n")
            scalars = scalars[scalars.index(after: close)...]
        }
        guard let name = parameters["name"], !name.isEmpty else { return nil }
        return (name, parameters["filename"])
    }

    /// Where `needle` first starts in `bytes[from ..< to]`, nil when it does not; memchr for its first byte, as a
    /// form may hold 64 MiB.
    private static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard let base = bytes.baseAddress, let first = needle.first else { return nil }
        var position = from
        while to - position >= needle.count {
            guard let hit = memchr(base + position, Int32(first), to - position - needle.count + 1) else { return nil }
            let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            if needle.withUnsafeBytes({ memcmp(base + offset, $0.baseAddress!, needle.count) }) == 0 { return offset }
            position = offset + 1
        }
        return nil
    }
}
