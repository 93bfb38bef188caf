import AbriCrypto
@testable import AbriVault
import Foundation
import AbriStore
import GRDB
import Testing

/// Need to know, kept by the keys (Docs/FORMAT.md §1, §3.6; issue 14): after a rehousing through the CIDFF, each role
/// reads what the rule gives it and nothing more, through every reading command and through the keys themselves.
///
/// The story: alice (foh-social, D) deposits a case, the general part to foh-tenancy (T, tom) and both parts to cidff-62
/// (C, ines); ines reveals it with a purpose and shares it with bailleur-b (B, bruno) under the victim's consent; bruno
/// reveals it and adds a rehousing record whose locating part goes to cidff-62; ines reveals the new address with a purpose.
@Suite struct NeedToKnowTests {
    // MARK: The story's words

    static let household = "FOH-2022-000456"
    static let otherHousehold = "FOH-2020-000888"
    static let address = "8 impasse des Glycines, 62200 Boulogne"
    static let newAddress = "17 rue des Peupliers, 59800 Lille"
    static let depositConsent = "accord écrit du 4 mars"
    static let shareConsent = "accord relogement du 12 mars"
    static let rehousingConsent = "accord transmission au CIDFF"
    static let alicePurpose = "suivi social de la locataire"
    static let tomPurpose = "contrôle du bail"
    static let inesFirstPurpose = "préparer l'audience"
    static let inesPurpose = "suivi du relogement"
    static let brunoPurpose = "visite du logement"
    static let withoutConsentReason = "danger immédiat signalé"

    static let report = """
    {"type": "signalement", "household": "\(household)", "otherHousehold": "\(otherHousehold)",
     "victim": {"name": "Sandrine P.", "birthYear": 1990}, "facts": "Violences conjugales signalées le 1er mars.",
     "children": 1, "locating": {"address": "\(address)"}}
    """
    static let rehousing = """
    {"type": "rehousing", "notes": "bail signé", "locating": {"newAddress": "\(newAddress)"}}
    """

    static let partner: [Story.Actor: String] = [.alice: "foh-social", .tom: "foh-tenancy", .ines: "cidff-62", .bruno: "bailleur-b"]
    static let letter: [String: String] = ["foh-social": "D", "foh-tenancy": "T", "cidff-62": "C", "bailleur-b": "B"]
    static let roles: [Story.Actor] = [.alice, .tom, .ines, .bruno, .admin]

    // MARK: The rule, as a table

    /// What each role's outputs may hold: `M` it must appear (the view is not empty by accident), `m` it may, `-` never.
    /// Columns: alice (D), tom (T), ines (C), bruno (B), admin. Names are matched as whole words.
    static let rule: [(what: String, text: String, cells: String)] = [
        //                                                         alice tom ines bruno admin
        ("partner id D",          "foh-social",                    "M M M M M"),
        ("partner id T",          "foh-tenancy",                   "M M - - M"),
        ("partner id C",          "cidff-62",                      "M - M M M"),
        ("partner id B",          "bailleur-b",                    "- - M M M"),
        ("partner name T",        "FOH Gestion locative",          "m m - - m"),
        ("partner name C",        "CIDFF 62",                      "m - m m m"),
        ("partner name B",        "Bailleur B",                    "- - m m m"),
        ("member alice",          "alice",                         "M M M M M"),
        ("member tom",            "tom",                           "M M - - M"),
        ("member ines",           "ines",                          "M - M M M"),
        ("member bruno",          "bruno",                         "- - M M M"),
        ("alice's purpose",       alicePurpose,                    "M - - - -"),
        ("tom's purpose",         tomPurpose,                      "M M - - -"),
        ("ines's purpose before B", inesFirstPurpose,              "M - M - -"),
        ("ines's purpose after B", inesPurpose,                    "M - M M -"),
        ("bruno's purpose",       brunoPurpose,                    "- - M M -"),
        ("consent D → T, C",      depositConsent,                  "M M M - -"),
        ("consent C → B",         shareConsent,                    "- - M M -"),
        ("consent B → C",         rehousingConsent,                "- - M M -"),
        ("reason D → T, no consent", withoutConsentReason,         "M M - - -"),
        ("household",             household,                       "M M M M -"),
        ("other household",       otherHousehold,                  "M M M M -"),
        ("first address",         address,                         "M - M M -"),
        ("new address",           newAddress,                      "- - M M -"),
    ]

