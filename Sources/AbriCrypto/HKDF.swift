/// HKDF (RFC 5869), built on `HMACSHA256` because libsodium 1.0.18 has none; it exists for the vectors.
// Testing only: nothing in the product derives keys with HKDF; kept for its Wycheproof vectors.
@_spi(Testing) public enum HKDF {
    /// Extracts from `inputKeyMaterial` with `salt`, then expands to `length` bytes bound to `info`.
    public static func sha256(inputKeyMaterial: [UInt8], salt: [UInt8], info: [UInt8], length: Int) throws -> [UInt8] {
        let hashLength = HMACSHA256.tagBytes
        guard length >= 0, length <= 255 * hashLength else {
            throw AbriCryptoError.invalidLength("hkdf output must be at most \(255 * hashLength) bytes")
        }
        // An absent salt is HashLen zeros (RFC 5869 section 2.2).
        let prk = HMACSHA256.authenticate(inputKeyMaterial, key: salt.isEmpty ? [UInt8](repeating: 0, count: hashLength) : salt)
        var output: [UInt8] = []
        output.reserveCapacity(length)
        var block: [UInt8] = []
        var counter: UInt8 = 1
        while output.count < length {
            block = HMACSHA256.authenticate(block + info + [counter], key: prk)
            output += block.prefix(length - output.count)
            counter &+= 1
        }
        return output
    }
}
