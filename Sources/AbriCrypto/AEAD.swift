import CSodium

/// XChaCha20-Poly1305 (IETF) authenticated encryption: a random 24-byte nonce makes every sealing safe with one key.
public enum AEAD {
    /// The key length in bytes.
    public static let keyBytes = 32
    /// The nonce length in bytes.
    public static let nonceBytes = 24
    /// The authentication tag length in bytes.
    public static let tagBytes = 16
    /// How many bytes `seal` adds to a plaintext (nonce and tag).
    public static let overhead = nonceBytes + tagBytes

    /// Encrypts `plaintext` under a fresh random nonce and returns nonce‖ciphertext‖tag.
    public static func seal(_ plaintext: [UInt8], key: borrowing SecureBytes, associatedData: [UInt8]) throws -> [UInt8] {
        try plaintext.withBytes { m, mlen in try seal(m, mlen, key: key, associatedData: associatedData) }
    }

    /// Encrypts a secret under a fresh random nonce and returns nonce‖ciphertext‖tag.
    public static func seal(secret: borrowing SecureBytes, key: borrowing SecureBytes, associatedData: [UInt8]) throws -> [UInt8] {
        try seal(secret.bytes, secret.count, key: key, associatedData: associatedData)
    }

    /// Decrypts and checks nonce‖ciphertext‖tag; throws `.authenticationFailed` and returns nothing if anything was altered.
    public static func open(_ sealed: [UInt8], key: borrowing SecureBytes, associatedData: [UInt8]) throws -> [UInt8] {
        guard sealed.count >= overhead else { throw AbriCryptoError.authenticationFailed }
        try key.require(count: keyBytes, "aead key")
        return try sealed.withBytes { s, slen in
            try [UInt8](filling: slen - overhead) { m in
                try decrypt(into: m, s + nonceBytes, slen - nonceBytes, nonce: s, key: key, associatedData: associatedData)
            }
        }
    }

    /// Decrypts and checks nonce‖ciphertext‖tag straight into secure memory.
    public static func openSecret(_ sealed: [UInt8], key: borrowing SecureBytes, associatedData: [UInt8]) throws -> SecureBytes {
        guard sealed.count >= overhead else { throw AbriCryptoError.authenticationFailed }
        try key.require(count: keyBytes, "aead key")
        let plaintext = try SecureBytes(count: sealed.count - overhead)
        let m = plaintext.mutableBytes
        try sealed.withBytes { s, slen in
            try decrypt(into: m, s + nonceBytes, slen - nonceBytes, nonce: s, key: key, associatedData: associatedData)
        }
        return plaintext
    }

    /// Encrypts with a caller-chosen nonce and returns ciphertext‖tag; for test vectors, since a repeated nonce breaks the cipher.
    // Testing only (the Wycheproof vectors fix the nonce): the product never picks a nonce for arbitrary data.
    @_spi(Testing) public static func seal(_ plaintext: [UInt8], key: borrowing SecureBytes, nonce: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        guard nonce.count == nonceBytes else { throw AbriCryptoError.invalidLength("nonce must be \(nonceBytes) bytes") }
        try key.require(count: keyBytes, "aead key")
        return try plaintext.withBytes { m, mlen in
            try nonce.withBytes { n, _ in
                try [UInt8](filling: mlen + tagBytes) { c in
                    try encrypt(into: c, m, mlen, nonce: n, key: key, associatedData: associatedData)
                }
            }
        }
    }

    /// Seals a secret under a caller-chosen nonce, returning ciphertext‖tag: for formats whose associated data
    /// already holds the nonce (an identity file's header). The caller guarantees the nonce is never reused.
    public static func seal(secret: borrowing SecureBytes, key: borrowing SecureBytes, nonce: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        guard nonce.count == nonceBytes else { throw AbriCryptoError.invalidLength("nonce must be \(nonceBytes) bytes") }
        try key.require(count: keyBytes, "aead key")
        let count = secret.count
        return try nonce.withBytes { n, _ in
            try [UInt8](filling: count + tagBytes) { out in
                try encrypt(into: out, secret.bytes, count, nonce: n, key: key, associatedData: associatedData)
            }
        }
    }

    /// Decrypts and checks ciphertext‖tag made with a caller-chosen nonce; for test vectors.
    // Testing only, like the nonce-taking seal.
    @_spi(Testing) public static func open(_ ciphertextAndTag: [UInt8], key: borrowing SecureBytes, nonce: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        guard nonce.count == nonceBytes else { throw AbriCryptoError.invalidLength("nonce must be \(nonceBytes) bytes") }
        guard ciphertextAndTag.count >= tagBytes else { throw AbriCryptoError.authenticationFailed }
        try key.require(count: keyBytes, "aead key")
        return try ciphertextAndTag.withBytes { c, clen in
            try nonce.withBytes { n, _ in
                try [UInt8](filling: clen - tagBytes) { m in
                    try decrypt(into: m, c, clen, nonce: n, key: key, associatedData: associatedData)
                }
            }
        }
    }

    // MARK: - The libsodium calls

    private static func seal(_ m: UnsafePointer<UInt8>, _ mlen: Int, key: borrowing SecureBytes, associatedData: [UInt8]) throws -> [UInt8] {
        try key.require(count: keyBytes, "aead key")
        return try [UInt8](filling: nonceBytes + mlen + tagBytes) { out in
            randombytes_buf(out, nonceBytes)
            try encrypt(into: out + nonceBytes, m, mlen, nonce: out, key: key, associatedData: associatedData)
        }
    }

    private static func encrypt(
        into c: UnsafeMutablePointer<UInt8>, _ m: UnsafePointer<UInt8>, _ mlen: Int,
        nonce: UnsafePointer<UInt8>, key: borrowing SecureBytes, associatedData: [UInt8]
    ) throws {
        Sodium.ensureInitialized()
        let code = associatedData.withBytes { ad, adlen in
            crypto_aead_xchacha20poly1305_ietf_encrypt(c, nil, m, UInt64(mlen), ad, UInt64(adlen), nil, nonce, key.bytes)
        }
        try Sodium.check(code, .failure("encryption failed"))
    }

    /// Checks the tag before writing any plaintext, so a forgery releases nothing.
    private static func decrypt(
        into m: UnsafeMutablePointer<UInt8>, _ c: UnsafePointer<UInt8>, _ clen: Int,
        nonce: UnsafePointer<UInt8>, key: borrowing SecureBytes, associatedData: [UInt8]
    ) throws {
        Sodium.ensureInitialized()
        let code = associatedData.withBytes { ad, adlen in
            crypto_aead_xchacha20poly1305_ietf_decrypt(m, nil, nil, c, UInt64(clen), ad, UInt64(adlen), nonce, key.bytes)
        }
        try Sodium.check(code, .authenticationFailed)
    }
}
