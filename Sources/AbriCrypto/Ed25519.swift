import CSodium

/// Ed25519 signature verification, with libsodium's strict checks (canonical encodings, no small-order keys).
public enum Ed25519 {
    /// True when `signature` is a valid signature of `message` by `publicKey`; false for any malformed input.
    public static func isValidSignature(_ signature: [UInt8], for message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard signature.count == SigningKeyPair.signatureBytes, publicKey.count == SigningKeyPair.publicKeyBytes else {
            return false
        }
        Sodium.ensureInitialized()
        return signature.withBytes { sig, _ in
            message.withBytes { m, mlen in
                publicKey.withBytes { pk, _ in
                    crypto_sign_verify_detached(sig, m, UInt64(mlen), pk) == 0
                }
            }
        }
    }
}
