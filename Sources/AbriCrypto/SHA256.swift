import CSodium

/// SHA-256, for Merkle trees, fingerprints and the vectors that need it.
public enum SHA256 {
    /// The digest length in bytes.
    public static let digestBytes = 32

    /// The SHA-256 digest of `message`.
    public static func hash(_ message: [UInt8]) -> [UInt8] {
        Sodium.ensureInitialized()
        return message.withBytes { m, mlen in
            [UInt8](filling: digestBytes) { out in
                let code = crypto_hash_sha256(out, m, UInt64(mlen))
                precondition(code == 0, "sha-256 failed")
            }
        }
    }
}

/// Incremental SHA-256 over data that arrives in pieces; it holds no secret, so it may be copied.
public struct SHA256Hasher {
    private var state = crypto_hash_sha256_state()

    /// Starts a new digest.
    public init() {
        Sodium.ensureInitialized()
        let code = crypto_hash_sha256_init(&state)
        precondition(code == 0, "sha-256 failed")
    }

    /// Adds `bytes` to the digest.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Adds the bytes in `buffer` to the digest.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        let code = withNonNullPointer(buffer) { p, n in crypto_hash_sha256_update(&state, p, UInt64(n)) }
        precondition(code == 0, "sha-256 failed")
    }

    /// The digest of everything added so far.
    public func finalize() -> [UInt8] {
        var copy = state
        return [UInt8](filling: SHA256.digestBytes) { out in
            let code = crypto_hash_sha256_final(&copy, out)
            precondition(code == 0, "sha-256 failed")
        }
    }
}
