import CSodium

/// ISO/IEC 7816-4 padding (`sodium_pad`), which hides a message's exact length inside a bucket.
public enum Padding {
    /// Pads `bytes` to the next multiple of `blockSize` (always adding at least one byte).
    public static func pad(_ bytes: [UInt8], blockSize: Int) -> [UInt8] {
        precondition(blockSize > 0, "block size must be positive")
        Sodium.ensureInitialized()
        let capacity = bytes.count + blockSize - bytes.count % blockSize
        var buffer = bytes + [UInt8](repeating: 0, count: capacity - bytes.count)
        var paddedLength = 0
        let code = buffer.withUnsafeMutableBytes { b in
            sodium_pad(&paddedLength, b.baseAddress!.assumingMemoryBound(to: UInt8.self), bytes.count, blockSize, capacity)
        }
        precondition(code == 0 && paddedLength == capacity, "padding failed")
        return buffer
    }

    /// Removes padding added by `pad`; throws when the padding is malformed.
    public static func unpad(_ bytes: [UInt8], blockSize: Int) throws -> [UInt8] {
        precondition(blockSize > 0, "block size must be positive")
        guard !bytes.isEmpty, bytes.count % blockSize == 0 else { throw AbriCryptoError.failure("invalid padding") }
        Sodium.ensureInitialized()
        var length = 0
        let code = bytes.withBytes { b, n in sodium_unpad(&length, b, n, blockSize) }
        try Sodium.check(code, .failure("invalid padding"))
        return Array(bytes.prefix(length))
    }

    /// The padded size for a message of `length` bytes: the smallest of 256, 512, … 65536 that holds
    /// `length + 1`, and above that the next multiple of 65536.
    public static func bucket(for length: Int) -> Int {
        precondition(length >= 0, "negative length")
        let needed = length + 1
        var size = 256
        while size < 65536 && size < needed { size *= 2 }
        if needed <= size { return size }
        return (needed + 65535) / 65536 * 65536
    }
}