    // MARK: The story, played once

    /// The story after every role ran every reading command, then a consent that lapsed (case `lapsedID`).
    final class Played: @unchecked Sendable {
        let story: Story
        let caseID: String
        let lapsedID: String
        /// Every reading command, by role: its arguments, language and result.
        let runs: [(actor: Story.Actor, arguments: [String], language: String, result: CLI.Result)]
        /// Where bruno's addition sits in the log: cidff-62's actions after it are read by bailleur-b too.
        let additionSeq: Int

        init(story: Story, caseID: String, lapsedID: String, runs: [(Story.Actor, [String], String, CLI.Result)], additionSeq: Int) {
            self.story = story
            self.caseID = caseID
            self.lapsedID = lapsedID
            self.runs = runs.map { (actor: $0.0, arguments: $0.1, language: $0.2, result: $0.3) }
            self.additionSeq = additionSeq
        }

        private static let lock = NSLock()
        nonisolated(unsafe) private static var built: Result<Played, any Error>?

        /// The story, played once per test process (a failure too: every test reports it, none plays it again).
        static func shared() throws -> Played {
            lock.lock()
            defer { lock.unlock() }
            if let built { return try built.get() }
            let played = Result { try play() }
            built = played
            return try played.get()
        }

        private static func play() throws -> Played {
            let story = try Story()
            let report = try story.write("ntk-report.json", NeedToKnowTests.report)
            let caseID = try #require(try story.must(["deposit", report, "--to", "foh-tenancy", "--locating-to", "cidff-62",
                                                      "--consent", depositConsent], as: .alice).stdoutLines.first)
            try story.must(["open", caseID, "--reveal", "--purpose", inesFirstPurpose], as: .ines)
            // `share` takes `--to P --locating` (the contract's `--locating-to` is not there yet for share).
            try story.must(["share", caseID, "--to", "bailleur-b", "--locating", "--consent", shareConsent], as: .ines)
            try story.must(["open", caseID, "--reveal", "--purpose", brunoPurpose], as: .bruno)
            let rehousing = try story.write("ntk-rehousing.json", NeedToKnowTests.rehousing)
            try story.must(["add", caseID, rehousing, "--locating-to", "cidff-62", "--consent", rehousingConsent], as: .bruno)
            let additionSeq = try story.adminLog().filter { $0["action"] as? String == "add" }.compactMap { $0["seq"] as? Int }.max() ?? 0
            try story.must(["open", caseID, "--reveal", "--purpose", inesPurpose], as: .ines)
            try story.must(["open", caseID, "--purpose", tomPurpose], as: .tom)
            // A refusal: tom names a case his unit holds no grant on.
            #expect(try story.abri(["open", story.caseID], as: .tom).status == 77)
            // A share without consent (of the first case, to tom's unit): the administrator counts it, the two ends read it.
            try story.must(["share", story.caseID, "--to", "foh-tenancy", "--without-consent", withoutConsentReason], as: .alice)

            var runs: [(Story.Actor, [String], String, CLI.Result)] = []
            for actor in NeedToKnowTests.roles {
                for language in ["C", "fr_FR.UTF-8"] {
                    for arguments in readingCommands(caseID: caseID, actor: actor) {
                        for json in [false, true] {
                            let full = arguments + (json ? ["--json"] : [])
                            runs.append((actor, full, language, try story.abri(full, as: actor, environment: ["LANG": language])))
                        }
                    }
                }
            }

            // A consent that lapses: a case granted to foh-tenancy until tomorrow, tom's next command the day after.
            let lapsingReport = try story.write("ntk-lapsing.json", """
                {"type": "signalement", "household": "FOH-2023-000999", "facts": "Signalement à durée limitée."}
                """)
            let today = Date()
            let lapsedID = try #require(try story.must(["deposit", lapsingReport, "--to", "foh-tenancy", "--consent", "accord limité",
                                                        "--until", Self.day(today, plus: 1)], as: .alice).stdoutLines.first)
            try story.must(["cases"], as: .tom)
            try story.must(["cases"], as: .tom, environment: ["ABRI_TODAY": Self.day(today, plus: 2)])
            return Played(story: story, caseID: caseID, lapsedID: lapsedID, runs: runs, additionSeq: additionSeq)
        }

        /// `YYYY-MM-DD` in Paris, `days` after `date`.
        static func day(_ date: Date, plus days: Int) -> String {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
            let later = calendar.date(byAdding: .day, value: days, to: date)!
            let parts = calendar.dateComponents([.year, .month, .day], from: later)
            return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        }
    }

    /// Every reading command of the contract, without `--json` (added by the caller) and without `--as`.
    static func readingCommands(caseID: String, actor: Story.Actor) -> [[String]] {
        let purpose = [Story.Actor.alice: alicePurpose, .tom: tomPurpose, .ines: inesPurpose, .bruno: brunoPurpose][actor] ?? "contrôle"
        return [["cases"], ["open", caseID], ["open", caseID, "--reveal", "--purpose", purpose],
                ["log"], ["log", "--case", caseID], ["log", "--household", household], ["log", "--household", otherHousehold],
                ["log", "--without-consent"], ["verify"]]
    }

    /// What a run printed, with JSON's escaped slashes put back.
    static func printed(_ result: CLI.Result) -> String {
        (result.stdout + "\n" + result.stderr).replacingOccurrences(of: "\\/", with: "/")
    }

    static func contains(_ text: String, _ needle: String) -> Bool {
        if needle.allSatisfy({ $0.isLetter }) {
            let escaped = NSRegularExpression.escapedPattern(for: needle)
            return text.range(of: "(?<![\\p{L}\\p{N}])\(escaped)(?![\\p{L}\\p{N}])", options: .regularExpression) != nil
        }
        return text.contains(needle)
    }

    // MARK: Every reading command, every role, both outputs, both languages

    @Test(arguments: [Story.Actor.alice, .tom, .ines, .bruno, .admin])
    func eachRoleReadsWhatTheRuleGivesItThroughEveryReadingCommand(_ actor: Story.Actor) throws {
        let played = try Played.shared()
        let column = Self.roles.firstIndex(of: actor)!
        let runs = played.runs.filter { $0.actor == actor }
        #expect(runs.count == Self.readingCommands(caseID: played.caseID, actor: actor).count * 4)
        for (what, text, cells) in Self.rule {
            let cell = cells.split(separator: " ")[column]
            let seenIn = runs.filter { Self.contains(Self.printed($0.result), text) }
            switch cell {
            case "-":
                for run in seenIn {
                    Issue.record("\(actor) reads \(what) (\(text)) in `abri \(run.arguments.joined(separator: " "))` (LANG=\(run.language)): \(run.result)")
                }
            case "M":
                #expect(!seenIn.isEmpty, "\(actor) never reads \(what) (\(text)), which the rule gives it")
            default:
                break
            }
        }
        for run in runs {
            let command = run.arguments.prefix(while: { !$0.hasPrefix("--") && $0 != played.caseID }).joined(separator: " ")
            let expected: Int32
            switch (actor, command, run.arguments.contains("--household")) {
            case (.admin, "cases", _), (.admin, "open", _), (.admin, "log", true): expected = 77
            default: expected = 0
            }
            #expect(run.result.status == expected, "\(actor): abri \(run.arguments.joined(separator: " ")) (LANG=\(run.language)): \(run.result)")
            if run.result.status != 0 { #expect(run.result.stdout.isEmpty, "\(run.result)") }
        }
        if actor == .admin { try expectTheAdministratorIsAnOperator(runs, played: played) }
        if actor == .tom {
            // The tenancy unit reads the general part it was granted, and nothing that says the case locates someone elsewhere.
            let cases = runs.first { $0.arguments == ["cases", "--json"] }!
            let document = try JSONSerialization.jsonObject(with: Data(cases.result.stdout.utf8)) as? [String: Any]
            let listed = (document?["cases"] as? [[String: Any]] ?? []).first { $0["case"] as? String == played.caseID }
            #expect(listed?["records"] as? Int == 1, "tom counts bruno's record: \(cases.result)")
        }
    }

    /// The administrator's log: no case id but of a refusal (its actor's own), never a case with a partner, no purpose,
    /// no consent text; `--without-consent` gives counts.
    private func expectTheAdministratorIsAnOperator(_ runs: [(actor: Story.Actor, arguments: [String], language: String, result: CLI.Result)],
                                                    played: Played) throws {
        for run in runs where run.arguments.first == "log" && run.arguments.contains("--json") && run.result.status == 0 {
            let document = try #require(try JSONSerialization.jsonObject(with: Data(run.result.stdout.utf8)) as? [String: Any])
            if run.arguments.contains("--without-consent") {
                // The contract's `entries` stays, empty: the administrator reads none of these shares, only their count.
                #expect((document["entries"] as? [Any])?.isEmpty == true, "\(run.result)")
                let counts = document["counts"] as? [[String: Any]] ?? []
                #expect(counts.contains { $0["partner"] as? String == "foh-social" && $0["action"] as? String == "share-without-consent"
                                          && $0["count"] as? Int == 1 }, "\(run.result)")
                continue
            }
            for entry in document["entries"] as? [[String: Any]] ?? [] {
                #expect(entry["purpose"] == nil && entry["consent"] == nil, "the administrator reads \(entry)")
                if entry["case"] != nil {
                    #expect(entry["action"] as? String == "refused" && entry["partner"] == nil, "the administrator reads \(entry)")
                }
            }
        }
        #expect(!runs.contains { $0.result.stdout.contains(played.caseID) }, "the administrator reads the rehousing case's id")
    }
}

