import AbriPublic
/// A strict JSON reader for reports: RFC 8259 and nothing more, with the line and column of the first fault.
///
/// Foundation's `JSONDecoder` keeps the last of two equal keys and, depending on the platform, lets comments
/// or trailing commas through. A report that says `"menage"` twice, or hides a field behind a comment, must not
/// be read one way by its author and another way by Abri: here a duplicate key, a trailing comma, a comment,
/// a byte that is not UTF-8, a lone surrogate escape or anything after the value is a fault. One pass over the
/// bytes, no backtracking: a 20,000-report backlog costs what reading it costs.
struct StrictJSON {
    /// Where and why the bytes are not strict JSON; `line` and `column` count from 1, the column in characters.
    struct Fault: Error, Equatable {
        enum Kind: Equatable {
            case notUTF8(latin1: Bool)
            case unexpectedEnd
            case unexpected(Character)
            case comment
            case trailingComma
            case duplicateKey(String)
            case badEscape
            case controlInString
            case badNumber
            case tooDeep
            case trailingContent
        }
        var kind: Kind
        var line: Int
        var column: Int
    }

    /// Nesting deeper than this is refused: no report needs it, and the reader recurses.
    static let maximumDepth = 64

    /// Parses `bytes` as exactly one JSON value.
    static func parse(_ bytes: [UInt8]) throws(Fault) -> JSONValue {
        try checkUTF8(bytes)
        var reader = StrictJSON(bytes: bytes)
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        if reader.index < bytes.count {
            if reader.startsComment { throw reader.fault(.comment) }
            throw reader.fault(.trailingContent)
        }
        return value
    }

    private let bytes: [UInt8]
    private var index = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    // MARK: Encoding

