/// Why a Merkle proof was rejected; the messages name no hash and no value.
public enum MerkleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A hash (leaf, root or proof element) was not 32 bytes long.
    case wrongHashLength
    /// The leaf index is not inside the tree.
    case indexOutOfRange
    /// The proof has more or fewer hashes than the sizes call for.
    case wrongProofSize
    /// The new tree is smaller than the old one.
    case treeShrank
    /// A consistency proof from an empty tree proves nothing and is refused.
    case emptyOldTree
    /// A proof between equal sizes must be empty.
    case unexpectedProof
    /// The proof does not lead to the expected root.
    case rootMismatch

    /// A lower-case sentence saying why the proof was rejected.
    public var message: String {
        switch self {
        case .wrongHashLength: "a hash has the wrong length"
        case .indexOutOfRange: "leaf index is outside the tree"
        case .wrongProofSize: "proof has the wrong number of hashes"
        case .treeShrank: "new tree is smaller than the old tree"
        case .emptyOldTree: "consistency from an empty tree is not checked"
        case .unexpectedProof: "proof must be empty for equal tree sizes"
        case .rootMismatch: "proof does not match the root"
        }
    }

    /// The same text as `message`.
    public var description: String { message }
}
