/// Appends the fixed-width little-endian fields of Docs/FORMAT.md to a byte array.
package struct ByteWriter {
    package private(set) var bytes: [UInt8] = []

    package init() {}

    package mutating func u8(_ value: UInt8) { bytes.append(value) }
    package mutating func u16(_ value: UInt16) { append(littleEndian: value) }
    package mutating func u32(_ value: UInt32) { append(littleEndian: value) }
    package mutating func u64(_ value: UInt64) { append(littleEndian: value) }
    package mutating func i32(_ value: Int32) { append(littleEndian: UInt32(bitPattern: value)) }
    package mutating func raw(_ value: [UInt8]) { bytes.append(contentsOf: value) }
    package mutating func raw(_ value: String) { bytes.append(contentsOf: Array(value.utf8)) }

    /// A string prefixed by its length as one byte; longer strings are a programmer error.
    package mutating func str8(_ value: String) {
        let utf8 = Array(value.utf8)
        precondition(utf8.count <= 255, "str8 too long")
        u8(UInt8(utf8.count))
        raw(utf8)
    }

    package mutating func str16(_ value: String) { blob16(Array(value.utf8)) }

    package mutating func blob16(_ value: [UInt8]) {
        precondition(value.count <= 65535, "blob16 too long")
        u16(UInt16(value.count))
        raw(value)
    }

    package mutating func blob32(_ value: [UInt8]) {
        u32(UInt32(value.count))
        raw(value)
    }

    private mutating func append<T: FixedWidthInteger>(littleEndian value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// Reads the fields that `ByteWriter` wrote; every read past the end throws instead of trapping.
package struct ByteReader {
    package let bytes: [UInt8]
    package private(set) var offset = 0
    /// The error thrown on malformed input, chosen by the caller (a bundle, a grant, a log entry).
    package let malformed: AbriError

    package init(_ bytes: [UInt8], malformed: AbriError) {
        self.bytes = bytes
        self.malformed = malformed
    }

    package var remaining: Int { bytes.count - offset }
    package var isAtEnd: Bool { offset == bytes.count }

    package mutating func raw(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= remaining else { throw malformed }
        defer { offset += count }
        return Array(bytes[offset ..< offset + count])
    }

    package mutating func u8() throws -> UInt8 { try raw(1)[0] }
    package mutating func u16() throws -> UInt16 { try integer() }
    package mutating func u32() throws -> UInt32 { try integer() }
    package mutating func u64() throws -> UInt64 { try integer() }
    package mutating func i32() throws -> Int32 { Int32(bitPattern: try integer() as UInt32) }

    package mutating func str8() throws -> String { try string(Int(u8())) }
    package mutating func str16() throws -> String { try string(Int(u16())) }
    package mutating func blob16() throws -> [UInt8] { try raw(Int(u16())) }
    package mutating func blob32() throws -> [UInt8] { try raw(Int(u32())) }

    package mutating func expectEnd() throws {
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
