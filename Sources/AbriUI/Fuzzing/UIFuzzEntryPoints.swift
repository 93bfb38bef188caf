import Foundation

/// The web interface's parsers of form bodies, for the libFuzzer targets in `Fuzz/` and for the regression tests that
/// replay what they found (`Tests/AbriCLITests/FuzzRegression/`). `abri ui` listens on 127.0.0.1 only, but any page
/// the browser opens can post to it: its forms are read as hostile bytes.
///
/// A thrown error or a nil is the parser refusing the input, which is its job; a trap, a memory error or a hang is a
/// bug. Where a form can be written again (urlencoded, multipart as a browser writes it), what parses is written
/// again and parses to the same fields. Nothing here is used by `abri ui`.
@_spi(Fuzzing) public enum UIFuzzEntryPoints {
    /// Every entry point by name: the name is the folder of its seed corpus and of its regressions.
    public static let all: [(name: String, run: @Sendable ([UInt8]) -> Void)] = [
        ("ui-form", urlencoded),
        ("ui-multipart", multipart),
    ]

    /// `FormBody(_:)`, an `application/x-www-form-urlencoded` body (or a query) as `UIResponder` decodes it; its
    /// fields, percent-encoded again, decode to the same fields.
    public static func urlencoded(_ data: [UInt8]) {
        let form = FormBody(String(decoding: data, as: UTF8.self))
        let again = FormBody(form.pairs.map { encode($0.name) + "=" + encode($0.value) }.joined(separator: "&"))
        guard again.pairs.elementsEqual(form.pairs, by: { $0.name == $1.name && $0.value == $1.value }) else {
            mismatch("a urlencoded form", data)
        }
        for pair in form.pairs.prefix(4) {
            _ = form[pair.name]
            _ = form.text(pair.name)
            _ = form.all(pair.name)
        }
    }

    /// `Multipart.boundary(_:)` then `Multipart.parse(_:boundary:)`: the input's first line (up to LF) is the
    /// `Content-Type` header, the rest the body. A form that parses, written again as a browser writes it, parses to
    /// the same fields and files.
    public static func multipart(_ data: [UInt8]) {
        let newline = data.firstIndex(of: 10) ?? data.count
        let contentType = String(decoding: data[..<newline], as: UTF8.self)
        let body = newline < data.count ? Array(data[(newline + 1)...]) : []
        guard let boundary = Multipart.boundary(contentType) else { return }
        guard let parsed = body.withUnsafeBytes({ Multipart.parse($0, boundary: boundary) }) else { return }
        // A name holding `%22`, `%0D` or `%0A` as text reads as `"`, CR or LF: a browser never writes one, and it
        // cannot be written again.
        let names = parsed.form.pairs.map(\.name) + parsed.files.flatMap { [$0.field, $0.name] }
        // A name holding `"`, CR or LF is written longer again (`%22`, `%0D`, `%0A`): a long one could pass the bound of
        // a part's headers, and is not checked.
        guard !parsed.form.pairs.isEmpty || !parsed.files.isEmpty,
              !names.contains(where: { $0.utf8.contains(UInt8(ascii: "%")) || $0.utf8.count > 300 })
        else { return }
        let again = written(parsed.form.pairs, parsed.files, boundary: boundary)
        guard let reparsed = again.withUnsafeBytes({ Multipart.parse($0, boundary: boundary) }),
              reparsed.form.pairs.elementsEqual(parsed.form.pairs, by: { $0.name == $1.name && $0.value == $1.value }),
              reparsed.files.elementsEqual(parsed.files, by: { $0.field == $1.field && $0.name == $1.name && $0.contents == $1.contents })
        else { mismatch("a multipart form", data) }
    }

    /// Fields then files, as Chromium writes `multipart/form-data`.
    static func written(_ pairs: [(name: String, value: String)], _ files: [UploadedFile], boundary: String) -> [UInt8] {
        func quoted(_ text: String) -> String {
            var bytes: [UInt8] = [0x22]
            for byte in text.utf8 {
                switch byte {
                case 0x22: bytes += Array("%22".utf8)
                case 0x0D: bytes += Array("%0D".utf8)
                case 0x0A: bytes += Array("%0A".utf8)
                default: bytes.append(byte)
                }
            }
            return String(decoding: bytes + [0x22], as: UTF8.self)
        }
        var out: [UInt8] = []
        for pair in pairs {
            out += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\(quoted(pair.name))\r\n\r\n".utf8)
            out += Array(pair.value.utf8) + Array("\r\n".utf8)
        }
        for file in files {
            out += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\(quoted(file.field)); filename=\(quoted(file.name))\r\n".utf8)
            out += Array("Content-Type: application/octet-stream\r\n\r\n".utf8)
            out += file.contents + Array("\r\n".utf8)
        }
        out += Array("--\(boundary)--\r\n".utf8)
        return out
    }

    /// Every byte but unreserved ASCII as `%XX`.
    private static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded()
            }
        }
        return out
    }

    private static func mismatch(_ what: String, _ data: [UInt8]) -> Never {
        fatalError("\(what) does not round-trip: \(data.prefix(256))")
    }
}

private extension String {
    func leftPadded() -> String { count == 1 ? "0" + self : self }
}

extension UIFuzzEntryPoints {
    /// The number of text fields and of files of a `ui-multipart` input, nil when `abri ui` refuses it (for the tests:
    /// every seed is a form as Chromium sends it).
    @_spi(Fuzzing) public static func multipartCounts(_ data: [UInt8]) -> (fields: Int, files: Int)? {
        let newline = data.firstIndex(of: 10) ?? data.count
        guard let boundary = Multipart.boundary(String(decoding: data[..<newline], as: UTF8.self)) else { return nil }
        let body = newline < data.count ? Array(data[(newline + 1)...]) : []
        return body.withUnsafeBytes { Multipart.parse($0, boundary: boundary) }.map { (fields: $0.form.pairs.count, files: $0.files.count) }
    }
}
