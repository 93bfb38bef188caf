/// The hashes of the complete subtrees covering a tree's leaves so far, so that the root
/// of every prefix of a log can be computed in one pass over its leaves.
public struct CompactRange: Sendable {
    /// Subtree roots from the largest (leftmost) to the smallest; one per set bit of `size`.
    private var hashes: [[UInt8]] = []

    /// The number of leaves appended.
    public private(set) var size: UInt64 = 0

    /// An empty range.
    public init() {}

    /// A range restored from its size and its subtree roots (largest first, one per set bit of `size`), as
    /// `subtreeHashes` gave them; a wrong count or a hash of the wrong length is `wrongHashLength`.
    public init(size: UInt64, subtreeHashes: [[UInt8]]) throws(MerkleError) {
        guard subtreeHashes.count == size.nonzeroBitCount,
              subtreeHashes.allSatisfy({ $0.count == MerkleTree.hashBytes }) else { throw .wrongHashLength }
        self.size = size
        hashes = subtreeHashes
    }

    /// The roots of the complete subtrees, largest (leftmost) first: enough to keep the range and resume it.
    public var subtreeHashes: [[UInt8]] { hashes }

    /// Appends the next leaf hash, merging equal-sized subtrees.
    public mutating func append(leafHash: [UInt8]) {
        var hash = leafHash
        var s = size
        while s & 1 == 1 {
            hash = MerkleTree.nodeHash(hashes.removeLast(), hash)
            s >>= 1
        }
        hashes.append(hash)
        size += 1
    }

    /// The RFC 6962 root of the leaves appended so far.
    public func rootHash() -> [UInt8] {
        guard var hash = hashes.last else { return SHA256.hash([]) }
        for left in hashes.dropLast().reversed() {
            hash = MerkleTree.nodeHash(left, hash)
        }
        return hash
    }
}
