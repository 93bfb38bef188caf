import CSodium

/// BLAKE2b hashing, plain or keyed (a MAC), with outputs of 16 to 64 bytes.
public enum BLAKE2b {
    /// The shortest output length.
    public static let minimumLength = 16
    /// The longest output length.
    public static let maximumLength = 64
    /// The shortest key length.
    public static let minimumKeyLength = 16
    /// The longest key length.
    public static let maximumKeyLength = 64

    /// The unkeyed BLAKE2b hash of `message`.
    public static func hash(_ message: [UInt8], length: Int = 32) -> [UInt8] {
        precondition((minimumLength...maximumLength).contains(length), "blake2b length out of range")
        Sodium.ensureInitialized()
        return message.withBytes { m, mlen in
            [UInt8](filling: length) { out in
                let code = crypto_generichash(out, length, m, UInt64(mlen), nil, 0)
                precondition(code == 0, "blake2b failed")
            }
        }
    }

    /// The BLAKE2b hash of `message` keyed with a 16- to 64-byte secret.
    public static func keyedHash(_ message: [UInt8], key: borrowing SecureBytes, length: Int = 32) throws -> [UInt8] {
        try keyedHash(message, key: key.bytes, keyLength: key.count, length: length)
    }

    /// The keyed BLAKE2b hash with the key in an array; for test vectors only.
    public static func keyedHash(_ message: [UInt8], key: [UInt8], length: Int = 32) throws -> [UInt8] {
        try key.withBytes { k, klen in try keyedHash(message, key: k, keyLength: klen, length: length) }
    }

    private static func keyedHash(_ message: [UInt8], key: UnsafePointer<UInt8>, keyLength: Int, length: Int) throws -> [UInt8] {
        try checkLengths(length: length, keyLength: keyLength)
        Sodium.ensureInitialized()
        return try message.withBytes { m, mlen in
            try [UInt8](filling: length) { out in
                let code = crypto_generichash(out, length, m, UInt64(mlen), key, keyLength)
                try Sodium.check(code, .failure("blake2b failed"))
            }
        }
    }

    static func checkLengths(length: Int, keyLength: Int?) throws {
        guard (minimumLength...maximumLength).contains(length) else {
            throw AbriCryptoError.invalidLength("blake2b output must be 16 to 64 bytes")
        }
        if let keyLength, !(minimumKeyLength...maximumKeyLength).contains(keyLength) {
            throw AbriCryptoError.invalidLength("blake2b key must be 16 to 64 bytes")
        }
    }
}
