import Foundation
import Testing

/// The seams the next engineer relies on, read from the sources: SQL and GRDB only in the store on SQLite, and the
/// hub linking nothing that handles a case key.
@Suite struct ArchitectureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every Swift file under `Sources/<module>/`, with its text.
    static func files(in module: String) throws -> [(path: String, text: String)] {
        let folder = root.appendingPathComponent("Sources").appendingPathComponent(module)
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return try walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.map {
            ($0.path.replacingOccurrences(of: root.path + "/", with: ""), try String(contentsOf: $0, encoding: .utf8))
        }
    }

    static func imports(_ text: String, _ module: String) -> Bool {
        text.split(separator: "\n").contains { line in
            let words = line.split(separator: " ")
            return words.last.map(String.init) == module && words.dropLast().allSatisfy { ["import", "public", "package", "@_exported", "@testable"].contains($0) }
                && words.contains("import")
        }
    }

    @Test func onlyTheStoreOnSQLiteSpeaksSQL() throws {
        let modules = ["AbriVault", "AbriStore", "AbriSync", "AbriUI", "abri", "AbriPublic"]
        let sql = try NSRegularExpression(pattern: #"\b(SELECT .* FROM|INSERT (OR \w+ )?INTO|DELETE FROM|UPDATE \w+ SET|CREATE TABLE|PRAGMA )"#)
        var found: [String] = []
        for module in modules {
            for (path, text) in try Self.files(in: module) {
                if Self.imports(text, "GRDB") { found.append("\(path) imports GRDB") }
                let range = NSRange(text.startIndex..., in: text)
                if sql.firstMatch(in: text, range: range) != nil { found.append("\(path) holds SQL") }
            }
        }
        #expect(found.isEmpty, "\(found)")
        #expect(try Self.files(in: "AbriStoreSQLite").contains { Self.imports($0.text, "GRDB") })
    }

    @Test func theDomainOpensTheStoreOnSQLiteInOnePlace() throws {
        let opening = try Self.files(in: "AbriVault").filter { Self.imports($0.text, "AbriStoreSQLite") }.map(\.path).sorted()
        #expect(opening == ["Sources/AbriVault/Store/BusyWait.swift", "Sources/AbriVault/Store/Store.swift"])
    }

    @Test func theHubLinksNothingThatHandlesACaseKey() throws {
        for module in ["AbriHub", "abri-hub"] {
            for (path, text) in try Self.files(in: module) {
                for forbidden in ["AbriVault", "AbriStore", "AbriStoreSQLite", "AbriSync", "AbriUI", "GRDB"] {
                    #expect(!Self.imports(text, forbidden), "\(path) imports \(forbidden)")
                }
            }
        }
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let hub = try #require(manifest.range(of: #"\.target\(\s*name: "AbriHub","#, options: .regularExpression))
        let end = try #require(manifest.range(of: "),", range: hub.upperBound ..< manifest.endIndex))
        #expect(!manifest[hub.lowerBound ..< end.lowerBound].contains("AbriVault"))
    }
}
