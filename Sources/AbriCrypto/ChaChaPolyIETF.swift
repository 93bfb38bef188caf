import CSodium

/// ChaCha20-Poly1305 (IETF, 12-byte nonce), kept only to check the Wycheproof vectors; Abri seals with `AEAD`.
// Testing only: the product seals with XChaCha20-Poly1305 (AEAD); kept for its Wycheproof vectors.
@_spi(Testing) public enum ChaChaPolyIETF {
    /// The key length in bytes.
    public static let keyBytes = 32
    /// The nonce length in bytes.
    public static let nonceBytes = 12
    /// The authentication tag length in bytes.
    public static let tagBytes = 16

    /// Encrypts with a caller-chosen nonce and returns ciphertext‖tag.
    public static func seal(_ plaintext: [UInt8], key: borrowing SecureBytes, nonce: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        try check(key: key, nonce: nonce)
        return try plaintext.withBytes { m, mlen in
            try [UInt8](filling: mlen + tagBytes) { c in
                try encrypt(into: c, m, mlen, nonce: nonce, key: key, associatedData: associatedData)
            }
        }
    }

    /// Decrypts and checks ciphertext‖tag; throws `.authenticationFailed` and returns nothing if anything was altered.
    public static func open(_ ciphertextAndTag: [UInt8], key: borrowing SecureBytes, nonce: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        try check(key: key, nonce: nonce)
        guard ciphertextAndTag.count >= tagBytes else { throw AbriCryptoError.authenticationFailed }
        return try ciphertextAndTag.withBytes { c, clen in
            try [UInt8](filling: clen - tagBytes) { m in
                try decrypt(into: m, c, clen, nonce: nonce, key: key, associatedData: associatedData)
            }
        }
    }

    private static func check(key: borrowing SecureBytes, nonce: [UInt8]) throws {
        try key.require(count: keyBytes, "chacha20-poly1305 key")
        guard nonce.count == nonceBytes else { throw AbriCryptoError.invalidLength("nonce must be \(nonceBytes) bytes") }
    }

    private static func encrypt(
        into c: UnsafeMutablePointer<UInt8>, _ m: UnsafePointer<UInt8>, _ mlen: Int,
        nonce: [UInt8], key: borrowing SecureBytes, associatedData: [UInt8]
    ) throws {
        Sodium.ensureInitialized()
        let code = associatedData.withBytes { ad, adlen in
            nonce.withBytes { n, _ in
                crypto_aead_chacha20poly1305_ietf_encrypt(c, nil, m, UInt64(mlen), ad, UInt64(adlen), nil, n, key.bytes)
            }
        }
        try Sodium.check(code, .failure("encryption failed"))
    }

    private static func decrypt(
        into m: UnsafeMutablePointer<UInt8>, _ c: UnsafePointer<UInt8>, _ clen: Int,
        nonce: [UInt8], key: borrowing SecureBytes, associatedData: [UInt8]
    ) throws {
        Sodium.ensureInitialized()
        let code = associatedData.withBytes { ad, adlen in
            nonce.withBytes { n, _ in
                crypto_aead_chacha20poly1305_ietf_decrypt(m, nil, nil, c, UInt64(clen), ad, UInt64(adlen), n, key.bytes)
            }
        }
        try Sodium.check(code, .authenticationFailed)
    }
}
