import CSodium

/// The one place that initializes libsodium and lends it non-null pointers.
enum Sodium {
    /// `sodium_init()` runs once, the first time any entry point touches this.
    private static let initialized: Bool = sodium_init() >= 0

    /// Initializes libsodium on first use; a library that cannot start is a broken installation.
    @inline(__always)
    static func ensureInitialized() {
        precondition(initialized, "libsodium failed to initialize")
    }

    /// Turns a libsodium return code into a thrown error.
    @inline(__always)
    static func check(_ code: Int32, _ error: @autoclosure () -> AbriCryptoError) throws {
        if code != 0 { throw error() }
    }

    /// Stands in for the buffer of an empty input, because libsodium declares
    /// most pointers `nonnull` even when their length is zero. Nothing is ever
    /// written through it: every length passed with it is zero.
    nonisolated(unsafe) static let placeholder: UnsafeMutablePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()
}

/// Lends `body` a pointer that is never null, even for an empty buffer.
@inline(__always)
func withNonNullPointer<R>(
    _ buffer: UnsafeRawBufferPointer,
    _ body: (UnsafePointer<UInt8>, Int) throws -> R
) rethrows -> R {
    if let base = buffer.baseAddress, buffer.count > 0 {
        return try body(base.assumingMemoryBound(to: UInt8.self), buffer.count)
    }
    return try body(UnsafePointer(Sodium.placeholder), 0)
}

/// Lends `body` a mutable pointer that is never null, even for an empty buffer.
@inline(__always)
func withNonNullMutablePointer<R>(
    _ buffer: UnsafeMutableRawBufferPointer,
    _ body: (UnsafeMutablePointer<UInt8>, Int) throws -> R
) rethrows -> R {
    if let base = buffer.baseAddress, buffer.count > 0 {
        return try body(base.assumingMemoryBound(to: UInt8.self), buffer.count)
    }
    return try body(Sodium.placeholder, 0)
}

extension Array where Element == UInt8 {
    /// Lends a never-null pointer to the array's bytes, and their count.
    @inline(__always)
    func withBytes<R>(_ body: (UnsafePointer<UInt8>, Int) throws -> R) rethrows -> R {
        try withUnsafeBytes { try withNonNullPointer($0, body) }
    }

    /// Builds an array of `count` bytes, all written by `body` through a never-null pointer.
    @inline(__always)
    init(filling count: Int, _ body: (UnsafeMutablePointer<UInt8>) throws -> Void) rethrows {
        try self.init(unsafeUninitializedCapacity: count) { buffer, initialized in
            try withNonNullMutablePointer(UnsafeMutableRawBufferPointer(buffer)) { p, _ in try body(p) }
            initialized = count
        }
    }
}
