import CSodium

/// Secret bytes in guarded, locked memory that is wiped when the value ends.
///
/// The memory comes from `sodium_malloc` (guard pages around it, `mlock`ed when
/// the limit allows; see `SecureMemory.lockedBytes()`), and is wiped with
/// `sodium_memzero` before it is freed. Secrets of up to 512 bytes share
/// locked slabs (`SecureArena`), so that a batch of keys costs no system call each. The bytes are only lent inside
/// closures; the type has no description, and is neither Codable nor Hashable.
public struct SecureBytes: ~Copyable, @unchecked Sendable {
    /// Nil exactly when `count` is zero: an empty secret allocates nothing.
    let pointer: UnsafeMutableRawPointer?

    /// The number of secret bytes.
    public let count: Int

    /// True when the bytes sit in a slot of `SecureArena` rather than in their own allocation.
    let pooled: Bool

    /// Allocates `count` zeroed bytes of secure memory.
    public init(count: Int) throws {
        precondition(count >= 0, "negative count")
        Sodium.ensureInitialized()
        self.count = count
        if count == 0 {
            pointer = nil
            pooled = false
            return
        }
        if count <= SecureArena.slotSize, let slot = SecureArena.allocate() {
            pointer = slot
            pooled = true
            return
        }
        guard let p = sodium_malloc(count) else { throw AbriCryptoError.outOfMemory }
        sodium_memzero(p, count)
        pointer = p
        pooled = false
    }

    /// Fresh random bytes from the operating system's generator.
    public static func random(count: Int) throws -> SecureBytes {
        let bytes = try SecureBytes(count: count)
        if let p = bytes.mutablePointer {
            randombytes_buf(p, count)
        }
        return bytes
    }

    /// Copies `bytes` into secure memory; wiping the source is the caller's job.
    public init(copying bytes: UnsafeRawBufferPointer) throws {
        try self.init(count: bytes.count)
        if let p = pointer, let source = bytes.baseAddress {
            p.copyMemory(from: source, byteCount: bytes.count)
        }
    }

    /// Copies `bytes` into secure memory; the array itself cannot be wiped, so use this for tests and vectors.
    public init(copying bytes: [UInt8]) throws {
        try self.init(count: bytes.count)
        if let p = pointer {
            bytes.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        }
    }

    deinit {
        guard let pointer else { return }
        if pooled {
            SecureArena.release(pointer)
        } else {
            sodium_memzero(pointer, count)
            sodium_free(pointer)
        }
    }

    /// Lends the bytes to `body`; the pointer must not escape it.
    public func withUnsafeBytes<R: ~Copyable, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Lends the bytes to `body` for writing; the pointer must not escape it.
    public mutating func withUnsafeMutableBytes<R: ~Copyable, E: Error>(
        _ body: (UnsafeMutableRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try body(UnsafeMutableRawBufferPointer(start: pointer, count: count))
    }

    /// A second, independent copy of the secret in its own secure memory.
    public func copy() throws -> SecureBytes {
        try withUnsafeBytes { try SecureBytes(copying: $0) }
    }

    /// A copy of the bytes in `range`, in their own secure memory.
    public func slice(_ range: Range<Int>) throws -> SecureBytes {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "slice out of range")
        return try withUnsafeBytes { try SecureBytes(copying: UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// Compares two secrets in time that depends only on their length.
    public func constantTimeEquals(_ other: borrowing SecureBytes) -> Bool {
        guard count == other.count else { return false }
        guard count > 0, let a = pointer, let b = other.pointer else { return true }
        return sodium_memcmp(a, b, count) == 0
    }

    // Internal accessors for the rest of the module, which keeps these
    // pointers inside the borrow that lends them.

    /// A never-null read pointer (the placeholder when empty).
    var bytes: UnsafePointer<UInt8> {
        pointer.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) } ?? UnsafePointer(Sodium.placeholder)
    }

    /// A never-null write pointer for a non-empty value; nil when empty.
    var mutablePointer: UnsafeMutablePointer<UInt8>? {
        pointer?.assumingMemoryBound(to: UInt8.self)
    }

    /// A never-null write pointer (the placeholder, never written, when empty).
    var mutableBytes: UnsafeMutablePointer<UInt8> {
        mutablePointer ?? Sodium.placeholder
    }

    /// Throws unless the secret has exactly `expected` bytes.
    func require(count expected: Int, _ what: String) throws {
        if count != expected { throw AbriCryptoError.invalidLength("\(what) must be \(expected) bytes") }
    }
}