// MARK: - The keys

extension NeedToKnowTests {
    /// One section of one entry, opened by some key of some role.
    struct SectionPlace: Hashable, Comparable {
        var seq: Int
        var section: Int
        static func < (a: Self, b: Self) -> Bool { (a.seq, a.section) < (b.seq, b.section) }
    }

    /// What the keys say: who opens which section, and what the administrator reads of each entry.
    struct KeyMatrix {
        var details: [SectionPlace: LogDetails] = [:]
        var readers: [SectionPlace: Set<Story.Actor>] = [:]
        var summaries: [Int: LogDetails] = [:]
        /// The kind of each section, as the documentation's table names it, and the administrator's cell.
        var kinds: [String: (readers: [Set<Story.Actor>], admin: Set<String>)] = [:]
    }

    /// Every key a member's partner holds: its generations' grants, and in each the own log key and the link keys.
    static func keys(of actor: Story.Actor, story: Story, vault: Vault, _ db: any VaultTransaction) throws -> [Key] {
        let identity = try Identity.unlock(contentsOf: story.identity(actor),
                                           passphrase: try SecureBytes(copying: Array(story.cli.passphrase.utf8)))
        let generations = try Custody.unlockGenerations(partner: partner[actor]!, identity: identity, roster: try vault.roster(db),
                                                        vault: vault, db)
        return try GrantStore.ownRows(generations: generations, db).flatMap { try $0.open().readingKeys }
    }

