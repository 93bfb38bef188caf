import CSodium

/// Comparisons whose time does not depend on where two byte strings differ.
public enum ConstantTime {
    /// True when `a` and `b` hold the same bytes; only their lengths may leak through timing.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        Sodium.ensureInitialized()
        return a.withBytes { pa, n in b.withBytes { pb, _ in sodium_memcmp(pa, pb, n) == 0 } }
    }
}
