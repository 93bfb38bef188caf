import AbriCrypto
public import AbriPublic

/// A shared handle on secret bytes, so that one key can sit in collections; the bytes stay in secure memory.
final class Key: @unchecked Sendable {
    let bytes: SecureBytes

    init(_ bytes: consuming SecureBytes) { self.bytes = bytes }

    static func random(_ count: Int = 32) throws -> Key { Key(try SecureBytes.random(count: count)) }

    /// 32 zero bytes: the place of a key a grant does not carry (the own log key of a grant in transit).
    static func zero() throws -> Key { Key(try SecureBytes(count: 32)) }

    /// A keyed BLAKE2b of `message` under this key; the output is public (a label, a locator).
    func label(_ message: [UInt8], length: Int = 32) throws -> [UInt8] {
        try BLAKE2b.keyedHash(message, key: bytes, length: length)
    }

    /// A secret derived from this key and a public message (keyed BLAKE2b), kept in secure memory.
    func derive(_ message: [UInt8]) throws -> Key {
        var output = try BLAKE2b.keyedHash(message, key: bytes, length: 32)
        defer { output.withUnsafeMutableBytes { raw in _ = raw.initializeMemory(as: UInt8.self, repeating: 0) } }
        return Key(try SecureBytes(copying: output))
    }

    /// A libsodium KDF subkey.
    func subkey(_ id: UInt64, context: String, length: Int = 32) throws -> Key {
        Key(try KDF.deriveSubkey(from: bytes, id: id, context: context, length: length))
    }
}
