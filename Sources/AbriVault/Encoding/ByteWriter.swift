/// Appends the fixed-width little-endian fields of Docs/FORMAT.md to a byte array.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init() {}

    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u16(_ value: UInt16) { append(littleEndian: value) }
    mutating func u32(_ value: UInt32) { append(littleEndian: value) }
    mutating func u64(_ value: UInt64) { append(littleEndian: value) }
    mutating func i32(_ value: Int32) { append(littleEndian: UInt32(bitPattern: value)) }
    mutating func raw(_ value: [UInt8]) { bytes.append(contentsOf: value) }
    mutating func raw(_ value: String) { bytes.append(contentsOf: Array(value.utf8)) }

    /// A string prefixed by its length as one byte; longer strings are a programmer error.
    mutating func str8(_ value: String) {
        let utf8 = Array(value.utf8)
        precondition(utf8.count <= 255, "str8 too long")
        u8(UInt8(utf8.count))
        raw(utf8)
    }

    mutating func str16(_ value: String) { blob16(Array(value.utf8)) }

    mutating func blob16(_ value: [UInt8]) {
        precondition(value.count <= 65535, "blob16 too long")
        u16(UInt16(value.count))
        raw(value)
    }

    mutating func blob32(_ value: [UInt8]) {
        u32(UInt32(value.count))
        raw(value)
    }

    private mutating func append<T: FixedWidthInteger>(littleEndian value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// Reads the fields that `ByteWriter` wrote; every read past the end throws instead of trapping.
struct ByteReader {
    let bytes: [UInt8]
    private(set) var offset = 0
    /// The error thrown on malformed input, chosen by the caller (a bundle, a grant, a log entry).
    let malformed: AbriError

    init(_ bytes: [UInt8], malformed: AbriError) {
        self.bytes = bytes
        self.malformed = malformed
    }

    var remaining: Int { bytes.count - offset }
    var isAtEnd: Bool { offset == bytes.count }

    mutating func raw(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= remaining else { throw malformed }
        defer { offset += count }
        return Array(bytes[offset ..< offset + count])
    }

    mutating func u8() throws -> UInt8 { try raw(1)[0] }
    mutating func u16() throws -> UInt16 { try integer() }
    mutating func u32() throws -> UInt32 { try integer() }
    mutating func u64() throws -> UInt64 { try integer() }
    mutating func i32() throws -> Int32 { Int32(bitPattern: try integer() as UInt32) }

    mutating func str8() throws -> String { try string(Int(u8())) }
    mutating func str16() throws -> String { try string(Int(u16())) }
    mutating func blob16() throws -> [UInt8] { try raw(Int(u16())) }
    mutating func blob32() throws -> [UInt8] { try raw(Int(u32())) }

    mutating func expectEnd() throws {
        guard isAtEnd else { throw malformed }
    }

    private mutating func string(_ count: Int) throws -> String {
        let utf8 = try raw(count)
        guard let text = String(validating: utf8, as: UTF8.self) else { throw malformed }
        return text
    }

    private mutating func integer<T: FixedWidthInteger>() throws -> T {
        let size = MemoryLayout<T>.size
        let slice = try raw(size)
        var value: T = 0
        for (index, byte) in slice.enumerated() { value |= T(byte) << (8 * index) }
        return value
    }
}