    /// Tries every slot of every entry with every key of every role, in process, on the played story's store.
    static func keyMatrix(_ played: Played) throws -> KeyMatrix {
        let story = played.story
        let vault = try Vault.open(path: story.vault, stateDirectory: story.file("state") + "/abri", checkHistory: false)
        return try vault.store.read { db in
            var matrix = KeyMatrix()
            var held: [Story.Actor: [Key]] = [:]
            for actor in roles where actor != .admin { held[actor] = try keys(of: actor, story: story, vault: vault, db) }
            for row in try Row.fetchAll(db.file, sql: "SELECT seq, entry FROM log ORDER BY seq") {
                let seq: Int = row["seq"]
                let parts = try LogEntry.Parts(Array(row["entry"] as Data), seq: seq)
                for slot in parts.slots {
                    for (actor, keys) in held {
                        for key in keys {
                            guard let (details, valid, section) = try? LogEntry.openSection(parts, tag: slot.tag, readerKey: key,
                                                                                            vault: vault, seq: seq) else { continue }
                            #expect(valid, "entry \(seq): a section's signature does not check out")
                            let place = SectionPlace(seq: seq, section: section)
                            matrix.details[place] = details
                            matrix.readers[place, default: []].insert(actor)
                        }
                    }
                }
            }
            let admin = try Identity.unlock(contentsOf: story.identity(.admin),
                                            passphrase: try SecureBytes(copying: Array(story.cli.passphrase.utf8)))
            for entry in try LogReader.allEntries(administrator: admin, vault: vault, db) { matrix.summaries[entry.seq] = entry.details }
            // Kinds: each opened section by its subject; an entry no member opens is the administrator's whole.
            let opened = Set(matrix.details.keys.map(\.seq))
            for place in matrix.details.keys.sorted() {
                let kind = Self.kind(of: matrix.details[place]!, seq: place.seq, played: played)
                let summary = matrix.summaries[place.seq]
                let operatorOnly = summary.map { Set($0.json.object?.keys.map { $0 } ?? []).isSubset(of: ["action", "actor", "actorKey", "at", "withoutConsent"]) } ?? false
                matrix.kinds[kind, default: ([], [])].readers.append(matrix.readers[place]!)
                matrix.kinds[kind, default: ([], [])].admin.insert(operatorOnly ? "summary" : "more than a summary")
            }
            for (seq, summary) in matrix.summaries where !opened.contains(seq) {
                let kind = summary.action == "refused" ? "refused" : "roster"
                matrix.kinds[kind, default: ([], [])].readers.append([])
                matrix.kinds[kind, default: ([], [])].admin.insert("whole")
            }
            return matrix
        }
    }

