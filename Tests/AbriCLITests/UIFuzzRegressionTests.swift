@_spi(Fuzzing) import AbriUI
import Foundation
import Testing

/// Replays what the web interface's fuzzers found: every file of `FuzzRegression/<target>/` (an input that once
/// crashed or tripped a round-trip check) and of the seed corpus `Fuzz/corpus/<target>/` goes through the same
/// `UIFuzzEntryPoints` function as the libFuzzer target. A regression traps, which fails `make test`.
struct UIFuzzRegressionTests {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let regressions = testsDirectory.appendingPathComponent("FuzzRegression")
    static let corpus = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    static func files(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { directory.appendingPathComponent($0) }
    }

    static var targetNames: [String] { UIFuzzEntryPoints.all.map(\.name) }

    @Test(arguments: targetNames)
    func replaysRegressionsAndSeeds(target: String) throws {
        let run = try #require(UIFuzzEntryPoints.all.first { $0.name == target }?.run)
        let inputs = Self.files(in: Self.regressions.appendingPathComponent(target))
            + Self.files(in: Self.corpus.appendingPathComponent(target))
        #expect(!Self.files(in: Self.corpus.appendingPathComponent(target)).isEmpty, "Fuzz/corpus/\(target) has no seed")
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

    /// The multipart seeds are forms as Chromium sends them: `abri ui` reads each (so the fuzzer starts from inside
    /// the format).
    @Test func theMultipartSeedsParse() throws {
        for file in Self.files(in: Self.corpus.appendingPathComponent("ui-multipart")) {
            #expect(UIFuzzEntryPoints.multipartCounts([UInt8](try Data(contentsOf: file))) != nil, "\(file.lastPathComponent)")
        }
    }

    /// The edge cases the entry points must survive, whatever the fuzzers found.
    @Test(arguments: targetNames)
    func survivesEdgeCases(target: String) throws {
        let run = try #require(UIFuzzEntryPoints.all.first { $0.name == target }?.run)
        for input: [UInt8] in [[], [0], [0xFF], [10], Array("%".utf8), Array("%%%&&==+".utf8), Array("a=%F0%9F".utf8),
                               Array("multipart/form-data; boundary=b\n".utf8),
                               Array("multipart/form-data; boundary=b\n--b\r\n".utf8),
                               Array("multipart/form-data; boundary=b\n--b\r\n\r\n\r\n--b--".utf8),
                               Array("multipart/form-data; boundary=\"\"\n--\r\n".utf8),
                               [UInt8](repeating: 0xFF, count: 300)] {
            run(input)
        }
    }
}
