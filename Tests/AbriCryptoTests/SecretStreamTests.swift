import AbriCrypto
import Testing

/// secretstream: round trips at awkward sizes, and every way of tampering with the chunk sequence fails.
struct SecretStreamTests {
    /// Encrypts `plaintext` split at random boundaries; returns the header and the encrypted chunks.
    func encrypt(_ plaintext: [UInt8], key: borrowing SecureBytes, rng: inout SplitMix64) throws -> (header: [UInt8], chunks: [[UInt8]]) {
        var pusher = try SecretStream.Pusher(key: key)
        var chunks: [[UInt8]] = []
        var offset = 0
        repeat {
            let length = min(Int.random(in: 0...(2 * SecretStream.chunkSize), using: &rng), plaintext.count - offset)
            let end = offset + length
            chunks.append(try pusher.push(Array(plaintext[offset..<end]), final: end == plaintext.count))
            offset = end
        } while offset < plaintext.count
        return (pusher.header, chunks)
    }

    func decrypt(header: [UInt8], chunks: [[UInt8]], key: borrowing SecureBytes) throws -> [UInt8] {
        var puller = try SecretStream.Puller(key: key, header: header)
        var plaintext: [UInt8] = []
        for chunk in chunks { plaintext += try puller.pull(chunk) }
        try puller.finish()
        return plaintext
    }

    @Test(arguments: [0, 1, 65536, (1 << 20) + 3])
    func randomPlaintextRoundTripsAcrossRandomChunkBoundaries(size: Int) throws {
        let key = try SecureBytes.random(count: SecretStream.keyBytes)
        var rng = SplitMix64(state: UInt64(size))
        for _ in 0..<3 {
            let plaintext = Random.bytes(size)
            let (header, chunks) = try encrypt(plaintext, key: key, rng: &rng)
            #expect(header.count == SecretStream.headerBytes)
            #expect(chunks.reduce(0) { $0 + $1.count } == size + chunks.count * SecretStream.abytes)
            #expect(try decrypt(header: header, chunks: chunks, key: key) == plaintext)
        }
    }

    /// Four chunks of 1000 bytes, the last one final.
    func fourChunks(key: borrowing SecureBytes) throws -> (header: [UInt8], chunks: [[UInt8]]) {
        var pusher = try SecretStream.Pusher(key: key)
        var chunks: [[UInt8]] = []
        for i in 0..<4 { chunks.append(try pusher.push(Random.bytes(1000), final: i == 3)) }
        return (pusher.header, chunks)
    }

    @Test func droppingTheLastChunkIsReportedAsTruncation() throws {
        let key = try SecureBytes.random(count: 32)
        let (header, chunks) = try fourChunks(key: key)
        var puller = try SecretStream.Puller(key: key, header: header)
        for chunk in chunks.dropLast() { _ = try puller.pull(chunk) }
        let finished = puller.isFinished
        #expect(!finished)
        #expect(throws: AbriCryptoError.failure("truncated stream")) { try puller.finish() }
    }

    @Test func swappedRepeatedOrFlippedChunksFail() throws {
        let key = try SecureBytes.random(count: 32)
        let (header, chunks) = try fourChunks(key: key)
        var swapped = chunks
        swapped.swapAt(1, 2)
        var repeated = chunks
        repeated.insert(chunks[1], at: 2)
        let tampered: [[[UInt8]]] = [
            swapped,
            repeated,
            chunks + [chunks[3]],
            [chunks[0], flipping(chunks[1], bit: 8 * 500 + 3), chunks[2], chunks[3]],
            [chunks[0], chunks[1], chunks[2], flipping(chunks[3], bit: 0)],
        ]
        for sequence in tampered {
            #expect(throws: AbriCryptoError.authenticationFailed) { try decrypt(header: header, chunks: sequence, key: key) }
        }
        #expect(throws: AbriCryptoError.authenticationFailed) {
            try decrypt(header: flipping(header, bit: 77), chunks: chunks, key: key)
        }
        let otherKey = try SecureBytes.random(count: 32)
        #expect(throws: AbriCryptoError.authenticationFailed) { try decrypt(header: header, chunks: chunks, key: otherKey) }
    }

    @Test func nothingCanBePulledAfterAFailure() throws {
        let key = try SecureBytes.random(count: 32)
        let (header, chunks) = try fourChunks(key: key)
        var puller = try SecretStream.Puller(key: key, header: header)
        #expect(throws: AbriCryptoError.authenticationFailed) { try puller.pull(chunks[1]) }
        #expect(throws: AbriCryptoError.authenticationFailed) { try puller.pull(chunks[0]) }
    }

    @Test func pushingAfterTheFinalChunkIsRefused() throws {
        let key = try SecureBytes.random(count: 32)
        var pusher = try SecretStream.Pusher(key: key)
        _ = try pusher.push([1, 2, 3], final: true)
        #expect(throws: AbriCryptoError.self) { try pusher.push([4], final: false) }
    }

    @Test func pushAppendsToAnExistingBuffer() throws {
        let key = try SecureBytes.random(count: 32)
        var pusher = try SecretStream.Pusher(key: key)
        var out: [UInt8] = [9, 9]
        let chunk = Random.bytes(100)
        try chunk.withUnsafeBytes { try pusher.push($0, final: true, into: &out) }
        #expect(out.count == 2 + 100 + SecretStream.abytes)
        var puller = try SecretStream.Puller(key: key, header: pusher.header)
        #expect(try puller.pull(Array(out.dropFirst(2))) == chunk)
        let finished = puller.isFinished
        #expect(finished)
    }
}
