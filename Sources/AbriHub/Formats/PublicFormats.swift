import AbriCrypto
import Foundation

// The public formats of FORMAT §2, §3.1, §3.6 and §3.7 that the hub reads: an identity line, a roster body, a log
// leaf, a head's signed note and the tree's right edge. They are kept together here, the only file to change when
// the vault's own types of these formats are shared with the hub.

/// A public identity line (`abri1…`, FORMAT §2), reduced to what the hub needs: its Ed25519 key.
struct IdentityLine: Equatable, Sendable {
    let line: String
    let signingKey: [UInt8]

    private static let prefix = "abri1"
    private static let checksumContext = Array("abri-public-identity-v1".utf8)

    /// Parses exactly the 114 characters `abri identity show` prints; nil for anything else.
    init?(parsing text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 114, text.hasPrefix(Self.prefix),
              let payload = Self.base32(utf8.dropFirst(Self.prefix.utf8.count)), payload.count == 68 else { return nil }
        let keys = Array(payload[0 ..< 64])
        guard Array(BLAKE2b.hash(Self.checksumContext + keys).prefix(4)) == Array(payload[64 ..< 68]) else { return nil }
        line = text
        signingKey = Array(keys[32 ..< 64])
    }

    /// RFC 4648 base32, lower case, no padding, with zero trailing bits.
    private static func base32(_ digits: ArraySlice<UInt8>) -> [UInt8]? {
        var bytes: [UInt8] = []
        var buffer: UInt32 = 0, bits = 0
        for digit in digits {
            let value: UInt8
            switch digit {
            case UInt8(ascii: "a") ... UInt8(ascii: "z"): value = digit - UInt8(ascii: "a")
            case UInt8(ascii: "2") ... UInt8(ascii: "7"): value = digit - UInt8(ascii: "2") + 26
            default: return nil
            }
            buffer = buffer << 5 | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        return buffer == 0 ? bytes : nil
    }
}

/// The parts of a signed roster body (FORMAT §3.1) that the hub checks.
struct RosterBody: Decodable, Sendable {
    struct LogKey: Decodable, Sendable {
        var generation: Int
        var publicKey: String
    }

    struct Member: Decodable, Sendable {
        var identity: String
        var removed: Bool
    }

    var vault: String
    var version: Int
    var admin: String
    var logKey: LogKey
    var members: [Member]
    var previous: String?

    static let signatureContext = Array("abri-roster-v1\n".utf8)

    /// The body, once its signature by `admin` checks out; nil otherwise or when it does not parse.
    static func verified(body: [UInt8], signature: [UInt8], admin: IdentityLine) -> RosterBody? {
        guard Ed25519.isValidSignature(signature, for: signatureContext + body, publicKey: admin.signingKey),
              let roster = try? JSONDecoder().decode(RosterBody.self, from: Data(body)) else { return nil }
        return roster
    }

    /// `H(body)`, what heads and the next version name.
    static func hash(_ body: [UInt8]) -> [UInt8] { BLAKE2b.hash(body) }

    /// Whether `identity` is a current member (listed and not removed).
    func isCurrentMember(_ identity: IdentityLine) -> Bool {
        members.contains { !$0.removed && IdentityLine(parsing: $0.identity)?.signingKey == identity.signingKey }
    }

    /// The Ed25519 key of the log key this version names, nil when none yet.
    var logPublicKey: [UInt8]? {
        guard let key = Data(base64Encoded: logKey.publicKey), key.count == 32 else { return nil }
        return Array(key)
    }
}

/// The leaf of log entry `seq` (FORMAT §3.6): `"abri-log-v3" ‖ u64 seq ‖ i32 day ‖ u32 len ‖ entry`.
enum LogLeaf {
    static func bytes(seq: Int64, day: Int32, entry: [UInt8]) -> [UInt8] {
        var bytes = Array("abri-log-v3".utf8)
        withUnsafeBytes(of: UInt64(bitPattern: seq).littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: day.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: entry.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: entry)
        return bytes
    }

    static func hash(seq: Int64, day: Int32, entry: [UInt8]) -> [UInt8] {
        MerkleTree.leafHash(bytes(seq: seq, day: day, entry: entry))
    }
}

/// A head's signed-note text (FORMAT §3.7), from the columns of its `heads` row.
enum HeadText {
    static func text(vaultHex: String, size: Int64, root: [UInt8], day: String, rosterVersion: Int64,
                     rosterHash: [UInt8], keys: [UInt8], previous: Int64) -> [UInt8] {
        Array(("abri.vault/\(vaultHex)\n\(size)\n\(Data(root).base64EncodedString())\n\(day)\n"
            + "roster \(rosterVersion) \(Data(rosterHash).base64EncodedString())\n"
            + "keys \(Data(keys).base64EncodedString())\n"
            + "previous \(previous)\n").utf8)
    }
}

/// The tree's right edge as `meta.frontier` stores it: `u64 size ‖ the roots of its complete subtrees`.
struct TreeEdge: Sendable {
    private(set) var range = CompactRange()

    init() {}

    var size: Int64 { Int64(range.size) }
    var root: [UInt8] { range.rootHash() }

    mutating func append(leafHash: [UInt8]) { range.append(leafHash: leafHash) }

    var encoded: [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: range.size.littleEndian) { bytes.append(contentsOf: $0) }
        for hash in range.subtreeHashes { bytes.append(contentsOf: hash) }
        return bytes
    }

    /// The edge the hub stored; nil when it is damaged.
    init?(encoded bytes: [UInt8]) {
        guard bytes.count >= 8 else { return nil }
        var size: UInt64 = 0
        for index in 0 ..< 8 { size |= UInt64(bytes[index]) << (8 * index) }
        guard size < 1 << 62, bytes.count == 8 + 32 * size.nonzeroBitCount else { return nil }
        let hashes = stride(from: 8, to: bytes.count, by: 32).map { Array(bytes[$0 ..< $0 + 32]) }
        guard let range = try? CompactRange(size: size, subtreeHashes: hashes) else { return nil }
        self.range = range
    }
}
