import CSodium

/// HMAC-SHA-256 with keys of any length; it exists for HKDF and the vectors, so its key is an array.
// Testing only: nothing in the product authenticates with HMAC; kept as the base of HKDF for the Wycheproof vectors.
@_spi(Testing) public enum HMACSHA256 {
    /// The tag length in bytes.
    public static let tagBytes = 32

    /// The 32-byte HMAC-SHA-256 tag of `message` under `key`.
    public static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        Sodium.ensureInitialized()
        var state = crypto_auth_hmacsha256_state()
        defer { sodium_memzero(&state, MemoryLayout<crypto_auth_hmacsha256_state>.size) }
        return [UInt8](filling: tagBytes) { out in
            // The init/update/final calls, unlike crypto_auth_hmacsha256, take keys of any length.
            var code = key.withBytes { k, klen in crypto_auth_hmacsha256_init(&state, k, klen) }
            code |= message.withBytes { m, mlen in crypto_auth_hmacsha256_update(&state, m, UInt64(mlen)) }
            code |= crypto_auth_hmacsha256_final(&state, out)
            precondition(code == 0, "hmac-sha-256 failed")
        }
    }
}
