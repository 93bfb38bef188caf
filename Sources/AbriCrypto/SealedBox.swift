import CSodium

/// Anonymous public-key encryption (`crypto_box_seal`): anyone with the public key seals, only the key pair opens.
public enum SealedBox {
    /// How many bytes sealing adds: an ephemeral public key and a tag.
    public static let overhead = 48

    /// Seals `message` to `publicKey`.
    public static func seal(_ message: [UInt8], to publicKey: [UInt8]) throws -> [UInt8] {
        try message.withBytes { m, mlen in try seal(m, mlen, to: publicKey) }
    }

    /// Seals a secret to `publicKey`.
    public static func seal(secret: borrowing SecureBytes, to publicKey: [UInt8]) throws -> [UInt8] {
        try seal(secret.bytes, secret.count, to: publicKey)
    }

    /// Opens a sealed box into secure memory; throws `.authenticationFailed` if it was not sealed to this key pair or was altered.
    public static func open(_ box: [UInt8], with keyPair: borrowing BoxKeyPair) throws -> SecureBytes {
        guard box.count >= overhead else { throw AbriCryptoError.authenticationFailed }
        Sodium.ensureInitialized()
        let message = try SecureBytes(count: box.count - overhead)
        let m = message.mutableBytes
        let code = box.withBytes { c, clen in
            keyPair.publicKey.withBytes { pk, _ in
                crypto_box_seal_open(m, c, UInt64(clen), pk, keyPair.secretKey.bytes)
            }
        }
        try Sodium.check(code, .authenticationFailed)
        return message
    }

    private static func seal(_ m: UnsafePointer<UInt8>, _ mlen: Int, to publicKey: [UInt8]) throws -> [UInt8] {
        guard publicKey.count == BoxKeyPair.publicKeyBytes else {
            throw AbriCryptoError.invalidLength("public key must be \(BoxKeyPair.publicKeyBytes) bytes")
        }
        Sodium.ensureInitialized()
        return try [UInt8](filling: mlen + overhead) { c in
            let code = publicKey.withBytes { pk, _ in crypto_box_seal(c, m, UInt64(mlen), pk) }
            try Sodium.check(code, .failure("sealing failed"))
        }
    }
}
