/// Appends the little-endian integers and length-prefixed fields of the hub protocol to a byte array.
struct WireWriter {
    private(set) var bytes: [UInt8] = []

    init() {}

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ data: [UInt8]) { bytes.append(contentsOf: data) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// A `u32` length, then the bytes; a length past `UInt32.max` is a programmer error (encoders check first).
    mutating func blob32(_ data: [UInt8]) {
        precondition(data.count <= Int(UInt32.max), "a wire field is at most 4 GiB")
        u32(UInt32(data.count))
        raw(data)
    }

    /// A `u8` length, then the UTF-8 bytes; callers check that the text fits in 255 bytes.
    mutating func str8(_ text: String) {
        let utf8 = Array(text.utf8)
        precondition(utf8.count <= 255, "a str8 field is at most 255 bytes")
        u8(UInt8(utf8.count))
        raw(utf8)
    }
}
