@_spi(Fuzzing) import AbriHub
import AbriCrypto
import AbriPublic
import Foundation
import Testing

/// Replays what the hub's fuzzers found: every file of `FuzzRegression/<target>/` (an input that once crashed or
/// tripped a round-trip check) and of the seed corpus `Fuzz/corpus/<target>/` goes through the same
/// `HubFuzzEntryPoints` function as the libFuzzer target. A regression traps, which fails `make test`.
struct HubFuzzRegressionTests {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let regressions = testsDirectory.appendingPathComponent("FuzzRegression")
    static let corpus = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    static func files(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { directory.appendingPathComponent($0) }
    }

    static var targetNames: [String] { HubFuzzEntryPoints.all.map(\.name) }

    @Test(arguments: targetNames)
    func replaysRegressionsAndSeeds(target: String) throws {
        let run = try #require(HubFuzzEntryPoints.all.first { $0.name == target }?.run)
        let inputs = Self.files(in: Self.regressions.appendingPathComponent(target))
            + Self.files(in: Self.corpus.appendingPathComponent(target))
        for file in inputs {
            run([UInt8](try Data(contentsOf: file)))
        }
    }

    /// Every regression folder names an entry point (a typo would silently replay nothing).
    @Test func regressionFoldersNameEntryPoints() {
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: Self.regressions.path)) ?? [])
            .filter { !$0.hasPrefix(".") && $0 != "README.md" }
        for folder in folders {
            #expect(Self.targetNames.contains(folder), "FuzzRegression/\(folder) names no fuzz entry point")
        }
    }

    /// The seeds are real requests, signed as the hub's tests sign them: the hub lets each one's signer in (so the
    /// fuzzer starts from past the signature check).
    @Test func theSeedsAreSignedRequests() throws {
        let seeds = Self.files(in: Self.corpus.appendingPathComponent("hub-request"))
        #expect(!seeds.isEmpty, "Fuzz/corpus/hub-request has no seed")
        for file in seeds {
            #expect(HubFuzzEntryPoints.signer([UInt8](try Data(contentsOf: file))) != nil, "\(file.lastPathComponent)")
        }
    }

    /// The edge cases the entry points must survive, whatever the fuzzers found.
    @Test(arguments: targetNames)
    func survivesEdgeCases(target: String) throws {
        let run = try #require(HubFuzzEntryPoints.all.first { $0.name == target }?.run)
        for input: [UInt8] in [[], [0], [0xFF], [10], [10, 10], [10, 10, 10], Array("GET\n/v1/vaults/\n:\n\n".utf8),
                               Array("GET\n/v1/vaults/00/changes?\n\n".utf8), Array("GET\n?&&=\nAbri-Date: 1\n\n".utf8),
                               [UInt8](repeating: 0xFF, count: 300)] {
            run(input)
        }
    }

    /// Writes the seeds of `hub-request` into `$ABRI_HUB_SEEDS_OUT` (scripts/make-network-seeds.sh); nothing otherwise.
    @Test func writesTheSeedsWhenAsked() throws {
        guard let out = ProcessInfo.processInfo.environment["ABRI_HUB_SEEDS_OUT"] else { return }
        let directory = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let vault = try VaultBuilder()
        let creation = ChangeList(base: 0, changes: try vault.creation(entries: 2, extra: 1)).encoded()
        let push = ChangeList(base: 9, changes: vault.records(1, size: 64)).encoded()
        let key = try WireColumns([(name: "id", value: .blob(Random.bytes(16)))]).encoded
        let cursor = FeedCursor(seq: 7, table: "records", key: key)
        let base = "/v1/vaults/\(vault.hex)"
        let requests: [(name: String, method: String, target: String, body: [UInt8], signer: TestIdentity)] = [
            ("create", "PUT", base, creation, vault.admin),
            ("push", "POST", base + "/push", push, vault.member),
            ("changes", "GET", base + "/changes?since=0", [], vault.member),
            ("changes-after", "GET", base + "/changes?since=12&after=\(cursor.text)&attachments=on-demand", [], vault.member),
            ("head", "GET", base + "/head", [], vault.admin),
            ("attachment", "GET", base + "/attachments/\(Hex.encode(Random.bytes(16)))", [], vault.member),
        ]
        for request in requests {
            // As HTTPClient sends it (127.0.0.1:8443), in the framing of HubFuzzEntryPoints.
            var head = "\(request.method)\n\(request.target)\nHost: 127.0.0.1:8443\nConnection: close\nContent-Length: \(request.body.count)\n"
            for (name, value) in try request.signer.headers(method: request.method, target: request.target, body: request.body,
                                                            date: HubFuzzEntryPoints.seedDate) {
                head += "\(name): \(value)\n"
            }
            let bytes = Array((head + "\n").utf8) + request.body
            #expect(HubFuzzEntryPoints.signer(bytes) == request.signer.line)
            try Data(bytes).write(to: directory.appendingPathComponent(request.name))
        }
    }
}
