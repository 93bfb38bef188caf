import CSodium

/// An X25519 key pair for sealed boxes; the secret key stays in secure memory.
public struct BoxKeyPair: ~Copyable {
    /// The public key length in bytes.
    public static let publicKeyBytes = 32
    /// The secret key length in bytes.
    public static let secretKeyBytes = 32
    /// The seed length in bytes.
    public static let seedBytes = 32

    /// The 32-byte public key, safe to share.
    public let publicKey: [UInt8]
    /// The 32-byte secret key.
    public let secretKey: SecureBytes

    /// Generates a fresh random key pair.
    public static func generate() throws -> BoxKeyPair {
        let secretKey = try SecureBytes.random(count: secretKeyBytes)
        return try BoxKeyPair(secretKey: secretKey)
    }

    /// Derives a key pair from a 32-byte seed (`crypto_box_seed_keypair`, which hashes the seed).
    public init(seed: borrowing SecureBytes) throws {
        try seed.require(count: Self.seedBytes, "box seed")
        Sodium.ensureInitialized()
        let secretKey = try SecureBytes(count: Self.secretKeyBytes)
        let sk = secretKey.mutableBytes
        self.publicKey = try [UInt8](filling: Self.publicKeyBytes) { pk in
            try Sodium.check(crypto_box_seed_keypair(pk, sk, seed.bytes), .failure("key derivation failed"))
        }
        self.secretKey = secretKey
    }

    /// Rebuilds a key pair from its 32-byte secret key, computing the public key.
    public init(secretKey: borrowing SecureBytes) throws {
        try secretKey.require(count: Self.secretKeyBytes, "box secret key")
        Sodium.ensureInitialized()
        let copy = try secretKey.copy()
        let publicKey = try [UInt8](filling: Self.publicKeyBytes) { pk in
            try Sodium.check(crypto_scalarmult_base(pk, copy.bytes), .failure("public key computation failed"))
        }
        self.publicKey = publicKey
        self.secretKey = copy
    }

    /// The key this pair shares with `publicKey` (`crypto_box_beforenm`: X25519, then HSalsa20), the same
    /// from either side; for many messages between one pair of keys at the cost of one scalar multiplication.
    /// Throws for a public key of low order (the shared secret would be zero).
    public func sharedKey(with publicKey: [UInt8]) throws -> SecureBytes {
        guard publicKey.count == Self.publicKeyBytes else { throw AbriCryptoError.invalidLength("box public key must be 32 bytes") }
        Sodium.ensureInitialized()
        let key = try SecureBytes(count: 32)
        let k = key.mutableBytes
        let code = publicKey.withBytes { pk, _ in crypto_box_beforenm(k, pk, secretKey.bytes) }
        try Sodium.check(code, .failure("the public key is of low order"))
        return key
    }
}