    /// The documentation's name for what a section is about.
    static func kind(of details: LogDetails, seq: Int, played: Played) -> String {
        let actorPartner = String(details.actor.split(separator: "/").first ?? "")
        let actor = letter[actorPartner] ?? actorPartner
        if details.case == played.lapsedID && (details.action == "consent-expired" || details.partner != nil) { return "expiry" }
        if let recipient = details.partner, ["deposit", "add", "share", "export"].contains(details.action) {
            return "grant-\(actor)-\(letter[recipient] ?? recipient)"
        }
        if actor == "C" && seq > played.additionSeq { return "actions-C-after-B" }
        return "actions-\(actor)"
    }

    static func cell(_ readers: Set<Story.Actor>, _ actor: Story.Actor) -> String { readers.contains(actor) ? "yes" : "no" }

    /// Every section of the story opens for exactly the roles the rule names, and a general-only holder opens no section
    /// but its own partner's and the grant made to it.
    @Test func everyLogSectionOpensWithTheKeysOfExactlyTheRolesTheRuleNames() throws {
        let played = try Played.shared()
        let matrix = try Self.keyMatrix(played)
        #expect(!matrix.details.isEmpty)
        for (place, details) in matrix.details.sorted(by: { $0.key < $1.key }) {
            let readers = matrix.readers[place]!
            let actorPartner = String(details.actor.split(separator: "/").first ?? "")
            // The rule, stated once: Q's action → Q and the partners that granted Q; a grant P → Q → P and Q.
            var expected: Set<Story.Actor> = []
            let kind = Self.kind(of: details, seq: place.seq, played: played)
            let granted = kind.hasPrefix("grant-")
            for actor in [Story.Actor.alice, .tom, .ines, .bruno] {
                let own = Self.partner[actor]! == actorPartner
                if granted { if own || Self.partner[actor]! == details.partner { expected.insert(actor) }; continue }
                if own { expected.insert(actor) }
            }
            if kind == "actions-T" || kind == "actions-C" || kind == "actions-C-after-B" { expected.insert(.alice) }
            if kind == "actions-B" { expected.insert(.ines) }
            if kind == "actions-C-after-B" { expected.insert(.bruno) }
            if kind == "expiry" { expected = [.alice] }
            #expect(readers == expected, "entry \(place.seq) section \(place.section) (\(kind), \(details.action) by \(details.actor)): opened by \(readers.map(\.rawValue).sorted()), the rule gives \(expected.map(\.rawValue).sorted())")
            // tom opens nothing but his own partner's entries and the grant made to him.
            if readers.contains(.tom) { #expect(actorPartner == "foh-tenancy" || details.partner == "foh-tenancy") }
        }
        // The administrator: a summary of every case entry, never a case, a partner, a purpose, a consent or a household.
        for (seq, summary) in matrix.summaries where matrix.details.keys.contains(where: { $0.seq == seq }) {
            #expect(summary.case == nil && summary.partner == nil && summary.purpose == nil && summary.consent == nil
                    && summary.records == nil, "the administrator reads more than a summary of entry \(seq): \(summary)")
        }
    }

