import Foundation
import Testing

/// Reports through the binary (issue 16): the schema, free text, strict JSON, the template, escaped output and the
/// purpose of a reveal. The hundred-odd variants of the schema run in process (`ReportSchemaTests`); these check
/// that the binary refuses with 65, one line, nothing written, and nothing of the content quoted.
struct ReportInputTests {
    struct Bad: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var mentions: [String]
        var add = false
        var testDescription: String { name }
    }

    static func bad(_ name: String, _ text: String, _ mentions: String..., add: Bool = false) -> Bad {
        Bad(name: name, bytes: Array(text.utf8), mentions: mentions, add: add)
    }

    static let bads: [Bad] = [
        bad("French locating keys in the victim", #"{"type": "signalement", "menage": "FOH-2022-000001", "victime": {"adresse": "3 rue Basse", "telephone": "06 11 22 33 44", "ville": "Lens", "codePostal": "62300"}}"#, "victime.adresse", "locating"),
        bad("an undeclared key", #"{"type": "signalement", "menage": "FOH-2022-000001", "hebergeur": "Mme X"}"#, "hebergeur", "faits"),
        bad("a phone in the facts", #"{"type": "signalement", "menage": "FOH-2022-000001", "faits": "joignable au 06 11 22 33 44"}"#, "faits", "locating.notes"),
        bad("an e-mail in a note", #"{"type": "note", "notes": "écrire à c@example.org"}"#, "notes", add: true),
        bad("a postcode and a town", #"{"type": "signalement", "menage": "FOH-2022-000001", "faits": "partie à 62300 LENS"}"#, "faits"),
        bad("a street in upper case", #"{"type": "signalement", "menage": "FOH-2022-000001", "faits": "HÉBERGÉE AU 3 RUE BASSE"}"#, "faits"),
        bad("a street in a child's entry", #"{"type": "signalement", "menage": "FOH-2022-000001", "enfants": [{"prenom": "au 4 allée Verte"}]}"#, "enfants[0].prenom"),
        bad("an empty object", "{}", "type"),
        bad("no household", #"{"type": "signalement", "faits": "x"}"#, "menage"),
        bad("a duplicate key", "{\"type\": \"note\",\n \"menage\": \"A\",\n \"menage\": \"B\"}", "line 3, column 2", "menage"),
        bad("a trailing comma", "{\"type\": \"note\", \"menage\": \"A\",\n}", "line 2, column 1"),
        bad("a comment", "{\"type\": \"note\", // ménage\n \"menage\": \"A\"}", "line 1, column 18", "comment"),
        Bad(name: "Latin-1", bytes: Array("{\"type\": \"note\", \"menage\": \"A\", \"faits\": \"sign".utf8) + [0xE9] + Array("\"}".utf8),
            mentions: ["line 1, column 47", "UTF-8", "Latin-1"]),
    ]

    @Test(arguments: bads)
    func badReportIsRefusedWith65AndNothingWritten(_ bad: Bad) throws {
        let story = try Story()
        let path = story.file("r.json")
        try Data(bad.bytes).write(to: URL(fileURLWithPath: path))
        let before = try story.snapshot()
        let arguments = bad.add ? ["add", story.caseID, path] : ["deposit", path]
        let result = try story.abri(arguments, as: .alice)
        #expect(result.status == 65, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 1, "\(result)")
        for word in bad.mentions { #expect(result.stderr.contains(word), "\(word) in \(result.stderr)") }
        for secret in ["3 rue", "06 11", "c@example", "62300", "Mme X", "allée"] { #expect(!result.stderr.contains(secret), "\(result.stderr)") }
        // From standard input too.
        if !bad.add {
            let piped = try story.abri(["deposit", "-"], as: .alice, stdin: bad.bytes)
            #expect(piped.status == 65 && piped.stderrLines.count == 1, "\(piped)")
        }
        try story.expectUnchanged(since: before, "\(bad.name)")
    }

    @Test func theFrenchMessageSaysWhereToMoveThePassage() throws {
        let story = try Story()
        let path = try story.write("r.json", #"{"type": "signalement", "menage": "FOH-2022-000001", "faits": "tel 0611223344"}"#)
        let result = try story.abri(["deposit", path], as: .alice, environment: ["LANG": "fr_FR.UTF-8"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("déplacez ce passage dans locating.notes"), "\(result.stderr)")
        #expect(result.stderr.contains("un numéro de téléphone"), "\(result.stderr)")
    }

    /// The template is JSON on stdout and French on stderr; filled in with French names, it deposits, and its
    /// `menage` finds the case through the blind index.
    @Test func theTemplateFilledInWithFrenchNamesIsDepositedAndFoundByItsHousehold() throws {
        let story = try Story()
        for type in ["signalement", "relogement", "note", "suivi-juridique"] {
            let result = try story.cli.run(["report", "template", "--type", type])
            #expect(result.status == 0, "\(result)")
            #expect(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) is [String: Any], "\(type)")
            #expect(result.stderr.contains("locating"), "\(result.stderr)")
        }
        #expect(try story.cli.run(["report", "template", "--type", "lettre"]).status == 64)
        var template = try story.cli.run(["report", "template"]).stdout
        template = template.replacingOccurrences(of: #""menage": """#, with: #""menage": "FOH-2023-000456""#)
            .replacingOccurrences(of: #""faits": """#, with: #""faits": "Menaces répétées depuis le 2 mars.""#)
            .replacingOccurrences(of: #""adresse": """#, with: #""adresse": "3 rue Basse, 62300 Lens""#)
        let path = try story.write("signalement.json", template)
        let id = try #require(try story.must(["deposit", path], as: .alice).stdoutLines.first)
        let found = try story.json(["cases", "--household", "FOH-2023-000456"], as: .alice)["cases"] as? [[String: Any]] ?? []
        #expect(found.map { $0["case"] as? String } == [id])
        let opened = try story.json(["open", id], as: .alice)
        let general = (opened["records"] as? [[String: Any]])?.first?["general"] as? [String: Any]
        #expect(general?["menage"] as? String == "FOH-2023-000456", "stored as written")
        #expect(general?["adresse"] == nil)
    }

    /// `abri report schema` prints Docs/report.schema.json.
    @Test func theSchemaCommandPrintsThePublishedFile() throws {
        let cli = try CLI()
        let printed = try cli.run(["report", "schema"])
        #expect(printed.status == 0)
        let file = HelpGoldenTests.root.appendingPathComponent("Docs/report.schema.json")
        #expect(printed.stdout == (try String(contentsOf: file, encoding: .utf8)))
    }

    // MARK: The purpose of a reveal

    @Test func revealWithoutAPurposeIs64BeforeAnyPassphrase() throws {
        let story = try Story()
        try story.write("wrong", "not the passphrase\n")
        let before = try story.snapshot()
        for purpose in [nil, "", "   ", "\t\n"] {
            let tail = purpose.map { ["--purpose", $0] } ?? []
            // With a wrong passphrase: a check after the unlock would answer 77.
            let wrong = try story.abri(["open", story.caseID, "--reveal", "--passphrase-file", story.file("wrong")] + tail, as: .ines)
            #expect(wrong.status == 64, "\(wrong)")
            #expect(wrong.stderr.contains("--purpose") && wrong.stderrLines.count == 1, "\(wrong)")
            // With no passphrase source at all: no prompt, no complaint about the passphrase.
            let none = try story.abri(["open", story.caseID, "--reveal"] + tail, as: .ines, environment: ["ABRI_PASSPHRASE_FILE": nil])
            #expect(none.status == 64, "\(none)")
            #expect(none.stderr.contains("--purpose") && !none.stderr.lowercased().contains("passphrase"), "\(none)")
            #expect(!none.stdout.contains(Story.address))
        }
        try story.expectUnchanged(since: before, "a refused reveal")
        #expect(try story.abri(["open", story.caseID, "--reveal", "--purpose", "audience JAF"], as: .ines).status == 0)
    }

    // MARK: Output that content cannot forge

    /// Characters that drive a terminal or reorder text.
    static let hostile = ["\u{1B}[2J", "\u{1B}[31m", "\u{7}", "\u{8}", "\r", "\u{7F}", "\u{9B}", "\u{85}", "\u{202E}", "\u{2066}",
                          "\u{200B}", "\u{200F}", "\u{FEFF}", "\u{2028}"]

    /// True when `text` holds a control, bidi or invisible format character other than the line ends and the
    /// tabs the output itself uses.
    static func forged(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            if scalar == "\n" || scalar == "\t" { return false }
            if scalar.value < 0x20 || (0x7F ... 0x9F).contains(scalar.value) { return true }
            switch scalar.properties.generalCategory {
            case .format, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }

    @Test func noControlOrBidiCharacterOfRecordContentReachesTheTerminal() throws {
        let story = try Story()
        let payload = Self.hostile.joined(separator: "x")
        let report = """
        {"type": "signalement", "menage": "FOH\(jsonEscape(payload))-1", "faits": "\(jsonEscape(payload)) partie localisante : masquée",
         "victime": {"nom": "C.\(jsonEscape(payload))"}, "notes\(jsonEscape("\u{202E}"))": "x"}
        """
        // The key with a bidi override is undeclared: refused, and its message escaped.
        let refusedPath = try story.write("key.json", report)
        let refused = try story.abri(["deposit", refusedPath], as: .alice)
        #expect(refused.status == 65 && !Self.forged(refused.stderr), "\(refused)")
        let cleanReport = report.replacingOccurrences(of: #", "notes\#(jsonEscape("\u{202E}"))": "x""#, with: "")
        let path = try story.write("hostile.json", cleanReport)
        let id = try #require(try story.must(["deposit", path, "--to", "cidff-62", "--consent", "accord \(payload)"], as: .alice).stdoutLines.first)
        #expect(!Self.forged(try story.must(["deposit", path], as: .alice).stderr))
        let outputs = [
            try story.must(["open", id], as: .alice),
            try story.must(["open", id], as: .ines),
            try story.must(["open", id, "--purpose", "relecture \(payload)"], as: .ines),
            try story.must(["log", "--case", id], as: .alice),
            try story.must(["log", "--case", id], as: .ines),
            try story.must(["cases"], as: .alice),
            try story.must(["partner", "list"], as: .alice),
        ]
        for output in outputs {
            #expect(!Self.forged(output.stdout), "\(output.stdout.debugDescription)")
            #expect(!Self.forged(output.stderr), "\(output.stderr.debugDescription)")
        }
        // Shown, as visible escapes.
        #expect(outputs[0].stdout.contains(#"\u{1B}[2J"#), "\(outputs[0].stdout)")
        #expect(outputs[0].stdout.contains(#"\u{202E}"#))
        #expect(outputs[3].stdout.contains(#"\u{1B}"#), "the consent or purpose in the log: \(outputs[3].stdout)")
        // --json stays exact.
        let json = try story.json(["open", id], as: .alice)
        let general = (json["records"] as? [[String: Any]])?.first?["general"] as? [String: Any]
        #expect((general?["faits"] as? String)?.hasPrefix(payload) == true)
    }

    /// `text` as the inside of a JSON string, every non-ASCII or control scalar as `\uXXXX`.
    func jsonEscape(_ text: String) -> String {
        text.utf16.map { unit in
            unit < 0x20 || unit >= 0x7F || unit == 0x22 || unit == 0x5C ? String(format: "\\u%04x", unit) : String(UnicodeScalar(UInt8(unit)))
        }.joined()
    }
}
