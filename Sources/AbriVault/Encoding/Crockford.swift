import AbriPublic
/// Crockford's base32 (upper case, no I L O U): case and record ids that survive being read aloud.
enum Crockford {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes, accepting lower case and the usual misreadings (O→0, I and L→1); nil when malformed.
    static func decode(_ text: String, byteCount: Int) -> [UInt8]? {
        var buffer = 0
        var bits = 0
        var output: [UInt8] = []
        for scalar in text.uppercased().unicodeScalars {
            var c = scalar
            if c == "O" { c = "0" }
            if c == "I" || c == "L" { c = "1" }
            if c == "-" { continue }
            guard c.isASCII, let value = alphabet.firstIndex(of: UInt8(c.value)) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                output.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
            buffer &= (1 << bits) - 1
        }
        guard output.count == byteCount, buffer == 0 else { return nil }
        return output
    }
}