    // MARK: The documentation's table

    /// The table of Docs/SECURITY.md under "Who reads which entry", row by row: `kind` → cells for D, T, C, B, admin.
    static func documentedTable() throws -> [String: [String]] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Docs/SECURITY.md").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let start = text.range(of: "## Who reads which entry") else { return [:] }
        var table: [String: [String]] = [:]
        for line in text[start.upperBound...].split(separator: "\n").map(String.init) {
            if line.hasPrefix("## ") { break }
            guard line.hasPrefix("| `") else { continue }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 7, let id = cells[0].split(separator: "`").first else { continue }
            table[String(id)] = cells.suffix(5).map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "*")) }
        }
        return table
    }

    /// Docs/SECURITY.md's table of who reads which kind of entry is what the keys do: a drifted doc fails here.
    @Test func theSecurityDocumentsTableIsWhatTheKeysDo() throws {
        let played = try Played.shared()
        let matrix = try Self.keyMatrix(played)
        let documented = try Self.documentedTable()
        #expect(!documented.isEmpty, "Docs/SECURITY.md has no table under \"Who reads which entry\"")
        for (kind, observed) in matrix.kinds {
            guard let cells = documented[kind] else {
                Issue.record("the story writes entries of kind \(kind), which Docs/SECURITY.md's table does not name")
                continue
            }
            for readers in Set(observed.readers) {
                let row = [Story.Actor.alice, .tom, .ines, .bruno].map { Self.cell(readers, $0) }
                #expect(Array(cells.prefix(4)) == row, "Docs/SECURITY.md says \(kind) is read by \(cells.prefix(4)); the keys give \(row)")
            }
            #expect(observed.admin == [cells[4]], "Docs/SECURITY.md says the administrator reads \(cells[4]) of \(kind); the keys give \(observed.admin)")
        }
        for kind in documented.keys where matrix.kinds[kind] == nil {
            Issue.record("Docs/SECURITY.md names \(kind), which the story never writes: the test cannot check it")
        }
    }
}

