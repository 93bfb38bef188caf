import AbriCrypto
import Foundation
import Testing

/// SecureBytes, Random, ConstantTime and Padding.
struct SecureBytesTests {
    @Test func newSecureBytesAreZeroedAndWritable() throws {
        var bytes = try SecureBytes(count: 40)
        #expect(bytes.count == 40)
        #expect(revealed(bytes) == [UInt8](repeating: 0, count: 40))
        bytes.withUnsafeMutableBytes { $0[3] = 9 }
        #expect(revealed(bytes)[3] == 9)
    }

    @Test func emptySecureBytesWork() throws {
        let empty = try SecureBytes(count: 0)
        #expect(empty.count == 0)
        #expect(revealed(empty).isEmpty)
        let other = try SecureBytes(copying: [])
        let same = empty.constantTimeEquals(other)
        #expect(same)
        #expect(try empty.copy().count == 0)
    }

    @Test func copiesAndSlicesAreIndependent() throws {
        var original = try SecureBytes(copying: [1, 2, 3, 4, 5])
        let copy = try original.copy()
        let slice = try original.slice(1..<4)
        original.withUnsafeMutableBytes { $0[1] = 0xFF }
        #expect(revealed(copy) == [1, 2, 3, 4, 5])
        #expect(revealed(slice) == [2, 3, 4])
        #expect(revealed(original) == [1, 0xFF, 3, 4, 5])
    }

    @Test func constantTimeComparisonsSeeEveryByteAndLength() throws {
        let a = try SecureBytes(copying: [1, 2, 3])
        let b = try SecureBytes(copying: [1, 2, 3])
        let c = try SecureBytes(copying: [1, 2, 4])
        let d = try SecureBytes(copying: [1, 2])
        let ab = a.constantTimeEquals(b), ac = a.constantTimeEquals(c), ad = a.constantTimeEquals(d)
        #expect(ab && !ac && !ad)
        #expect(ConstantTime.equals([1, 2], [1, 2]))
        #expect(!ConstantTime.equals([1, 2], [1, 3]))
        #expect(!ConstantTime.equals([1, 2], [1]))
        #expect(ConstantTime.equals([], []))
    }

    @Test func randomBytesDiffer() throws {
        #expect(Random.bytes(32) != Random.bytes(32))
        #expect(Random.bytes(0).isEmpty)
        let a = try SecureBytes.random(count: 32), b = try SecureBytes.random(count: 32)
        #expect(revealed(a) != revealed(b))
    }

    /// A secret's pages are locked while it lives: the mapping that holds its bytes (read in /proc/self/smaps,
    /// so other tests' allocations do not count) reports them as Locked. The process-wide VmLck is read too.
    @Test(arguments: [32, 64 * 1024])
    func aSecretsPagesAreLockedWhileItLives(size: Int) throws {
        let secret = try SecureBytes.random(count: size)
        #if os(Linux)
        let address = secret.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) }
        let locked = try #require(Self.lockedBytes(ofMappingAt: address), "no mapping holds the secret in /proc/self/smaps")
        #expect(locked >= min(size, 4096), "the secret's mapping has \(locked) locked bytes (RLIMIT_MEMLOCK too low?)")
        #expect(try #require(SecureMemory.lockedBytes()) >= locked)
        #endif
        #expect(secret.count == size)  // keeps the secret alive past the reading
    }

    /// The `Locked:` figure of the mapping of /proc/self/smaps that contains `address`.
    static func lockedBytes(ofMappingAt address: UInt) -> Int? {
        // Read to the end by hand: String(contentsOfFile:) stops at the size /proc reports for the file.
        guard let file = FileHandle(forReadingAtPath: "/proc/self/smaps") else { return nil }
        defer { try? file.close() }
        let smaps = String(decoding: file.readDataToEndOfFile(), as: UTF8.self)
        var inside = false
        for line in smaps.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if let range = fields.first, range.contains("-"), !range.hasSuffix(":") {
                let bounds = range.split(separator: "-").compactMap { UInt($0, radix: 16) }
                inside = bounds.count == 2 && bounds[0] <= address && address < bounds[1]
            } else if inside, fields.first == "Locked:", fields.count >= 2, let kB = Int(fields[1]) {
                return kB * 1024
            }
        }
        return nil
    }

    @Test(arguments: [0, 1, 255, 256, 257, 1000])
    func paddingRoundTrips(size: Int) throws {
        let bytes = Random.bytes(size)
        for blockSize in [1, 16, 256] {
            let padded = Padding.pad(bytes, blockSize: blockSize)
            #expect(padded.count % blockSize == 0)
            #expect(padded.count > size)
            #expect(try Padding.unpad(padded, blockSize: blockSize) == bytes)
        }
    }

    @Test func malformedPaddingIsRefused() {
        #expect(throws: AbriCryptoError.self) { try Padding.unpad([1, 2, 3, 4], blockSize: 4) }
        #expect(throws: AbriCryptoError.self) { try Padding.unpad([], blockSize: 4) }
        #expect(throws: AbriCryptoError.self) { try Padding.unpad([0x80, 0], blockSize: 4) }
    }

    @Test func bucketsDoubleUpTo64KiBThenGrowBy64KiB() {
        #expect(Padding.bucket(for: 0) == 256)
        #expect(Padding.bucket(for: 255) == 256)
        #expect(Padding.bucket(for: 256) == 512)
        #expect(Padding.bucket(for: 1000) == 1024)
        #expect(Padding.bucket(for: 65535) == 65536)
        #expect(Padding.bucket(for: 65536) == 131072)
        #expect(Padding.bucket(for: 131071) == 131072)
        #expect(Padding.bucket(for: 131072) == 196608)
        for length in [0, 300, 70000, 1 << 20] {
            let bucket = Padding.bucket(for: length)
            #expect(Padding.pad(Random.bytes(length), blockSize: bucket).count == bucket)
        }
    }

    @Test func errorMessagesAreLowerCaseSentences() {
        #expect(AbriCryptoError.authenticationFailed.message == "wrong key, or the data was altered")
        for error in [AbriCryptoError.authenticationFailed, .invalidLength("nonce must be 24 bytes"), .outOfMemory, .failure("truncated stream")] {
            #expect(error.message == error.message.lowercased())
        }
    }
}
