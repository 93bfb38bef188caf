import CSodium

/// Argon2id (version 1.3) passphrase hashing, for turning a passphrase into a key.
public enum Argon2id {
    /// The cost of one derivation: passes over memory, and memory in bytes.
    public struct Parameters: Sendable, Equatable {
        /// The number of passes (`opslimit`).
        public var opsLimit: UInt64
        /// The memory to fill, in bytes (`memlimit`).
        public var memLimit: UInt64

        /// Parameters with the given costs.
        public init(opsLimit: UInt64, memLimit: UInt64) {
            self.opsLimit = opsLimit
            self.memLimit = memLimit
        }

        /// libsodium's MODERATE costs (3 passes, 256 MiB): Abri's default for vault passphrases.
        public static let moderate = Parameters(
            opsLimit: UInt64(crypto_pwhash_argon2id_opslimit_moderate()),
            memLimit: UInt64(crypto_pwhash_argon2id_memlimit_moderate()))
        /// libsodium's INTERACTIVE costs (2 passes, 64 MiB).
        public static let interactive = Parameters(
            opsLimit: UInt64(crypto_pwhash_argon2id_opslimit_interactive()),
            memLimit: UInt64(crypto_pwhash_argon2id_memlimit_interactive()))
        /// libsodium's SENSITIVE costs (4 passes, 1 GiB).
        public static let sensitive = Parameters(
            opsLimit: UInt64(crypto_pwhash_argon2id_opslimit_sensitive()),
            memLimit: UInt64(crypto_pwhash_argon2id_memlimit_sensitive()))
        /// The smallest costs libsodium accepts (1 pass, 8 KiB): a test hook, never for real passphrases.
        public static let minimum = Parameters(
            opsLimit: UInt64(crypto_pwhash_argon2id_opslimit_min()),
            memLimit: UInt64(crypto_pwhash_argon2id_memlimit_min()))
    }

    /// The salt length in bytes.
    public static let saltBytes = 16

    /// Derives a `length`-byte key from a passphrase and a 16-byte salt.
    public static func deriveKey(
        passphrase: borrowing SecureBytes, salt: [UInt8], parameters: Parameters, length: Int = 32
    ) throws -> SecureBytes {
        guard salt.count == saltBytes else { throw AbriCryptoError.invalidLength("salt must be \(saltBytes) bytes") }
        guard length >= 16 else { throw AbriCryptoError.invalidLength("derived key must be at least 16 bytes") }
        guard let memLimit = Int(exactly: parameters.memLimit) else { throw AbriCryptoError.failure("memory limit too large") }
        Sodium.ensureInitialized()
        let key = try SecureBytes(count: length)
        let out = key.mutableBytes
        let password = UnsafeRawPointer(passphrase.bytes).assumingMemoryBound(to: CChar.self)
        let code = salt.withBytes { s, _ in
            crypto_pwhash(
                out, UInt64(length), password, UInt64(passphrase.count), s,
                parameters.opsLimit, memLimit, crypto_pwhash_alg_argon2id13())
        }
        // The call fails on costs out of range, and when the memory cannot be had.
        try Sodium.check(code, .failure("passphrase hashing failed: parameters out of range or not enough memory"))
        return key
    }

    /// True when `encoded` (a `$argon2id$v=19$…` string) is the hash of `password`.
    // Testing only: identity files use deriveKey; this checks the PHC encoded known answers.
    @_spi(Testing) public static func verify(encoded: String, password: [UInt8]) -> Bool {
        Sodium.ensureInitialized()
        return encoded.withCString { str in
            password.withBytes { p, plen in
                UnsafeRawPointer(p).withMemoryRebound(to: CChar.self, capacity: max(plen, 1)) { pw in
                    crypto_pwhash_argon2id_str_verify(str, pw, UInt64(plen)) == 0
                }
            }
        }
    }
}