    /// Refuses anything but well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF), and
    /// says whether the bytes read as Latin-1 text: every byte past 0x7F standing alone.
    private static func checkUTF8(_ bytes: [UInt8]) throws(Fault) {
        var index = 0
        var line = 1
        var column = 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch byte {
            case 0xC2 ... 0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1 ... 0xEC, 0xEE ... 0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1 ... 0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: throw Fault(kind: .notUTF8(latin1: looksLatin1(bytes)), line: line, column: column)
            }
            var valid = index + length <= bytes.count
            if valid {
                for offset in 1 ..< length {
                    let next = bytes[index + offset]
                    let (low, high) = offset == 1 ? (lower, upper) : (0x80, 0xBF)
                    if next < low || next > high { valid = false; break }
                }
            }
            guard valid else { throw Fault(kind: .notUTF8(latin1: looksLatin1(bytes)), line: line, column: column) }
            index += length
            column += 1
        }
    }

    /// Latin-1 (or Windows-1252) text: no byte past 0x7F is followed by a continuation byte.
    private static func looksLatin1(_ bytes: [UInt8]) -> Bool {
        var index = 0
        var high = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x80 {
                high += 1
                if byte >= 0xC0, index + 1 < bytes.count, bytes[index + 1] & 0xC0 == 0x80 { return false }
            }
            index += 1
        }
        return high > 0
    }

    // MARK: Positions

    /// The fault at the reader's position, its line and column counted once, only on failure.
    private func fault(_ kind: Fault.Kind, at position: Int? = nil) -> Fault {
        let end = min(position ?? index, bytes.count)
        var line = 1
        var column = 1
        for byte in bytes[..<end] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return Fault(kind: kind, line: line, column: column)
    }

    private var startsComment: Bool {
        index + 1 < bytes.count && bytes[index] == UInt8(ascii: "/") && (bytes[index + 1] == UInt8(ascii: "/") || bytes[index + 1] == UInt8(ascii: "*"))
    }

    /// The fault for the byte at the reader's position: the end, a comment, or that character.
    private func unexpected() -> Fault {
        guard index < bytes.count else { return fault(.unexpectedEnd) }
        if startsComment { return fault(.comment) }
        // The character that starts here (the bytes are valid UTF-8 by now).
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let character = String(decoding: bytes[index ..< end], as: UTF8.self).first ?? "?"
        return fault(.unexpected(character))
    }

    // MARK: Values

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(Fault) -> JSONValue {
        guard index < bytes.count else { throw fault(.unexpectedEnd) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"): return try number()
        default: throw unexpected()
        }
    }

    private mutating func literal(_ word: StaticString) throws(Fault) {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count else { throw fault(.unexpectedEnd) }
        for offset in 0 ..< length where bytes[index + offset] != word.utf8Start[offset] {
            index += offset
            throw unexpected()
        }
        index += length
    }

    private mutating func object(depth: Int) throws(Fault) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw fault(.tooDeep) }
        index += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard index < bytes.count else { throw fault(.unexpectedEnd) }
            let keyStart = index
            guard bytes[index] == UInt8(ascii: "\"") else {
                if bytes[index] == UInt8(ascii: "}") && !members.isEmpty { throw fault(.trailingComma) }
                throw unexpected()
            }
            let key = try string()
            guard members[key] == nil else { throw fault(.duplicateKey(key), at: keyStart) }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw unexpected() }
            index += 1
            skipSpace()
            members[key] = try value(depth: depth)
            skipSpace()
            guard index < bytes.count else { throw fault(.unexpectedEnd) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(members)
            default: throw unexpected()
            }
        }
    }

    private mutating func array(depth: Int) throws(Fault) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw fault(.tooDeep) }
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]"), !items.isEmpty { throw fault(.trailingComma) }
            items.append(try value(depth: depth))
            skipSpace()
            guard index < bytes.count else { throw fault(.unexpectedEnd) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(items)
            default: throw unexpected()
            }
        }
    }

    private mutating func string() throws(Fault) -> String {
        index += 1
        let start = index
        // The common case, no escape: one copy of the bytes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[start ..< index], as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fault(.controlInString) }
            index += 1
        }
        var scalars = Array(bytes[start ..< index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                let escapeStart = index
                index += 1
                guard index < bytes.count else { throw fault(.unexpectedEnd) }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escaped)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4(escapeStart)
                    if (0xD800 ... 0xDBFF).contains(code) {
                        // A high surrogate must be followed by its low half.
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fault(.badEscape, at: escapeStart)
                        }
                        index += 2
                        let low = try hex4(escapeStart)
                        guard (0xDC00 ... 0xDFFF).contains(low) else { throw fault(.badEscape, at: escapeStart) }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00 ... 0xDFFF).contains(code) {
                        throw fault(.badEscape, at: escapeStart)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw fault(.badEscape, at: escapeStart) }
                    scalars.append(contentsOf: String(Character(scalar)).utf8)
                default:
                    throw fault(.badEscape, at: escapeStart)
                }
            default:
                if byte < 0x20 { throw fault(.controlInString) }
                scalars.append(byte)
                index += 1
            }
        }
        throw fault(.unexpectedEnd)
    }

    private mutating func hex4(_ escapeStart: Int) throws(Fault) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fault(.unexpectedEnd) }
        var code: UInt32 = 0
        for _ in 0 ..< 4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fault(.badEscape, at: escapeStart)
            }
            code = code << 4 | UInt32(digit)
            index += 1
        }
        return code
    }

    /// A number as RFC 8259 writes it; an integral value that fits an `Int` is an integer, as `JSONDecoder` reads it.
    private mutating func number() throws(Fault) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw fault(.badNumber, at: start) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw fault(.badNumber, at: start) }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        var integral = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw fault(.badNumber, at: start) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            integral = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fault(.badNumber, at: start) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start ..< index], as: UTF8.self)
        if integral, let value = Int(text) { return .integer(value) }
        guard let value = Double(text), value.isFinite else { throw fault(.badNumber, at: start) }
        if value == value.rounded(), abs(value) < 9.0e15 { return .integer(Int(value)) }
        return .number(value)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
