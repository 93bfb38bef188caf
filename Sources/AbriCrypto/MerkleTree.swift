/// RFC 6962 Merkle trees over SHA-256: hashes, proofs, and their verification.
///
/// The verifiers follow transparency-dev/merkle's `proof` package, and are
/// checked against its test data.
public struct MerkleTree {
    /// The hash length in bytes.
    public static let hashBytes = 32

    /// The hash of a leaf entry: SHA-256(0x00 ‖ entry).
    public static func leafHash(_ entry: [UInt8]) -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update([0x00])
        hasher.update(entry)
        return hasher.finalize()
    }

    /// The hash of an inner node: SHA-256(0x01 ‖ left ‖ right).
    public static func nodeHash(_ l: [UInt8], _ r: [UInt8]) -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update([0x01])
        hasher.update(l)
        hasher.update(r)
        return hasher.finalize()
    }

    /// The root of the tree with these leaf hashes; the empty tree's root is SHA-256 of the empty string.
    public static func rootHash(leafHashes: [[UInt8]]) -> [UInt8] {
        var range = CompactRange()
        for leaf in leafHashes { range.append(leafHash: leaf) }
        return range.rootHash()
    }

    /// The audit path proving that leaf `index` is in the tree (RFC 6962, section 2.1.1).
    public static func inclusionProof(index: Int, leafHashes: [[UInt8]]) -> [[UInt8]] {
        precondition(index >= 0 && index < leafHashes.count, "leaf index outside the tree")
        return path(index, leafHashes[...])
    }

    /// The proof that the tree's first `oldSize` leaves are a prefix of it (RFC 6962, section 2.1.2).
    public static func consistencyProof(oldSize: Int, leafHashes: [[UInt8]]) -> [[UInt8]] {
        precondition(oldSize > 0 && oldSize <= leafHashes.count, "old size outside the tree")
        if oldSize == leafHashes.count { return [] }
        return subproof(oldSize, leafHashes[...], complete: true)
    }

    /// Throws unless `proof` shows that `leafHash` is leaf `index` of the tree of `treeSize` leaves with `root`.
    public static func verifyInclusion(index: UInt64, treeSize: UInt64, leafHash: [UInt8], proof: [[UInt8]], root: [UInt8]) throws {
        guard index < treeSize else { throw MerkleError.indexOutOfRange }
        try requireHashLengths([leafHash, root] + proof)
        let (inner, border) = decomposeInclusionProof(index: index, size: treeSize)
        guard proof.count == inner + border else { throw MerkleError.wrongProofSize }
        var hash = chainInner(leafHash, proof[..<inner], index: index)
        hash = chainBorderRight(hash, proof[inner...])
        guard ConstantTime.equals(hash, root) else { throw MerkleError.rootMismatch }
    }

    /// Throws unless `proof` shows that the tree of `oldSize` leaves with `oldRoot` is a prefix of the tree of `newSize` leaves with `newRoot`.
    public static func verifyConsistency(oldSize: UInt64, newSize: UInt64, oldRoot: [UInt8], newRoot: [UInt8], proof: [[UInt8]]) throws {
        guard oldSize <= newSize else { throw MerkleError.treeShrank }
        // Every tree extends the empty one, so such a proof would prove nothing.
        guard oldSize > 0 else { throw MerkleError.emptyOldTree }
        if oldSize == newSize {
            guard proof.isEmpty else { throw MerkleError.unexpectedProof }
            guard ConstantTime.equals(oldRoot, newRoot) else { throw MerkleError.rootMismatch }
            return
        }
        guard !proof.isEmpty else { throw MerkleError.wrongProofSize }
        try requireHashLengths([oldRoot, newRoot] + proof)

        var (inner, border) = decomposeInclusionProof(index: oldSize - 1, size: newSize)
        let shift = oldSize.trailingZeroBitCount
        inner -= shift
        // The proof starts with the root of the old tree's last complete subtree,
        // unless the old tree is itself complete (a power of two) and that root is oldRoot.
        let seed: [UInt8]
        var rest = proof[...]
        if oldSize == UInt64(1) << shift {
            seed = oldRoot
        } else {
            seed = proof[0]
            rest = proof[1...]
        }
        guard rest.count == inner + border else { throw MerkleError.wrongProofSize }
        let innerPart = rest.prefix(inner)
        let borderPart = rest.dropFirst(inner)
        let mask = (oldSize - 1) >> UInt64(shift)

        let hash1 = chainBorderRight(chainInnerRight(seed, innerPart, index: mask), borderPart)
        guard ConstantTime.equals(hash1, oldRoot) else { throw MerkleError.rootMismatch }
        let hash2 = chainBorderRight(chainInner(seed, innerPart, index: mask), borderPart)
        guard ConstantTime.equals(hash2, newRoot) else { throw MerkleError.rootMismatch }
    }

    // MARK: - Verification helpers (transparency-dev/merkle, proof/verify.go)

    private static func requireHashLengths(_ hashes: [[UInt8]]) throws {
        for hash in hashes where hash.count != hashBytes { throw MerkleError.wrongHashLength }
    }

    /// How many proof hashes lie below the point where the leaf's path leaves the tree's right border, and how many on it.
    private static func decomposeInclusionProof(index: UInt64, size: UInt64) -> (inner: Int, border: Int) {
        let inner = UInt64.bitWidth - (index ^ (size - 1)).leadingZeroBitCount
        let border = (inner >= 64 ? 0 : index >> UInt64(inner)).nonzeroBitCount
        return (inner, border)
    }

    private static func chainInner(_ seed: [UInt8], _ proof: ArraySlice<[UInt8]>, index: UInt64) -> [UInt8] {
        var hash = seed
        for (i, sibling) in proof.enumerated() {
            hash = (index >> UInt64(i)) & 1 == 0 ? nodeHash(hash, sibling) : nodeHash(sibling, hash)
        }
        return hash
    }

    private static func chainInnerRight(_ seed: [UInt8], _ proof: ArraySlice<[UInt8]>, index: UInt64) -> [UInt8] {
        var hash = seed
        for (i, sibling) in proof.enumerated() where (index >> UInt64(i)) & 1 == 1 {
            hash = nodeHash(sibling, hash)
        }
        return hash
    }

    private static func chainBorderRight(_ seed: [UInt8], _ proof: ArraySlice<[UInt8]>) -> [UInt8] {
        proof.reduce(seed) { hash, sibling in nodeHash(sibling, hash) }
    }

    // MARK: - Proof generation (RFC 6962, section 2.1)

    /// The largest power of two smaller than `n` (n > 1).
    private static func split(_ n: Int) -> Int {
        1 << (Int.bitWidth - (n - 1).leadingZeroBitCount - 1)
    }

    private static func root(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        rootHash(leafHashes: Array(leaves))
    }

    private static func path(_ m: Int, _ leaves: ArraySlice<[UInt8]>) -> [[UInt8]] {
        let n = leaves.count
        if n <= 1 { return [] }
        let k = split(n)
        let left = leaves.prefix(k), right = leaves.dropFirst(k)
        if m < k { return path(m, left) + [root(right)] }
        return path(m - k, right) + [root(left)]
    }

    private static func subproof(_ m: Int, _ leaves: ArraySlice<[UInt8]>, complete: Bool) -> [[UInt8]] {
        let n = leaves.count
        if m == n { return complete ? [] : [root(leaves)] }
        let k = split(n)
        let left = leaves.prefix(k), right = leaves.dropFirst(k)
        if m <= k { return subproof(m, left, complete: complete) + [root(right)] }
        return subproof(m - k, right, complete: false) + [root(left)]
    }
}
