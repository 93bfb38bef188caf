@_spi(Fuzzing) @testable import AbriVault
import AbriCrypto
import Foundation
import Testing

/// Replays what the fuzzers found: every file of `FuzzRegression/<target>/` (an input that once crashed or
/// tripped a round-trip check) and of the seed corpus `Fuzz/corpus/<target>/` goes through the same
/// `FuzzEntryPoints` function as the libFuzzer target. A regression traps, which fails `make test`.
struct FuzzRegressionTests {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let regressions = testsDirectory.appendingPathComponent("FuzzRegression")
    static let corpus = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    static func files(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { directory.appendingPathComponent($0) }
    }

    static var targetNames: [String] { FuzzEntryPoints.all.map(\.name) }

    @Test(arguments: targetNames)
    func replaysRegressionsAndSeeds(target: String) throws {
        let run = try #require(FuzzEntryPoints.all.first { $0.name == target }?.run)
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

    /// The hub's wire seeds are real messages: each parses (so the fuzzers start from inside the format).
    @Test func theWireSeedsParse() throws {
        for file in Self.files(in: Self.corpus.appendingPathComponent("hub-change-list")) {
            #expect((try? ChangeList(decoding: [UInt8](try Data(contentsOf: file)))) != nil, "\(file.lastPathComponent)")
        }
        for file in Self.files(in: Self.corpus.appendingPathComponent("hub-feed-page")) {
            #expect((try? FeedPage(decoding: [UInt8](try Data(contentsOf: file)))) != nil, "\(file.lastPathComponent)")
        }
        for file in Self.files(in: Self.corpus.appendingPathComponent("hub-head")) {
            #expect((try? HeadAnswer(decoding: [UInt8](try Data(contentsOf: file)))) != nil, "\(file.lastPathComponent)")
        }
    }

    /// The seeds of the vault's own rows and files are real layouts: each parses (so the fuzzers start from inside the
    /// format; a seed that the entry point then fails to round-trip traps in `replaysRegressionsAndSeeds`).
    @Test func theStoreSeedsParse() throws {
        func seeds(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
            let files = Self.files(in: Self.corpus.appendingPathComponent(target))
            #expect(!files.isEmpty, "Fuzz/corpus/\(target) has no seed")
            return try files.map { ($0.lastPathComponent, [UInt8](try Data(contentsOf: $0))) }
        }
        for seed in try seeds("grant-body") {
            #expect((try? GrantBody.decode(try SecureBytes(copying: seed.bytes))) != nil, "\(seed.name)")
        }
        for seed in try seeds("log-entry") {
            #expect((try? LogEntry.Parts(seed.bytes, seq: 1)) != nil || FuzzEntryPoints.openedLogPart(seed.bytes) != nil, "\(seed.name)")
        }
        for seed in try seeds("inbox-item") {
            let layout = try #require(FuzzEntryPoints.inboxLayout(seed.bytes), "\(seed.name)")
            let payload = try SecureBytes(copying: Array(seed.bytes[layout.payload]))
            #expect(layout.kind == .withdrawal ? layout.payload.count == 16 : (try? GrantBody.decode(payload)) != nil, "\(seed.name)")
        }
        for seed in try seeds("checkpoint") {
            #expect((try? ExportedCheckpoint(bytes: seed.bytes, source: seed.name)) != nil
                        || HeadNote(text: String(decoding: seed.bytes, as: UTF8.self)) != nil, "\(seed.name)")
        }
        for seed in try seeds("agent-frame") {
            let header = try #require(try? AgentFrame.parseHeader(Array(seed.bytes.prefix(AgentFrame.headerBytes))), "\(seed.name)")
            #expect(seed.bytes.count >= AgentFrame.headerBytes + header.payloadLength, "\(seed.name)")
        }
        for seed in try seeds("attachment-info") {
            let info = try #require(try? JSONDecoder().decode(AttachmentInfo.self, from: Data(seed.bytes)), "\(seed.name)")
            #expect((try? Attachments.checkLayout(info)) != nil, "\(seed.name)")
        }
        for seed in try seeds("feed-cursor") {
            #expect((try? FeedCursor(parsing: String(decoding: seed.bytes, as: UTF8.self))) != nil, "\(seed.name)")
        }
    }

    /// The edge cases every parser must refuse or accept without trapping, whatever the fuzzers found.
    @Test(arguments: targetNames)
    func survivesEdgeCases(target: String) throws {
        let run = try #require(FuzzEntryPoints.all.first { $0.name == target }?.run)
        for input: [UInt8] in [[], [0], [0xFF], [UInt8](repeating: 0, count: 256), [UInt8](repeating: 0xFF, count: 300),
                               [0x80] + [UInt8](repeating: 0, count: 255), Array("{}".utf8), Array("[]".utf8)] {
            run(input)
        }
    }
}
