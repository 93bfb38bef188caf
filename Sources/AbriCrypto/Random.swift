import CSodium

/// Random bytes from the operating system's generator, for nonces and salts (never for keys: use `SecureBytes.random`).
public enum Random {
    /// Returns `count` random bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0, "negative count")
        Sodium.ensureInitialized()
        return [UInt8](filling: count) { randombytes_buf($0, count) }
    }

    /// A uniformly random number in `0 ..< upperBound` (`randombytes_uniform`, without modulo bias).
    public static func uniform(_ upperBound: UInt32) -> UInt32 {
        precondition(upperBound > 0, "empty range")
        Sodium.ensureInitialized()
        return randombytes_uniform(upperBound)
    }
}
