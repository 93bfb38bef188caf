import AbriTestSupport
import Foundation
import Testing

/// Help that teaches, kept as it was written: `--help` of every command against a golden file,
/// Docs/CLI.md against the binary, and the key sets of the contract's `--json` shapes.
///
/// After an intended change, `ABRI_UPDATE_GOLDEN=1` rewrites the golden files (then review the
/// diff and commit it); `scripts/gen-cli-doc.sh` rewrites Docs/CLI.md.
struct HelpGoldenTests {
    /// Tests/AbriCLITests/Golden.
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    /// The package root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var updating: Bool { ProcessInfo.processInfo.environment["ABRI_UPDATE_GOLDEN"] == "1" }

    /// Every command path under `abri`, read from the SUBCOMMANDS sections of the help itself.
    static func commandPaths(_ cli: CLI) throws -> [[String]] {
        func subcommands(_ path: [String]) throws -> [String] {
            let help = try cli.run(["help"] + path, environment: ["COLUMNS": "80"]).stdout
            var names: [String] = []
            var inside = false
            for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("SUBCOMMANDS:") { inside = true; continue }
                if inside, line.hasPrefix("  "), let first = line.dropFirst(2).first, first.isLetter {
                    names.append(String(line.dropFirst(2).prefix { !$0.isWhitespace }))
                } else if inside, line.isEmpty, !names.isEmpty {
                    inside = false
                }
            }
            return names
        }
        var paths: [[String]] = [[]]
        for top in try subcommands([]) {
            paths.append([top])
            for sub in try subcommands([top]) where sub != top { paths.append([top, sub]) }
        }
        return paths
    }

    /// Compares `actual` with the golden file `name`, or writes it when updating.
    static func checkGolden(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = goldenDirectory.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no golden file \(name) (run with ABRI_UPDATE_GOLDEN=1 to write it)", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "\(name) differs from its golden file (ABRI_UPDATE_GOLDEN=1 rewrites it)", sourceLocation: sourceLocation)
    }

    @Test func everyCommandHasAGoldenHelp() throws {
        let cli = try CLI()
        let paths = try Self.commandPaths(cli)
        #expect(paths.count > 25, "found only \(paths.map { $0.joined(separator: " ") })")
        for path in paths {
            let result = try cli.run(path + ["--help"], environment: ["COLUMNS": "80"])
            #expect(result.status == 0, "\(path)\n\(result)")
            #expect(result.stderr.isEmpty)
            try Self.checkGolden("help/" + (["abri"] + path).joined(separator: "-") + ".txt", result.stdout)
        }
    }

    @Test func everyCommandSaysWhatItIsForWithAnExampleAndItsExitCodes() throws {
        let cli = try CLI()
        for path in try Self.commandPaths(cli) {
            let help = try cli.run(["help"] + path, environment: ["COLUMNS": "80"]).stdout
            let name = (["abri"] + path).joined(separator: " ")
            #expect(help.hasPrefix("OVERVIEW: "), "\(name) has no abstract")
            #expect(help.contains("Exit codes:"), "\(name) names no exit code")
            if !path.isEmpty {
                #expect(help.contains("Example:\n  \(name)"), "\(name) gives no example of itself")
            }
        }
    }

    @Test func docsCLIMatchesTheBinary() throws {
        let cli = try CLI()
        let (ending, stdout, _) = try Child.run("/bin/sh", [Self.root.appendingPathComponent("scripts/gen-cli-doc.sh").path, "--stdout"],
                                                environment: ["PATH": cli.environment["PATH"] ?? "/usr/bin:/bin",
                                                              "ABRI_BIN": cli.binary, "HOME": cli.home.path])
        let generated = String(decoding: stdout, as: UTF8.self)
        #expect(ending == .exited(0))
        let committed = try String(contentsOf: Self.root.appendingPathComponent("Docs/CLI.md"), encoding: .utf8)
        #expect(generated == committed, "Docs/CLI.md drifted from the binary's help (run scripts/gen-cli-doc.sh and commit it)")
    }

    /// The key sets of a JSON document, one path a line (`records[].attachments[].name`), sorted.
    static func keyPaths(_ value: Any, prefix: String = "") -> Set<String> {
        var paths = Set<String>()
        if let object = value as? [String: Any] {
            for (key, child) in object {
                let path = prefix.isEmpty ? key : prefix + "." + key
                paths.insert(path)
                paths.formUnion(keyPaths(child, prefix: path))
            }
        } else if let array = value as? [Any] {
            for child in array { paths.formUnion(keyPaths(child, prefix: prefix + "[]")) }
        }
        return paths
    }

    static func keyReport(_ json: [String: Any], withoutInside opaque: [String] = []) -> String {
        keyPaths(json)
            .filter { path in !opaque.contains { path.hasPrefix($0 + ".") } }
            .sorted().joined(separator: "\n") + "\n"
    }

    @Test func jsonShapesOfTheContract() throws {
        let story = try Story()
        // `general` and `locating` hold the report's own fields: their keys are the report's, not the contract's.
        let opaque = ["records[].general", "records[].locating"]
        try Self.checkGolden("json/open.keys", Self.keyReport(try story.json(["open", story.caseID], as: .ines), withoutInside: opaque))
        try Self.checkGolden("json/open-reveal.keys",
                             Self.keyReport(try story.json(["open", story.caseID, "--reveal", "--purpose", "audience"], as: .ines),
                                            withoutInside: opaque))
        try Self.checkGolden("json/cases.keys", Self.keyReport(try story.json(["cases"], as: .ines)))
        try Self.checkGolden("json/log.keys", Self.keyReport(try story.json(["log", "--case", story.caseID], as: .ines)))
        try Self.checkGolden("json/verify.keys", Self.keyReport(try story.json(["verify"], as: nil)))

        // The contract's keys, whatever the golden files say.
        let open = Self.keyPaths(try story.json(["open", story.caseID], as: .ines))
        for key in ["case", "records", "records[].id", "records[].type", "records[].author", "records[].createdAt",
                    "records[].general", "records[].attachments", "records[].masked", "records[].withheld"] {
            #expect(open.contains(key), "open --json lacks \(key)")
        }
        #expect(!open.contains("records[].locating"), "locating is present only when revealed")
        #expect(Self.keyPaths(try story.json(["cases"], as: .ines)).isSuperset(of: ["cases", "cases[].case", "cases[].household", "cases[].records"]))
        #expect(Self.keyPaths(try story.json(["log"], as: .ines)).isSuperset(of: ["entries", "entries[].seq", "entries[].at", "entries[].action", "entries[].actor"]))
        #expect(Self.keyPaths(try story.json(["verify"], as: nil)).isSuperset(of: ["ok", "entries", "checkpoints"]))
    }
}
