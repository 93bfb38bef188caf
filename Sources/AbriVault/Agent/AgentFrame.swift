public import AbriCrypto
import Foundation
#if canImport(Glibc)
import Glibc
public import AbriPublic
#endif

/// The agent's wire format (Docs/FORMAT.md §6): one request and one reply per connection, each a frame
/// `length(u32, big-endian) ‖ code(u8) ‖ payload`, where `length` counts the code and the payload.
enum AgentFrame {
    /// The largest frame either end accepts: what a command signs is a record with its sealed parts' context, or a
    /// digest; 16 MiB leaves room and bounds what a peer can make the agent hold.
    static let maximumLength = 16 << 20

    /// What a command asks of the agent.
    enum Request: UInt8 {
        /// Empty payload; the reply is the 64 bytes of the public identity (X25519 ‖ Ed25519 public keys).
        case hello = 1
        /// The payload is the message; the reply is its 64-byte Ed25519 signature.
        case sign = 2
        /// The payload is a sealed box; the reply is what it holds.
        case openSealed = 3
        /// The payload is a 32-byte X25519 public key; the reply is the 32-byte key shared with it.
        case sharedKey = 4
        /// Empty payload; the reply is empty and the agent then wipes its keys and exits.
        case stop = 5
    }

    /// A reply's code: `ok` with its payload, or `refused` with none (a box not sealed to the identity, a malformed
    /// request).
    static let ok: UInt8 = 0
    static let refused: UInt8 = 1

    /// Writes `code ‖ payload` as one frame.
    static func write(_ fd: Int32, code: UInt8, payload: UnsafeRawBufferPointer) throws {
        try header(code: code, payloadLength: payload.count).withUnsafeBytes { try writeAll(fd, $0) }
        if payload.count > 0 { try writeAll(fd, payload) }
    }

    static func write(_ fd: Int32, code: UInt8, payload: [UInt8] = []) throws {
        try payload.withUnsafeBytes { try write(fd, code: code, payload: $0) }
    }

    /// The bytes of a frame's header: `length(u32, big-endian) ‖ code`.
    static let headerBytes = 5

    /// The header of a frame of `code` and a payload of `payloadLength` bytes.
    static func header(code: UInt8, payloadLength: Int) -> [UInt8] {
        let length = UInt32(payloadLength + 1)
        return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF), code]
    }

    /// Parses a frame's 5-byte header: its code and the length of its payload (at most `maximumLength - 1`).
    static func parseHeader(_ header: [UInt8]) throws -> (code: UInt8, payloadLength: Int) {
        guard header.count == headerBytes else { throw AbriError.badData("the agent's frame has a bad header") }
        let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        guard length >= 1, length <= maximumLength else { throw AbriError.badData("the agent's frame has a bad length") }
        return (header[4], length - 1)
    }

    /// Reads one frame's code and the length of its payload; the payload is read next with `readAll`.
    static func readHeader(_ fd: Int32) throws -> (code: UInt8, payloadLength: Int) {
        var header = [UInt8](repeating: 0, count: headerBytes)
        try header.withUnsafeMutableBytes { try readAll(fd, $0) }
        return try parseHeader(header)
    }

    /// Reads exactly `buffer.count` bytes.
    static func readAll(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) throws {
        var offset = 0
        while offset < buffer.count {
            let got = read(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw AbriError.io("the agent's connection closed early") }
            offset += got
        }
    }

    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < buffer.count {
            let written = send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw AbriError.io("the agent's connection closed early") }
            offset += written
        }
    }

    /// Overwrites an array that held a request (a message to sign may hold a record's text) before it is freed.
    static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            explicit_bzero(base, raw.count)
        }
    }
}
