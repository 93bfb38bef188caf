import CSodium

/// Raw X25519 Diffie-Hellman; hash the shared secret before using it as a key.
// Testing only: the product uses X25519 through sealed boxes, never raw; kept for its Wycheproof vectors.
@_spi(Testing) public enum X25519 {
    /// The shared secret of `secretKey` and `publicKey`; throws for a public key that yields the all-zero secret.
    public static func sharedSecret(secretKey: borrowing SecureBytes, publicKey: [UInt8]) throws -> SecureBytes {
        try secretKey.require(count: 32, "x25519 secret key")
        guard publicKey.count == 32 else { throw AbriCryptoError.invalidLength("x25519 public key must be 32 bytes") }
        Sodium.ensureInitialized()
        let shared = try SecureBytes(count: 32)
        let q = shared.mutableBytes
        // libsodium returns -1 when the result is all zeros (a low-order public key).
        let code = publicKey.withBytes { p, _ in crypto_scalarmult(q, secretKey.bytes, p) }
        try Sodium.check(code, .failure("weak public key"))
        return shared
    }
}
