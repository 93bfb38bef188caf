@testable import abri
import Foundation
import Testing

/// French everywhere a person reads: counted sentences agree, sizes and times read the French way, log actions and
/// partner kinds are French in human output (English in JSON), and no English word is left in the help of any
/// command or in ArgumentParser's own errors.
struct FrenchTests {
    // MARK: - Plurals and agreement

    /// The `one:` and `other:` templates of every `Plural.tr` call under Sources/abri.
    static func countedTemplates() throws -> [(one: String, other: String, file: String)] {
        var found: [(String, String, String)] = []
        for (path, text) in try LocalizationTests.swiftFiles() where path.contains("/Sources/abri/") {
            let characters = Array(text)
            var searchStart = text.startIndex
            while let call = text.range(of: "Plural.tr(", range: searchStart..<text.endIndex) {
                searchStart = call.upperBound
                guard let one = text.range(of: "one: \"", range: call.upperBound..<text.endIndex),
                      let other = text.range(of: "other: \"", range: one.upperBound..<text.endIndex) else { continue }
                let (oneText, _) = LocalizationTests.literal(characters, from: text.distance(from: text.startIndex, to: one.upperBound))
                let (otherText, _) = LocalizationTests.literal(characters, from: text.distance(from: text.startIndex, to: other.upperBound))
                found.append((oneText, otherText, URL(fileURLWithPath: path).lastPathComponent))
            }
        }
        return found
    }

    /// Words that end in -s or -x in the singular.
    static let invariable: Set<String> = ["accès", "plus", "fois", "jamais", "sans", "vous", "ses", "leurs", "les", "ces", "des"]

    /// The words of `text` that follow `count`, up to the first punctuation or preposition: the noun and what agrees
    /// with it (« 2 pièces jointes écrites », « 1 accès re-scellé »).
    static func agreeingWords(after count: Int, in text: String) -> [String] {
        guard let range = text.range(of: "\(count) ") else { return [] }
        let stops: Set<String> = ["de", "dans", "du", "que", "à", "par", "pour", "il", "avec", "chez", "hors"]
        var words: [String] = []
        for word in text[range.upperBound...].split(separator: " ") {
            let trimmed = word.trimmingCharacters(in: .punctuationCharacters.subtracting(CharacterSet(charactersIn: "-")))
            if stops.contains(trimmed) || trimmed.isEmpty { break }
            words.append(trimmed)
            if trimmed != String(word) { break }
        }
        return words
    }

    @Test func everyCountedSentenceAgreesWithZeroOneAndTwo() throws {
        let templates = try Self.countedTemplates()
        #expect(templates.count >= 15, "found only \(templates.count) counted sentences")
        for (one, other, file) in templates {
            #expect(Catalogue.french[one] != nil, "\(file): no French for \(one)")
            #expect(Catalogue.french[other] != nil, "\(file): no French for \(other)")
            for count in [0, 1, 2] {
                let french = Plural.tr(count, one: one, other: other, "X", "Y", language: .french)
                let english = Plural.tr(count, one: one, other: other, "X", "Y", language: .english)
                #expect(english.contains("\(count)"), "\(file): \(english)")
                #expect(french.contains("\(count)"), "\(file): \(french)")
                let words = Self.agreeingWords(after: count, in: french)
                #expect(!words.isEmpty, "\(file): nothing follows the count in \(french)")
                if count <= 1 {
                    for word in words where !Self.invariable.contains(word) {
                        #expect(!word.hasSuffix("s") && !word.hasSuffix("x"), "\(file): « \(french) » is plural with \(count)")
                    }
                    #expect(english == Localization.fill(count == 1 ? one : other, with: ["\(count)", "X", "Y"]), "\(file): \(english)")
                } else {
                    let noun = words[0]
                    #expect(noun.hasSuffix("s") || noun.hasSuffix("x"), "\(file): « \(french) » is singular with 2")
                    for word in words where word.hasSuffix("é") || word.hasSuffix("ée") {
                        Issue.record("\(file): « \(french) » keeps a singular participle with 2")
                    }
                }
            }
        }
    }

