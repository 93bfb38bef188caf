import CSodium

/// An Ed25519 signing key pair; the secret key stays in secure memory.
public struct SigningKeyPair: ~Copyable {
    /// The public key length in bytes.
    public static let publicKeyBytes = 32
    /// The seed length in bytes.
    public static let seedBytes = 32
    /// The signature length in bytes.
    public static let signatureBytes = 64

    /// The 32-byte public key, safe to share.
    public let publicKey: [UInt8]
    /// libsodium's 64-byte secret key (seed‖public key).
    private let secretKey: SecureBytes

    /// Generates a fresh random key pair.
    public static func generate() throws -> SigningKeyPair {
        let seed = try SecureBytes.random(count: seedBytes)
        return try SigningKeyPair(seed: seed)
    }

    /// Derives the key pair from its 32-byte seed (`crypto_sign_seed_keypair`).
    public init(seed: borrowing SecureBytes) throws {
        try seed.require(count: Self.seedBytes, "signing seed")
        Sodium.ensureInitialized()
        let secretKey = try SecureBytes(count: 64)
        let sk = secretKey.mutableBytes
        publicKey = try [UInt8](filling: Self.publicKeyBytes) { pk in
            try Sodium.check(crypto_sign_seed_keypair(pk, sk, seed.bytes), .failure("key derivation failed"))
        }
        self.secretKey = secretKey
    }

    /// The 32-byte seed from which the key pair can be rebuilt.
    public func seed() throws -> SecureBytes {
        let seed = try SecureBytes(count: Self.seedBytes)
        try Sodium.check(crypto_sign_ed25519_sk_to_seed(seed.mutableBytes, secretKey.bytes), .failure("seed extraction failed"))
        return seed
    }

    /// Signs `message` and returns the 64-byte detached signature.
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        try [UInt8](filling: Self.signatureBytes) { sig in
            let code = message.withBytes { m, mlen in
                crypto_sign_detached(sig, nil, m, UInt64(mlen), secretKey.bytes)
            }
            try Sodium.check(code, .failure("signing failed"))
        }
    }
}
