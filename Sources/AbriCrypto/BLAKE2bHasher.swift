import CSodium

/// Incremental BLAKE2b over data that arrives in pieces; its state, which may hold a key, lives in secure memory.
public struct BLAKE2bHasher: ~Copyable {
    private var state: SecureBytes
    private let length: Int

    /// Starts an unkeyed hash of `length` (16 to 64) bytes.
    public init(length: Int = 32) throws {
        try BLAKE2b.checkLengths(length: length, keyLength: nil)
        Sodium.ensureInitialized()
        let state = try SecureBytes(count: crypto_generichash_statebytes())
        let code = crypto_generichash_init(OpaquePointer(state.mutableBytes), nil, 0, length)
        try Sodium.check(code, .failure("blake2b failed"))
        self.state = state
        self.length = length
    }

    /// Starts a hash of `length` (16 to 64) bytes keyed with a 16- to 64-byte secret.
    public init(length: Int = 32, key: borrowing SecureBytes) throws {
        try BLAKE2b.checkLengths(length: length, keyLength: key.count)
        Sodium.ensureInitialized()
        let state = try SecureBytes(count: crypto_generichash_statebytes())
        let code = crypto_generichash_init(OpaquePointer(state.mutableBytes), key.bytes, key.count, length)
        try Sodium.check(code, .failure("blake2b failed"))
        self.state = state
        self.length = length
    }

    /// Adds `bytes` to the hash.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Adds the bytes in `buffer` to the hash.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        let code = withNonNullPointer(buffer) { p, n in crypto_generichash_update(statePointer, p, UInt64(n)) }
        precondition(code == 0, "blake2b failed")
    }

    /// Ends the hash and returns it; the hasher is consumed.
    public consuming func finalize() -> [UInt8] {
        let s = statePointer
        let length = self.length
        return [UInt8](filling: length) { out in
            let code = crypto_generichash_final(s, out, length)
            precondition(code == 0, "blake2b failed")
        }
    }

    /// The state is a 64-byte-aligned C struct that Swift imports as opaque; sodium_malloc places it at a page-aligned end.
    private var statePointer: OpaquePointer {
        OpaquePointer(state.mutableBytes)
    }
}
