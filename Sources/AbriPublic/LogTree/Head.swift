import AbriCrypto
import Foundation

/// A tree head: how many entries the log holds and the Merkle root over them.
public struct Head: Equatable, Sendable {
    /// Number of entries.
    public var size: Int
    /// RFC 6962 root hash (SHA-256).
    public var root: [UInt8]

    package init(size: Int, root: [UInt8]) {
        self.size = size
        self.root = root
    }

    /// The head of an empty log.
    public static let empty = Head(size: 0, root: SHA256.hash([]))

    /// The signed-note text of this head (Docs/FORMAT.md §3.7): the tree, the day, the roster in force and the
    /// size of the head stored before it.
    package func noteText(vaultHex: String, day: String, binding: HeadBinding) -> [UInt8] {
        Array(("abri.vault/\(vaultHex)\n\(size)\n\(Data(root).base64EncodedString())\n\(day)\n"
            + "roster \(binding.rosterVersion) \(Data(binding.rosterHash).base64EncodedString())\n"
            + "keys \(Data(binding.keys).base64EncodedString())\n"
            + "previous \(binding.previous)\n").utf8)
    }
}

/// What a signed head binds besides the tree: the roster version in force and its hash, so that a roster rolled
/// back under a head is seen; the digest of the key custody tables (`Custody.digest`), so that generations and seals
/// rolled back under it are seen; and the size of the head stored before it, so that a deleted head is seen.
package struct HeadBinding: Equatable, Sendable {
    package var rosterVersion: Int
    package var rosterHash: [UInt8]
    package var keys: [UInt8]
    package var previous: Int

    package init(rosterVersion: Int, rosterHash: [UInt8], keys: [UInt8], previous: Int) {
        self.rosterVersion = rosterVersion
        self.rosterHash = rosterHash
        self.keys = keys
        self.previous = previous
    }
}

/// A head's signed note, as read back from its text (`abri checkpoint export` writes one to a file).
package struct HeadNote: Equatable, Sendable {
    package var vaultHex: String
    package var head: Head
    package var day: String
    package var binding: HeadBinding

    package func text() -> [UInt8] { head.noteText(vaultHex: vaultHex, day: day, binding: binding) }

    /// Parses exactly the text `Head.noteText` writes; nil for anything else.
    package init?(text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count == 8, lines[7].isEmpty, lines[0].hasPrefix("abri.vault/"),
              let size = Int(lines[1]), size >= 0, let root = Data(base64Encoded: lines[2]), root.count == 32 else { return nil }
        let roster = lines[4].split(separator: " ").map(String.init)
        let keys = lines[5].split(separator: " ").map(String.init)
        let previous = lines[6].split(separator: " ").map(String.init)
        guard roster.count == 3, roster[0] == "roster", let version = Int(roster[1]), version >= 0,
              let hash = Data(base64Encoded: roster[2]), hash.count == 32,
              keys.count == 2, keys[0] == "keys", let digest = Data(base64Encoded: keys[1]), digest.count == 32,
              previous.count == 2, previous[0] == "previous", let before = Int(previous[1]), before >= 0, before < max(size, 1)
        else { return nil }
        self.init(vaultHex: String(lines[0].dropFirst("abri.vault/".count)), head: Head(size: size, root: Array(root)),
                  day: lines[3], binding: HeadBinding(rosterVersion: version, rosterHash: Array(hash), keys: Array(digest), previous: before))
        guard Array(text.utf8) == self.text() else { return nil }
    }

    package init(vaultHex: String, head: Head, day: String, binding: HeadBinding) {
        self.vaultHex = vaultHex
        self.head = head
        self.day = day
        self.binding = binding
    }
}

/// The leaf of entry `seq` of the access log (Docs/FORMAT.md §3.6): what the tree heads commit to.
package enum LogLeaf {
    package static func leaf(seq: Int, day: Int32, entry: [UInt8]) -> [UInt8] {
        var writer = ByteWriter()
        writer.raw("abri-log-v3")
        writer.u64(UInt64(seq))
        writer.i32(day)
        writer.blob32(entry)
        return writer.bytes
    }
}

/// The RFC 6962 tree's right edge: the roots of its complete subtrees, enough to append and to compute the root.
package struct LogFrontier {
    /// The vetted RFC 6962 code of AbriCrypto, checked against the transparency-dev test data: one tree for the log.
    private var range = CompactRange()
    package var size: Int { Int(range.size) }
    package var hashes: [[UInt8]] { range.subtreeHashes }

    package init() {}

    package static func leafHash(_ leaf: [UInt8]) -> [UInt8] { MerkleTree.leafHash(leaf) }
    package static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] { MerkleTree.nodeHash(left, right) }

    package mutating func append(leafHash: [UInt8]) {
        range.append(leafHash: leafHash)
    }

    package var root: [UInt8] { range.rootHash() }

    package var head: Head { Head(size: size, root: root) }

    package func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.u64(UInt64(size))
        for hash in hashes { writer.raw(hash) }
        return writer.bytes
    }

    package init(encoded bytes: [UInt8]) throws {
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
