import CSodium

/// Authenticated encryption of a long stream in chunks (`crypto_secretstream_xchacha20poly1305`), in constant memory.
///
/// Each chunk is authenticated together with its position, so altered, dropped,
/// reordered or replayed chunks fail. The final chunk carries a final tag: a
/// reader that reaches the end of its input without having seen it holds a
/// truncated stream, which `Puller.finish()` reports.
public enum SecretStream {
    /// The plaintext chunk size Abri uses.
    public static let chunkSize = 65536
    /// The stream header length in bytes.
    public static let headerBytes = 24
    /// How many bytes each chunk grows by when encrypted.
    public static let abytes = 17
    /// The key length in bytes.
    public static let keyBytes = 32

    /// The writing end of a stream: produces a header, then one encrypted chunk per plaintext chunk.
    public struct Pusher: ~Copyable {
        /// The header to store before the first chunk; it is not secret.
        public let header: [UInt8]
        private let state: SecureBytes
        private var finished = false

        /// Starts a stream under a fresh random header.
        public init(key: borrowing SecureBytes) throws {
            try key.require(count: keyBytes, "stream key")
            Sodium.ensureInitialized()
            let state = try SecureBytes(count: crypto_secretstream_xchacha20poly1305_statebytes())
            let s = state.streamState
            header = try [UInt8](filling: headerBytes) { h in
                let code = crypto_secretstream_xchacha20poly1305_init_push(s, h, key.bytes)
                try Sodium.check(code, .failure("stream initialization failed"))
            }
            self.state = state
        }

        /// Encrypts `chunk` and appends it (`chunk.count + abytes` bytes) to `out`; mark the last chunk `final`.
        public mutating func push(_ chunk: UnsafeRawBufferPointer, final: Bool, into out: inout [UInt8]) throws {
            guard !finished else { throw AbriCryptoError.failure("stream already finished") }
            let start = out.count
            let length = chunk.count + abytes
            out.append(contentsOf: repeatElement(0, count: length))
            let s = state.streamState
            let tag = UInt8(final ? crypto_secretstream_xchacha20poly1305_tag_final() : crypto_secretstream_xchacha20poly1305_tag_message())
            let code = out.withUnsafeMutableBufferPointer { buffer in
                withNonNullPointer(chunk) { m, mlen in
                    crypto_secretstream_xchacha20poly1305_push(s, buffer.baseAddress! + start, nil, m, UInt64(mlen), nil, 0, tag)
                }
            }
            guard code == 0 else {
                out.removeLast(length)
                throw AbriCryptoError.failure("stream encryption failed")
            }
            finished = final
        }

        /// Encrypts `chunk` into `out`, which must hold `chunk.count + abytes` bytes; mark the last chunk `final`.
        /// Writes into memory the caller owns, so that large streams go through without a copy.
        public mutating func push(_ chunk: UnsafeRawBufferPointer, final: Bool, to out: UnsafeMutableRawBufferPointer) throws {
            guard !finished else { throw AbriCryptoError.failure("stream already finished") }
            precondition(out.count >= chunk.count + abytes, "stream output too small")
            let s = state.streamState
            let tag = UInt8(final ? crypto_secretstream_xchacha20poly1305_tag_final() : crypto_secretstream_xchacha20poly1305_tag_message())
            let c = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let code = withNonNullPointer(chunk) { m, mlen in
                crypto_secretstream_xchacha20poly1305_push(s, c, nil, m, UInt64(mlen), nil, 0, tag)
            }
            guard code == 0 else { throw AbriCryptoError.failure("stream encryption failed") }
            finished = final
        }

        /// Encrypts `chunk` and returns it; mark the last chunk `final`.
        public mutating func push(_ chunk: [UInt8], final: Bool) throws -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(chunk.count + abytes)
            try chunk.withUnsafeBytes { try push($0, final: final, into: &out) }
            return out
        }
    }

    /// The reading end of a stream: checks and decrypts chunks in order.
    public struct Puller: ~Copyable {
        private let state: SecureBytes
        private var sawFinal = false
        private var failed = false

        /// True once the final chunk has been read; a stream that ends without it was truncated.
        public var isFinished: Bool { sawFinal }

        /// Starts reading a stream from its header.
        public init(key: borrowing SecureBytes, header: [UInt8]) throws {
            try key.require(count: keyBytes, "stream key")
            guard header.count == headerBytes else { throw AbriCryptoError.authenticationFailed }
            Sodium.ensureInitialized()
            let state = try SecureBytes(count: crypto_secretstream_xchacha20poly1305_statebytes())
            let s = state.streamState
            let code = header.withBytes { h, _ in crypto_secretstream_xchacha20poly1305_init_pull(s, h, key.bytes) }
            try Sodium.check(code, .authenticationFailed)
            self.state = state
        }

        /// Checks and decrypts the next chunk; throws `.authenticationFailed` for an altered, reordered or
        /// replayed chunk, and for any chunk after the final one.
        public mutating func pull(_ chunk: [UInt8]) throws -> [UInt8] {
            // After a failure or the final chunk, nothing more may be read.
            guard !sawFinal, !failed, chunk.count >= abytes else {
                failed = true
                throw AbriCryptoError.authenticationFailed
            }
            let s = state.streamState
            var tag: UInt8 = 0
            var code: Int32 = -1
            let plaintext = chunk.withBytes { c, clen in
                [UInt8](filling: clen - abytes) { m in
                    code = crypto_secretstream_xchacha20poly1305_pull(s, m, nil, &tag, c, UInt64(clen), nil, 0)
                }
            }
            guard code == 0 else {
                failed = true
                throw AbriCryptoError.authenticationFailed
            }
            if tag == UInt8(crypto_secretstream_xchacha20poly1305_tag_final()) { sawFinal = true }
            return plaintext
        }

        /// Checks and decrypts the next chunk into `out`, which must hold `chunk.count - abytes` bytes;
        /// returns true when it was the final chunk. Throws as `pull(_:)` does.
        public mutating func pull(_ chunk: UnsafeRawBufferPointer, to out: UnsafeMutableRawBufferPointer) throws -> Bool {
            guard !sawFinal, !failed, chunk.count >= abytes, out.count >= chunk.count - abytes else {
                failed = true
                throw AbriCryptoError.authenticationFailed
            }
            let s = state.streamState
            var tag: UInt8 = 0
            let m = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let code = withNonNullPointer(chunk) { c, clen in
                crypto_secretstream_xchacha20poly1305_pull(s, m, nil, &tag, c, UInt64(clen), nil, 0)
            }
            guard code == 0 else {
                failed = true
                throw AbriCryptoError.authenticationFailed
            }
            if tag == UInt8(crypto_secretstream_xchacha20poly1305_tag_final()) { sawFinal = true }
            return sawFinal
        }

        /// Throws `.failure("truncated stream")` unless the final chunk was read; call it at the end of the input.
        public func finish() throws {
            guard sawFinal else { throw AbriCryptoError.failure("truncated stream") }
        }
    }
}

extension SecureBytes {
    /// This memory seen as a secretstream state; the state struct holds bytes only, so any alignment serves.
    fileprivate var streamState: UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state> {
        UnsafeMutableRawPointer(mutableBytes).assumingMemoryBound(to: crypto_secretstream_xchacha20poly1305_state.self)
    }
}
