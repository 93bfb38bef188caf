import AbriCrypto
import Foundation
import Testing

/// RFC 6962 proofs: transparency-dev/merkle's test data, and proofs from this module's own generator.
struct MerkleTests {
    struct InclusionCase: Decodable {
        let leafIdx, treeSize: UInt64
        let root, leafHash: String
        let proof: [String]?
        let desc: String
        let wantErr: Bool
    }

    struct ConsistencyCase: Decodable {
        let size1, size2: UInt64
        let root1, root2: String
        let proof: [String]?
        let desc: String
        let wantErr: Bool
    }

    @Test func inclusionVerifierAgreesWithEveryTestDataFile() throws {
        let files = Vectors.jsonFiles(under: "merkle/inclusion")
        #expect(files.count == 98)
        for file in files {
            let test = try JSONDecoder().decode(InclusionCase.self, from: Data(contentsOf: file))
            let outcome = Result {
                try MerkleTree.verifyInclusion(
                    index: test.leafIdx, treeSize: test.treeSize, leafHash: base64(test.leafHash),
                    proof: (test.proof ?? []).map(base64), root: base64(test.root))
            }
            if case .failure(let error) = outcome {
                #expect(test.wantErr, "\(file.path): \(test.desc) rejected: \(error)")
                #expect(error is MerkleError)
            } else {
                #expect(!test.wantErr, "\(file.path): \(test.desc) accepted")
            }
        }
    }

    /// The one surprise in the data: equal sizes compare the roots as given, whatever their length.
    @Test func consistencyVerifierAgreesWithEveryTestDataFile() throws {
        let files = Vectors.jsonFiles(under: "merkle/consistency")
        #expect(files.count == 98)
        for file in files {
            let test = try JSONDecoder().decode(ConsistencyCase.self, from: Data(contentsOf: file))
            let outcome = Result {
                try MerkleTree.verifyConsistency(
                    oldSize: test.size1, newSize: test.size2, oldRoot: base64(test.root1), newRoot: base64(test.root2),
                    proof: (test.proof ?? []).map(base64))
            }
            if case .failure(let error) = outcome {
                #expect(test.wantErr, "\(file.path): \(test.desc) rejected: \(error)")
                #expect(error is MerkleError)
            } else {
                #expect(!test.wantErr, "\(file.path): \(test.desc) accepted")
            }
        }
    }

    @Test func emptyTreeRootIsTheHashOfNothing() {
        #expect(MerkleTree.rootHash(leafHashes: []) == SHA256.hash([]))
        #expect(CompactRange().rootHash() == SHA256.hash([]))
    }

    /// RFC 6962's leaf and node prefixes, checked against the test data's leaf hash of the empty entry.
    @Test func leafHashOfEmptyEntryMatchesTheTestData() {
        #expect(MerkleTree.leafHash([]) == base64("bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0="))
    }

    /// The test data's 8-leaf tree (entries "", 00, 10, 2021, 3031, 40414243, 5051…57, 6061…6f).
    @Test func rootOfTheTestDataTreeMatches() {
        let entries: [[UInt8]] = [
            [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
            [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57], Array(0x60...0x6f),
        ]
        let root = MerkleTree.rootHash(leafHashes: entries.map(MerkleTree.leafHash))
        #expect(root == base64("XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg="))
    }

    @Test func generatedProofsVerifyForEverySizeUpTo64() throws {
        let leaves = (0..<64).map { MerkleTree.leafHash([UInt8($0), 0xAB]) }
        var range = CompactRange()
        var roots: [[UInt8]] = []
        for leaf in leaves {
            range.append(leafHash: leaf)
            roots.append(range.rootHash())
        }
        #expect(range.size == 64)
        for size in 1...64 {
            let tree = Array(leaves.prefix(size))
            let root = roots[size - 1]
            #expect(MerkleTree.rootHash(leafHashes: tree) == root)
            for index in 0..<size {
                let proof = MerkleTree.inclusionProof(index: index, leafHashes: tree)
                try MerkleTree.verifyInclusion(index: UInt64(index), treeSize: UInt64(size), leafHash: tree[index], proof: proof, root: root)
                #expect(throws: MerkleError.self) {
                    try MerkleTree.verifyInclusion(
                        index: UInt64(index), treeSize: UInt64(size), leafHash: MerkleTree.leafHash([0xFF]), proof: proof, root: root)
                }
            }
            for oldSize in 1...size {
                let proof = MerkleTree.consistencyProof(oldSize: oldSize, leafHashes: tree)
                try MerkleTree.verifyConsistency(
                    oldSize: UInt64(oldSize), newSize: UInt64(size), oldRoot: roots[oldSize - 1], newRoot: root, proof: proof)
                if oldSize < size {
                    #expect(throws: MerkleError.rootMismatch) {
                        try MerkleTree.verifyConsistency(
                            oldSize: UInt64(oldSize), newSize: UInt64(size), oldRoot: roots[oldSize - 1],
                            newRoot: roots[size - 2], proof: proof)
                    }
                }
            }
        }
    }

    @Test func wrongLengthHashesAndEmptyOldTreesAreRejected() {
        let leaf = MerkleTree.leafHash([1])
        #expect(throws: MerkleError.wrongHashLength) {
            try MerkleTree.verifyInclusion(index: 0, treeSize: 1, leafHash: Array(leaf.dropLast()), proof: [], root: leaf)
        }
        #expect(throws: MerkleError.emptyOldTree) {
            try MerkleTree.verifyConsistency(oldSize: 0, newSize: 1, oldRoot: SHA256.hash([]), newRoot: leaf, proof: [])
        }
        #expect(throws: MerkleError.indexOutOfRange) {
            try MerkleTree.verifyInclusion(index: 1, treeSize: 1, leafHash: leaf, proof: [], root: leaf)
        }
    }
}