    @Test func theSentencesOfTheIssueReadRight() {
        #expect(Plural.tr(1, one: "%@ grant re-sealed", other: "%@ grants re-sealed", language: .french) == "1 accès re-scellé")
        #expect(Plural.tr(0, one: "%@ record", other: "%@ records", language: .french) == "0 fiche")
        #expect(Plural.tr(0, one: "%@ record", other: "%@ records", language: .english) == "0 records")
        #expect(Plural.tr(2, one: "%@ case would be shredded (run again without --dry-run to do it).",
                          other: "%@ cases would be shredded (run again without --dry-run to do it).", language: .french)
                .hasPrefix("2 dossiers seraient détruits"))
        #expect(Plural.tr(1, one: "%@ case would be shredded (run again without --dry-run to do it).",
                          other: "%@ cases would be shredded (run again without --dry-run to do it).", language: .french)
                .hasPrefix("1 dossier serait détruit "))
        #expect(Plural.tr(0, one: "%@ signed head", other: "%@ signed heads", language: .french) == "0 tête signée")
        // A removed member's name carries no participle that would guess a gender.
        let removed = Localization.text("%@ was removed from %@; their identity is refused from now on. The partner's next command re-seals its grants.",
                                        ["Inès", "cidff-62"], language: .french)
        #expect(removed.hasPrefix("Inès ne fait plus partie de cidff-62"), "\(removed)")
        for french in Catalogue.french.values {
            #expect(!french.contains("·e"), "a gendered form in: \(french)")
            #expect(!french.contains("%@ a été retiré"), "a gendered participle after a name in: \(french)")
        }
    }

    /// A sentence with a count goes through `Plural.tr`: no `tr("… %@ cases …")` with a plural noun after a value.
    @Test func noCountedSentenceBypassesThePluralHelper() throws {
        let files = try LocalizationTests.swiftFiles().filter { $0.path.contains("/Sources/abri/") }
        let sentences = LocalizationTests.messages(after: ["tr("], in: files)
        let nouns = ["cases", "records", "entries", "grants", "attachments", "heads", "checkpoints", "signatures", "years",
                     "members", "partners", "files", "reports"]
        for (sentence, file) in sentences where !file.hasPrefix("Catalogue") {
            for noun in nouns {
                #expect(!sentence.contains("%@ \(noun)"), "\(file): « \(sentence) » counts without Plural.tr")
            }
        }
    }

    // MARK: - Sizes, times, actions, kinds

    @Test func sizesReadTheFrenchWay() {
        #expect(Human.size(1_610_612_736, language: .french) == "1,5 Gio")
        #expect(Human.size(1_610_612_736, language: .english) == "1.5 GiB")
        #expect(Human.size(3_145_728, language: .french) == "3,0 Mio")
        #expect(Human.size(2048, language: .english) == "2.0 KiB")
        #expect(Human.size(512, language: .french) == "512 o")
        #expect(Human.size(512, language: .english) == "512 B")
    }

    @Test func timesAreShownInTheMachinesTimeZone() throws {
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        #expect(Human.time("2026-12-01T17:02:18Z", language: .french, timeZone: paris) == "1 déc. 2026, 18:02")
        #expect(Human.time("2026-07-01T17:02:18Z", language: .french, timeZone: paris) == "1 juil. 2026, 19:02")
        #expect(Human.time("2026-12-01T17:02:18Z", language: .english, timeZone: paris) == "1 Dec 2026, 18:02")
        #expect(Human.time("2026-12-01", language: .french, timeZone: paris) == "1 déc. 2026")
        #expect(Human.time("not a time", language: .french) == "not a time")
        // TZ wins; unset, French means Paris.
        #expect(Human.timeZone(environment: [:], language: .french).identifier == "Europe/Paris")
        #expect(Human.timeZone(environment: ["TZ": "America/Cayenne"], language: .french).identifier == "America/Cayenne")
        #expect(Human.timeZone(environment: ["TZ": ":Indian/Reunion"], language: .english).identifier == "Indian/Reunion")
    }

    @Test func everyLogActionAndPartnerKindHasItsFrench() {
        for action in ["deposit", "add", "share", "open", "reveal", "refused", "export", "import", "enrol", "member-add",
                       "member-approve", "member-remove", "rotate", "consent-withdraw", "consent-expired", "shred", "restore",
                       "close", "reopen", "vault-trust"] {
            #expect(Catalogue.actions[action] != nil, "\(action)")
            #expect(Human.action(action, language: .english) == action)
        }
        for kind in ["landlord", "legal-aid", "association", "never-locating"] {
            #expect(Catalogue.kinds[kind] != nil, "\(kind)")
        }
    }

    @Test func logAndPartnerListInFrenchKeepTheirJSONInEnglish() throws {
        let story = try Story()
        let french: [String: String?] = ["LANG": "fr_FR.UTF-8", "TZ": nil]
        let vault = ["--vault", story.vault]
        let partners = try story.abri(["partner", "list"] + vault, as: .ines, environment: french)
        #expect(partners.status == 0, "\(partners)")
        #expect(partners.stdout.contains("accès au droit") && partners.stdout.contains("bailleur"), "\(partners)")
        #expect(partners.stdout.contains("jamais de partie localisante"), "\(partners)")
        #expect(!partners.stdout.contains("legal-aid") && !partners.stdout.contains("landlord"), "\(partners)")

        let log = try story.abri(["log", "--case", story.caseID] + vault, as: .alice, environment: french)
        #expect(log.status == 0, "\(log)")
        #expect(log.stdout.contains("\tdépôt\t"), "\(log)")
        #expect(!log.stdout.contains("\tdeposit\t"), "\(log)")
        // A time reads « 1 déc. 2026, 18:02 », never `2026-12-01T17:02:18Z`.
        #expect(!log.stdout.contains("Z\t"), "\(log)")
        #expect(log.stdout.range(of: #"\t\d{1,2} [a-zéû]+\.? \d{4}, \d{2}:\d{2}\t"#, options: .regularExpression) != nil, "\(log)")

        let json = try story.abri(["log", "--json", "--case", story.caseID] + vault, as: .alice, environment: french)
        #expect(json.stdout.contains(#""action":"deposit""#), "\(json)")
        #expect(json.stdout.range(of: #""at":"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z""#, options: .regularExpression) != nil, "\(json)")
    }

    // MARK: - No English left

    /// Common English words that have no business in French output.
    static let englishWords: Set<String> = [
        "the", "and", "with", "for", "see", "usage", "overview", "error", "missing", "unexpected", "did", "you", "mean",
        "value", "invalid", "unknown", "file", "partner", "subcommand", "subcommands", "detailed", "show", "print", "only",
        "this", "your", "from", "read", "write", "record", "records", "grant", "grants", "passphrase", "expected",
        "required", "must", "when", "which", "case", "cases", "help", "not", "is",
        "are", "was", "been", "of", "to", "in", "or", "at", "by", "it", "its", "be", "no", "yes", "text", "path",
        "name", "dir", "ref", "reason", "identity", "vault", "exit", "example",
    ]

    /// The words of French output that a person reads as prose: code spans, quoted values, options, placeholders,
    /// variables, paths and example command lines are left out.
    static func proseWords(_ text: String) -> [String] {
        var words: [String] = []
        // A code span may be wrapped over two lines.
        let text = text.replacingOccurrences(of: "`[^`]*`", with: " ", options: .regularExpression)
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("abri ") || trimmed.hasPrefix("$ ") { continue }
            var prose = trimmed
            // A subcommand's name (fixed by the contract) at the start of its line in a list of subcommands.
            if line.hasPrefix("  "), !line.hasPrefix("   "),
               let name = prose.range(of: #"^[a-z-]+(\s{2,}|$)"#, options: .regularExpression) {
                prose.removeSubrange(name)
            }
            for pattern in ["`[^`]*`", "'[^']*'", "\"[^\"]*\"", "<[^>]*>", "--?[A-Za-z][A-Za-z-]*", #"\$[A-Z_]+"#,
                            #"[^\s]*[/.~][^\s]*[A-Za-z][^\s]*"#, "«[^»]*»", "abri[0-9a-z]+",
                            // Case and record ids: 26 random letters and digits, which can spell an English word.
                            "[0-9A-Z]{26}",
                            // Fingerprints: groups of four hex digits, which can spell one too (`7be0`).
                            #"\b[0-9a-f]{4}( [0-9a-f]{4}){3,}\b"#,
                            // A command line in a usage line (`UTILISATION : abri identity show`).
                            "abri( [a-z][a-z-]*)*"] {
                prose = prose.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
            }
            words += prose.lowercased().split { !$0.isLetter && $0 != "'" && $0 != "’" }.map(String.init)
        }
        return words
    }

    @Test func frenchHelpAndErrorsHaveNoEnglishWord() throws {
        let story = try Story()
        let cli = story.cli
        let french: [String: String?] = ["LANG": "fr_FR.UTF-8", "COLUMNS": "80"]
        var outputs: [(String, String)] = []
        for path in try HelpGoldenTests.commandPaths(cli) {
            let name = (["abri"] + path).joined(separator: " ")
            outputs.append((name + " --help", try cli.run(path + ["--help"], environment: french).stdout))
        }
        // Every class of ArgumentParser's own errors, and a few of Abri's.
        let errors: [[String]] = [
            ["cases", "--househol", "X"],                    // unknown option, with a suggestion
            ["cases", "--frob"],                             // unknown option
            ["open", "a", "b", "c"],                         // 2 unexpected arguments
            ["opn"],                                         // an unknown subcommand
            ["share"],                                       // missing expected argument
            ["share", story.caseID, "--to"],                 // missing value
            ["cases", "--json=3"],                           // a flag given a value
            ["retention", "--years", "abc"],                 // an invalid value
            ["open", story.caseID, "--reveal"],              // a validation error
            ["cases", "--vault", story.file("nowhere.db"), "--as", story.identity(.ines)],
            ["open", "00000000000000000000000001", "--vault", story.vault, "--as", story.identity(.ines)],
        ]
        for arguments in errors {
            let result = try cli.run(arguments, environment: french)
            #expect(result.status != 0, "\(arguments)")
            outputs.append((arguments.joined(separator: " "), result.stderr))
        }
        for (name, text) in outputs {
            let english = Self.proseWords(text).filter { Self.englishWords.contains($0) }
            #expect(english.isEmpty, "\(name): English words \(Set(english).sorted()) in\n\(text)")
        }
    }
}