// MARK: - Sizes say nothing

extension NeedToKnowTests {
    /// `length(column)` of each row of `table`, in `ORDER BY` order.
    static func lengths(_ story: Story, _ column: String, _ table: String, order: String) throws -> [Int] {
        try SQLite.query(story.vault, "SELECT length(\(column)) FROM \(table) ORDER BY \(order);")
            .split(separator: "\n").compactMap { Int($0) }
    }

    /// The stored length of the log entry of the latest `action`.
    static func latestEntryLength(_ story: Story, action: String) throws -> Int {
        let seq = try #require(try story.adminLog().filter { $0["action"] as? String == action }.compactMap { $0["seq"] as? Int }.max())
        return try #require(Int(try SQLite.query(story.vault, "SELECT length(entry) FROM log WHERE seq = \(seq);")
            .trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test func anEmptyAndAFullLocatingPartAreStoredAtTheSameLength() throws {
        let story = try Story()
        let line = String(repeating: "x", count: 780)
        let full = try story.write("full.json", """
            {"type": "signalement", "household": "FOH-2024-000001", "facts": "Signalement complet.",
             "locating": {"address": "1 \(line)", "phone": "2 \(line)", "email": "3 \(line)", "workplace": "4 \(line)",
                          "school": "5 \(line)"}}
            """)
        let empty = try story.write("empty.json", """
            {"type": "signalement", "household": "FOH-2024-000002", "facts": "Signalement sans adresse."}
            """)
        let before = try story.rows("records")
        try story.must(["deposit", full, empty], as: .alice)
        let stored = try Self.lengths(story, "locating", "records", order: "rowid").suffix(2)
        #expect(try story.rows("records") == before + 2)
        #expect(Set(stored).count == 1, "locating parts of about 4 KiB and of nothing are stored at \(Array(stored)) bytes")
        #expect(Set(try Self.lengths(story, "locating", "records", order: "rowid")).count == 1, "the store's locating parts differ in length")
    }

    @Test func aDepositToOnePartnerAndToFourWritesEntriesOfTheSameLength() throws {
        let story = try Story()
        let (_, line) = try story.cli.newIdentity("zoe.identity", name: "zoe")
        try story.must(["partner", "add", "asso-59", "--name", "Association 59", "--kind", "association"], as: .admin)
        try story.must(["member", "add", "asso-59", "--identity", line, "--name", "zoe"], as: .admin)
        let report = try story.write("one.json", """
            {"type": "signalement", "household": "FOH-2024-000003", "facts": "Signalement."}
            """)
        try story.must(["deposit", report, "--locating-to", "cidff-62", "--consent", "accord"], as: .alice)
        let one = try Self.latestEntryLength(story, action: "deposit")
        try story.must(["deposit", report, "--to", "foh-tenancy", "--locating-to", "cidff-62", "--locating-to", "bailleur-b",
                        "--locating-to", "asso-59", "--consent", "accord"], as: .alice)
        let four = try Self.latestEntryLength(story, action: "deposit")
        try story.must(["deposit", report], as: .alice)
        let none = try Self.latestEntryLength(story, action: "deposit")
        #expect(one == four, "a deposit to one partner writes \(one) bytes, to four \(four)")
        #expect(none == one, "a deposit to nobody writes \(none) bytes, to one \(one)")
    }

    @Test func aShareWithAndWithoutConsentWritesEntriesOfTheSameLength() throws {
        let story = try Story()
        try story.must(["share", story.caseID, "--to", "bailleur-b", "--consent", "formulaire relogement signé le 3 mars"], as: .alice)
        let with = try Self.latestEntryLength(story, action: "share")
        try story.must(["share", story.caseID, "--to", "foh-tenancy", "--without-consent", "danger"], as: .alice)
        let without = try Self.latestEntryLength(story, action: "share")
        #expect(with == without, "a share with consent writes \(with) bytes, without \(without)")
    }
}
