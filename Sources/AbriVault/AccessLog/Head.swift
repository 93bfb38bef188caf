import AbriCrypto
import Foundation

/// A tree head: how many entries the log holds and the Merkle root over them.
public struct Head: Equatable, Sendable {
    /// Number of entries.
    public var size: Int
    /// RFC 6962 root hash (SHA-256).
    public var root: [UInt8]

    /// The head of an empty log.
    public static let empty = Head(size: 0, root: SHA256.hash([]))

    /// The signed-note text of this head (Docs/FORMAT.md §3.7).
    func noteText(vaultHex: String, day: String) -> [UInt8] {
        Array("abri.vault/\(vaultHex)\n\(size)\n\(Data(root).base64EncodedString())\n\(day)\n".utf8)
    }
}

/// The RFC 6962 tree's right edge: the roots of its complete subtrees, enough to append and to compute the root.
struct LogFrontier {
    /// The vetted RFC 6962 code of AbriCrypto, checked against the transparency-dev test data: one tree for the log.
    private var range = CompactRange()
    var size: Int { Int(range.size) }
    var hashes: [[UInt8]] { range.subtreeHashes }

    init() {}

    static func leafHash(_ leaf: [UInt8]) -> [UInt8] { MerkleTree.leafHash(leaf) }
    static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] { MerkleTree.nodeHash(left, right) }

    mutating func append(leafHash: [UInt8]) {
        range.append(leafHash: leafHash)
    }

    var root: [UInt8] { range.rootHash() }

    var head: Head { Head(size: size, root: root) }

    func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.u64(UInt64(size))
        for hash in hashes { writer.raw(hash) }
        return writer.bytes
    }

    init(encoded bytes: [UInt8]) throws {
        let damaged = AbriError.badData("the log's frontier is damaged (run `abri verify`)")
        var reader = ByteReader(bytes, malformed: damaged)
        // A stored size is untrusted: one that does not fit an Int, or leaves no room to append, is damage, not a trap.
        guard let stored = Int(exactly: try reader.u64()), stored < 1 << 62 else { throw damaged }
        var hashes: [[UInt8]] = []
        for _ in 0 ..< stored.nonzeroBitCount { hashes.append(try reader.raw(32)) }
        try reader.expectEnd()
        do { range = try CompactRange(size: UInt64(stored), subtreeHashes: hashes) } catch { throw damaged }
    }
}
