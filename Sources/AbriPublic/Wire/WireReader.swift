/// Reads the hub protocol's fields from untrusted bytes: every length is checked against what remains before
/// anything is copied or allocated, and every failure throws `WireError`.
struct WireReader {
    private let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }
    var isAtEnd: Bool { offset == bytes.count }

    mutating func u8() throws(WireError) -> UInt8 {
        guard remaining >= 1 else { throw .truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u32() throws(WireError) -> UInt32 {
        guard remaining >= 4 else { throw .truncated }
        var value: UInt32 = 0
        for index in 0 ..< 4 { value |= UInt32(bytes[offset + index]) << (8 * index) }
        offset += 4
        return value
    }

    mutating func u64() throws(WireError) -> UInt64 {
        guard remaining >= 8 else { throw .truncated }
        var value: UInt64 = 0
        for index in 0 ..< 8 { value |= UInt64(bytes[offset + index]) << (8 * index) }
        offset += 8
        return value
    }

    mutating func raw(_ count: Int) throws(WireError) -> [UInt8] {
        guard count >= 0, remaining >= count else { throw .truncated }
        defer { offset += count }
        return Array(bytes[offset ..< offset + count])
    }

    /// A `u32` length checked against what remains, then that many bytes.
    mutating func blob32() throws(WireError) -> [UInt8] {
        let length = try u32()
        guard UInt64(length) <= UInt64(remaining) else { throw .truncated }
        return try raw(Int(length))
    }

    /// A `u8` length, then that many bytes of valid UTF-8.
    mutating func str8() throws(WireError) -> String {
        let data = try raw(Int(try u8()))
        return try Self.utf8(data)
    }

    /// The exact literal `text`, or `.invalid`.
    mutating func expect(_ text: String, _ what: String) throws(WireError) {
        let expected = Array(text.utf8)
        guard try raw(expected.count) == expected else { throw .invalid(what) }
    }

    func expectEnd() throws(WireError) {
        guard isAtEnd else { throw .trailingBytes }
    }

    /// Valid UTF-8 only: a String built from anything else would not give the same bytes back.
    static func utf8(_ data: [UInt8]) throws(WireError) -> String {
        guard let text = String(validating: data, as: UTF8.self) else { throw .invalid("text that is not UTF-8") }
        return text
    }
}
