@testable import abri
import Foundation
import Testing

/// French: every English message has its French, the locale variables choose the language in
/// POSIX order, and real failures under `LANG=fr_FR.UTF-8` print the French line with the same
/// exit code as in English.
struct LocalizationTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    // MARK: - The catalogue covers the code

    /// Every Swift file under Sources/.
    static func swiftFiles() throws -> [(path: String, text: String)] {
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var files: [(String, String)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            // The hub (`abri-hub`) is run by IT operators and speaks English only; `abri` is the catalogue's.
            if url.path.contains("/Sources/AbriHub/") || url.path.contains("/Sources/abri-hub/") { continue }
            files.append((url.path, try String(contentsOf: url, encoding: .utf8)))
        }
        #expect(files.count > 50)
        return files
    }

    /// The value of the string literal that starts at `start` (just after its opening quote), its
    /// interpolations written `%@`, and the index past its closing quote.
    static func literal(_ text: [Character], from start: Int) -> (String, Int) {
        var value = ""
        var index = start
        while index < text.count {
            let character = text[index]
            if character == "\\", index + 1 < text.count {
                let next = text[index + 1]
                if next == "(" {
                    // Skip the interpolation, nested parentheses and string literals included.
                    var depth = 1
                    var cursor = index + 2
                    while cursor < text.count, depth > 0 {
                        switch text[cursor] {
                        case "(": depth += 1
                        case ")": depth -= 1
                        case "\"":
                            cursor += 1
                            while cursor < text.count, text[cursor] != "\"" {
                                if text[cursor] == "\\" { cursor += 1 }
                                cursor += 1
                            }
                        default: break
                        }
                        cursor += 1
                    }
                    value += "%@"
                    index = cursor
                    continue
                }
                switch next {
                case "n": value += "\n"
                case "t": value += "\t"
                default: value.append(next)
                }
                index += 2
                continue
            }
            if character == "\"" { return (value, index + 1) }
            value.append(character)
            index += 1
        }
        return (value, index)
    }

    /// The English of every message given to a call that starts with one of `openers` followed by
    /// a string literal (across a line break too).
    static func messages(after openers: [String], in files: [(path: String, text: String)]) -> [String: String] {
        var found: [String: String] = [:]
        for (path, text) in files {
            let characters = Array(text)
            let string = String(characters)
            for opener in openers {
                var searchStart = string.startIndex
                while let range = string.range(of: opener, range: searchStart..<string.endIndex) {
                    searchStart = range.upperBound
                    // Not in a comment (documentation shows examples).
                    let lineStart = string[..<range.lowerBound].lastIndex(of: "\n") ?? string.startIndex
                    if string[lineStart..<range.lowerBound].contains("//") { continue }
                    var index = string.distance(from: string.startIndex, to: range.upperBound)
                    while index < characters.count, characters[index].isWhitespace { index += 1 }
                    guard index < characters.count, characters[index] == "\"" else { continue }
                    // A multi-line literal ("""): not a message form this code uses.
                    if index + 2 < characters.count, characters[index + 1] == "\"", characters[index + 2] == "\"" { continue }
                    let (value, _) = literal(characters, from: index + 1)
                    if !value.isEmpty { found[value] = URL(fileURLWithPath: path).lastPathComponent }
                }
            }
        }
        return found
    }

    static let errorOpeners = [".usage(", ".badData(", ".noInput(", ".cannotCreate(", ".io(", ".busy(",
                               ".notPermitted(", ".internalError(", "ValidationError(", "problem(", "damaged(",
                               "unknownMessage = ", "internalErrorMessage = "]

    @Test func everyThrownMessageHasItsFrench() throws {
        let messages = Self.messages(after: Self.errorOpeners, in: try Self.swiftFiles())
        #expect(messages.count > 120, "the scan found only \(messages.count) messages")
        let missing = messages.filter { Catalogue.french[$0.key] == nil }
        #expect(missing.isEmpty, """
            English messages without French (add them to Sources/abri/Support/CatalogueErrors.swift):
            \(missing.map { "\($0.value): \($0.key)" }.sorted().joined(separator: "\n"))
            """)
    }

    @Test func everySentenceHasItsFrench() throws {
        // The web interface's pages say the catalogue's sentences through the same `tr`.
        let files = try Self.swiftFiles().filter { $0.path.contains("/Sources/abri/") || $0.path.contains("/Sources/AbriUI/") }
        let sentences = Self.messages(after: ["tr("], in: files)
        #expect(sentences.count > 40, "the scan found only \(sentences.count) sentences")
        let missing = sentences.filter { Catalogue.french[$0.key] == nil }
        #expect(missing.isEmpty, """
            tr(…) sentences without French (add them to Sources/abri/Support/CatalogueText.swift):
            \(missing.map { "\($0.value): \($0.key)" }.sorted().joined(separator: "\n"))
            """)
    }

    @Test func frenchKeepsEveryValueOfItsEnglish() {
        for (english, french) in Catalogue.french {
            let englishCount = english.components(separatedBy: "%@").count - 1
            var frenchCount = french.components(separatedBy: "%@").count - 1
            for position in 1...9 where french.contains("%\(position)$@") { frenchCount += 1 }
            #expect(englishCount == frenchCount, "\(english)\n→ \(french)")
            // Vouvoiement: no "tu", no imperative in the second person singular of the usual verbs.
            for word in [" tu ", " ton ", " ta ", " tes "] {
                #expect(!french.lowercased().contains(word), "tutoiement in: \(french)")
            }
        }
    }

    // MARK: - The language and the matching

    @Test func theLocaleVariablesChooseInPosixOrder() {
        #expect(Language(environment: ["LANG": "fr_FR.UTF-8"]) == .french)
        #expect(Language(environment: ["LANG": "fr"]) == .french)
        #expect(Language(environment: ["LANG": "fr_BE.UTF-8"]) == .french)
        #expect(Language(environment: ["LANG": "en_GB.UTF-8"]) == .english)
        #expect(Language(environment: [:]) == .english)
        #expect(Language(environment: ["LC_ALL": "C", "LANG": "fr_FR.UTF-8"]) == .english)
        #expect(Language(environment: ["LC_ALL": "fr_FR.UTF-8", "LANG": "C"]) == .french)
        #expect(Language(environment: ["LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"]) == .french)
        #expect(Language(environment: ["LC_ALL": "", "LC_MESSAGES": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"]) == .english)
        #expect(Language(environment: ["LC_ALL": "", "LC_MESSAGES": "", "LANG": "fr_FR.UTF-8"]) == .french)
    }

    @Test func aMessageKeepsItsValuesAndTranslatesTheKnownOnes() {
        #expect(Localization.message("no vault at /srv/abri/v.db (check the path and --vault or $ABRI_VAULT; only for a new vault, create it with `abri init`)", language: .french)
                == "aucun coffre à l'emplacement /srv/abri/v.db (vérifiez le chemin, --vault ou $ABRI_VAULT ; seulement pour un nouveau coffre, créez-le avec `abri init`)")
        #expect(Localization.message("the passphrase from the terminal is empty (type a passphrase)", language: .french)
                == "la phrase secrète fournie par le terminal est vide (tapez une phrase secrète)")
        #expect(Localization.message("partner cidff-62 has no member named Inès (see `abri partner list`)", language: .french)
                == "le partenaire cidff-62 n'a aucun membre nommé Inès (voyez `abri partner list`)")
        // Reordered values.
        let pending = Localization.message(
            "Inès still holds keys that no other member of cidff-62 holds, because a re-seal is pending: removing them now would lose the partner's cases (ask Inès, or any member who held the partner's keys before the last change, to run one command such as `abri cases` first; it re-seals them)",
            language: .french)
        #expect(pending.hasPrefix("Inès détient encore des clés qu'aucun autre membre de cidff-62"))
        // Unknown text stays English; English stays English.
        #expect(Localization.message("something new happened (do this)", language: .french) == "something new happened (do this)")
        #expect(Localization.message("no vault at /x (check the path)", language: .english)
                == "no vault at /x (check the path)")
        // ArgumentParser's own, in the house style.
        #expect(Localization.message("unknown option '--frob' (see `abri deposit --help`)", language: .french)
                == "option inconnue : '--frob' (voyez `abri deposit --help`)")
        #expect(Localization.text("Case %@ deposited. Can read it: %@.", ["7K2F", "cidff-62"], language: .french)
                == "Dossier 7K2F déposé. Peuvent le lire : cidff-62.")
        #expect(Localization.fill("%2$@ puis %1$@", with: ["a", "b"]) == "b puis a")
    }

    // MARK: - Real failures, in French

    /// Runs `arguments` in English and in French: the same exit code, and the French line.
    func compare(_ cli: CLI, _ arguments: [String], expecting code: Int32, french: String,
                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let english = try cli.run(arguments)
        let inFrench = try cli.run(arguments, environment: ["LANG": "fr_FR.UTF-8"])
        #expect(english.status == code, "\(english)", sourceLocation: sourceLocation)
        #expect(inFrench.status == english.status, "\(inFrench)", sourceLocation: sourceLocation)
        #expect(inFrench.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(inFrench.stderrLines.count == 1, "\(inFrench)", sourceLocation: sourceLocation)
        #expect(inFrench.stderr.hasPrefix("abri: "), sourceLocation: sourceLocation)
        #expect(inFrench.stderr.contains(french), "\(inFrench)", sourceLocation: sourceLocation)
        #expect(inFrench.stderr != english.stderr, sourceLocation: sourceLocation)
    }

    @Test func realFailuresInFrench() throws {
        let story = try Story()
        let cli = story.cli
        let vault = ["--vault", story.vault]
        try compare(cli, ["open", "00000000000000000000000000", "--as", story.identity(.ines)] + vault, expecting: 77,
                    french: "aucun dossier portant cet identifiant ne vous est ouvert")
        try compare(cli, ["open", story.caseID, "--as", story.identity(.tom)] + vault, expecting: 77,
                    french: "aucun dossier portant cet identifiant ne vous est ouvert")
        try compare(cli, ["deposit", story.file("absent.json"), "--as", story.identity(.alice)] + vault, expecting: 66,
                    french: "absent.json n'existe pas (vérifiez le chemin ; rien n'a été écrit)")
        try compare(cli, ["share", story.caseID, "--to", "bailleur-b", "--as", story.identity(.alice)] + vault, expecting: 64,
                    french: "ce partage demande le consentement de la victime")
        try compare(cli, ["identity", "new", "--out", story.identity(.alice)], expecting: 73, french: "existe déjà (choisissez un autre chemin")
        try compare(cli, ["shred", story.caseID, "--as", story.identity(.admin)] + vault, expecting: 64,
                    french: "aucun terminal ne peut la confirmer")
        try compare(cli, ["deposit", "--frob"], expecting: 64, french: "(voyez `abri deposit --help`)")
        try compare(cli, ["cases", "--vault", story.file("nowhere.db"), "--as", story.identity(.ines)], expecting: 66,
                    french: "aucun coffre à l'emplacement")
    }

    @Test func closingSentencesAndHelpInFrench() throws {
        let story = try Story()
        let report = try story.cli.home.write("r.json", text: #"{"type": "signalement", "household": "FOH-2022-000001", "facts": "Menaces.", "locating": {"address": "1 rue X"}}"#)
        let deposit = try story.abri(["deposit", report, "--vault", story.vault], as: .alice, environment: ["LANG": "fr_FR.UTF-8"])
        #expect(deposit.status == 0, "\(deposit)")
        #expect(deposit.stderr.hasPrefix("Dossier ") && deposit.stderr.contains(" déposé. Peuvent le lire : ") && deposit.stderr.contains("(adresse comprise)."), "\(deposit)")
        // --json stays the same in every language.
        let english = try story.abri(["cases", "--json", "--vault", story.vault], as: .alice)
        let french = try story.abri(["cases", "--json", "--vault", story.vault], as: .alice, environment: ["LANG": "fr_FR.UTF-8"])
        #expect(english.stdout == french.stdout)

        let cli = story.cli
        for path in try HelpGoldenTests.commandPaths(cli) {
            let englishHelp = try cli.run(["help"] + path).stdout
            let frenchHelp = try cli.run(["help"] + path, environment: ["LANG": "fr_FR.UTF-8"]).stdout
            let name = (["abri"] + path).joined(separator: " ")
            #expect(frenchHelp.hasPrefix("PRÉSENTATION : "), "\(name)")
            #expect(frenchHelp.contains("Codes de sortie"), "\(name) has no French exit codes")
            // The English abstract (its first line) is gone.
            let abstract = englishHelp.split(separator: "\n").first.map { String($0.dropFirst("OVERVIEW: ".count)) } ?? ""
            #expect(!frenchHelp.contains(abstract), "\(name) help is still English")
        }
    }
}
