import CSodium

/// Subkeys from a master key (`crypto_kdf`, BLAKE2b): one master key, many independent keys told apart by id and context.
public enum KDF {
    /// The master key length in bytes.
    public static let masterKeyBytes = 32

    /// Derives subkey `id` of `length` (16 to 64) bytes for `context`, which must be exactly 8 ASCII characters.
    public static func deriveSubkey(from masterKey: borrowing SecureBytes, id: UInt64, context: String, length: Int = 32) throws -> SecureBytes {
        let ctx = Array(context.utf8)
        precondition(ctx.count == 8 && ctx.allSatisfy { $0 < 0x80 }, "kdf context must be exactly 8 ascii characters")
        guard (16...64).contains(length) else { throw AbriCryptoError.invalidLength("subkey must be 16 to 64 bytes") }
        try masterKey.require(count: masterKeyBytes, "master key")
        Sodium.ensureInitialized()
        let subkey = try SecureBytes(count: length)
        let out = subkey.mutableBytes
        let code = ctx.withUnsafeBytes { c in
            crypto_kdf_derive_from_key(out, length, id, c.baseAddress!.assumingMemoryBound(to: CChar.self), masterKey.bytes)
        }
        try Sodium.check(code, .failure("key derivation failed"))
        return subkey
    }
}
