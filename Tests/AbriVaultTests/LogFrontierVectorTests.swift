import AbriCrypto
@testable import AbriVault
import Foundation
import Testing

/// The access log's tree (`LogFrontier`, what every command appends to and `verify` recomputes) checked against
/// the RFC 6962 test data of transparency-dev/merkle (../shared/vectors/merkle). The data's valid proofs are
/// over the eight reference leaves of RFC 6962's test tree (listed below, as in transparency-dev's
/// `testdata`): for each, the frontier after appending the first n leaves must give the file's root, its leaf
/// hash must be the file's, and the vetted verifiers must accept the file's proof against the frontier's roots.
/// A frontier stored at the old size and restored (as the history guard keeps it) must give the new root too.
struct LogFrontierVectorTests {
    static let leaves: [[UInt8]] = [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        Array(0x50 ... 0x57), Array(0x60 ... 0x6f),
    ]

    struct InclusionCase: Decodable { let leafIdx, treeSize: UInt64; let root, leafHash: String; let proof: [String]?; let wantErr: Bool }
    struct ConsistencyCase: Decodable { let size1, size2: UInt64; let root1, root2: String; let proof: [String]?; let wantErr: Bool }

    static let vectors: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/vectors/merkle")

    /// The frontier after the first `count` reference leaves.
    static func frontier(_ count: UInt64) -> LogFrontier {
        var frontier = LogFrontier()
        for leaf in leaves.prefix(Int(count)) { frontier.append(leafHash: LogFrontier.leafHash(leaf)) }
        return frontier
    }

    static func files(_ kind: String) throws -> [URL] {
        let names = try FileManager.default.subpathsOfDirectory(atPath: vectors.appendingPathComponent(kind).path)
        return names.filter { $0.hasSuffix("happy-path.json") }.sorted().map { vectors.appendingPathComponent(kind + "/" + $0) }
    }

    @Test func theLogsRootsMatchTheInclusionData() throws {
        let files = try Self.files("inclusion")
        #expect(files.count == 5)
        for file in files {
            let test = try JSONDecoder().decode(InclusionCase.self, from: Data(contentsOf: file))
            try #require(!test.wantErr)
            let frontier = Self.frontier(test.treeSize)
            #expect(frontier.size == Int(test.treeSize))
            #expect(frontier.root == b64(test.root), "\(file.path)")
            #expect(LogFrontier.leafHash(Self.leaves[Int(test.leafIdx)]) == b64(test.leafHash), "\(file.path)")
            #expect(throws: Never.self, "\(file.path)") {
                try MerkleTree.verifyInclusion(index: test.leafIdx, treeSize: test.treeSize, leafHash: b64(test.leafHash),
                                               proof: (test.proof ?? []).map(b64), root: frontier.root)
            }
        }
    }

    @Test func theLogsRootsMatchTheConsistencyDataAcrossAStoredFrontier() throws {
        let files = try Self.files("consistency")
        #expect(files.count == 5)
        for file in files {
            let test = try JSONDecoder().decode(ConsistencyCase.self, from: Data(contentsOf: file))
            try #require(!test.wantErr)
            let old = Self.frontier(test.size1)
            #expect(old.root == b64(test.root1), "\(file.path)")
            // Stored and restored at the old size, then the rest appended: the root at the new size.
            var resumed = try LogFrontier(encoded: old.encoded())
            for leaf in Self.leaves[Int(test.size1) ..< Int(test.size2)] { resumed.append(leafHash: LogFrontier.leafHash(leaf)) }
            #expect(resumed.root == b64(test.root2), "\(file.path)")
            #expect(Self.frontier(test.size2).root == b64(test.root2), "\(file.path)")
            #expect(throws: Never.self, "\(file.path)") {
                try MerkleTree.verifyConsistency(oldSize: test.size1, newSize: test.size2, oldRoot: old.root,
                                                 newRoot: resumed.root, proof: (test.proof ?? []).map(b64))
            }
        }
    }

    @Test func theEmptyLogsRootIsTheHashOfNothing() {
        #expect(LogFrontier().root == SHA256.hash([]))
        #expect(LogFrontier().root == Head.empty.root)
    }

    /// A stored frontier whose hash count does not match its size is damage (65), not a trap.
    @Test func aFrontierWithTheWrongNumberOfHashesIsRefused() throws {
        var bytes = Self.frontier(5).encoded()   // size 5: two subtree roots
        bytes.removeLast(32)
        #expect(throws: AbriError.self) { try LogFrontier(encoded: bytes) }
    }

    private func b64(_ text: String) -> [UInt8] { Array(Data(base64Encoded: text) ?? Data()) }
}
