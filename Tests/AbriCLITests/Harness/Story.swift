import Foundation
import Testing

/// The standard cast of the product brief, in a vault of its own, ready for a test.
///
/// - `admin`, the administrator;
/// - `alice`, social support at the first landlord (`foh-social`), who deposits the case;
/// - `tom`, rental management at the first landlord (`foh-tenancy`, never receiving locating parts);
/// - `ines`, legal-aid adviser at `cidff-62`;
/// - `bruno`, at the new landlord `bailleur-b`.
///
/// `caseID` is alice's report about Camille D. (`report`), with a 300 KB random attachment
/// (`recepisse.pdf`, in the locating compartment), granted with its locating part to `cidff-62`.
///
/// Building the cast costs about fifteen runs of the binary, so it is built once per test process
/// (the template) and every `Story()` is a copy of it in a fresh home: same vault id, same case id,
/// same identities, its own vault file, state directory and transcript.
///
/// ```swift
/// let story = try Story()
/// let opened = try story.abri(["open", story.caseID, "--json"], as: .ines)
/// ```
struct Story: Sendable {
    /// Who acts.
    enum Actor: String, CaseIterable, Sendable {
        case admin, alice, tom, ines, bruno
    }

    // MARK: The report's secrets and references

    static let address = "12 rue des Tilleuls, 62100 Calais"
    static let phone = "+33 6 12 34 56 78"
    static let victimName = "Camille D."
    static let facts = "Violences conjugales signalées par la locataire le 2 mars."
    static let household = "FOH-2021-000123"
    static let otherHousehold = "FOH-2019-000777"
    static let newAddress = "3 allée des Roses, 59000 Lille"
    static let consent = "formulaire signé le 2026-11-20"

    /// Every locating field of the story (the report's and the rehousing record's).
    static let locatingSecrets = [address, phone, newAddress]

    /// The report alice deposits.
    static let report = """
    {
      "type": "signalement",
      "household": "\(household)",
      "otherHousehold": "\(otherHousehold)",
      "victim": { "name": "\(victimName)", "birthYear": 1988 },
      "facts": "\(facts)",
      "children": 2,
      "locating": { "address": "\(address)",
                    "phone": "\(phone)" }
    }
    """

    /// The record bruno adds once the victim is rehoused.
    static let rehousing = """
    {"type": "rehousing", "notes": "bail signé", "locating": {"newAddress": "\(newAddress)"}}
    """

    // MARK: The copy

    /// The runner, with `ABRI_VAULT` pointing at `vault`; a test may add to its environment.
    var cli: CLI
    /// The vault file.
    let vault: String
    /// The deposited case.
    let caseID: String
    /// The attachment's bytes (random, 300,000 bytes).
    let attachment: [UInt8]
    /// Every run through `abri(_:as:)`, in order.
    let transcript: Transcript

    /// A fresh copy of the story, just after the deposit.
    init() throws {
        let template = try Template.shared()
        try self.init(copying: template.cli, caseID: template.caseID, attachment: template.attachment, transcript: [])
    }

    /// A fresh copy of the story after `playFull()` (played once per test process); its transcript
    /// holds the runs of `playFull()`.
    static func played() throws -> Story {
        Played.lock.lock()
        defer { Played.lock.unlock() }
        let story: Story
        if let built = Played.story {
            story = built
        } else {
            story = try Story()
            try story.playFull()
            Played.story = story
        }
        return try Story(copying: story.cli, caseID: story.caseID, attachment: story.attachment, transcript: story.transcript.entries)
    }

    /// A copy of this story as it stands now: its own home (every file of this one's, the vault and the
    /// state directory included) and its own transcript.
    func copy() throws -> Story {
        var copy = try Story(copying: cli, caseID: caseID, attachment: attachment, transcript: [])
        for (name, value) in cli.environment where copy.cli.environment[name] == nil { copy.cli.environment[name] = value }
        return copy
    }

    /// Drops the templates, which removes their folders.
    static func releaseTemplates() {
        Played.lock.lock()
        Played.story = nil
        Played.lock.unlock()
        Template.release()
    }

    private enum Played {
        static let lock = NSLock()
        nonisolated(unsafe) static var story: Story?
    }

    private init(copying source: CLI, caseID: String, attachment: [UInt8], transcript entries: [Transcript.Entry]) throws {
        var cli = try CLI(passphrase: source.passphrase)
        try Self.copyTree(from: source.home.path, to: cli.home.path, skipping: ["passphrase"])
        vault = cli.home.file("vault.db")
        cli.environment["ABRI_VAULT"] = vault
        self.cli = cli
        self.caseID = caseID
        self.attachment = attachment
        transcript = Transcript()
        for entry in entries { transcript.append(entry) }
    }

    /// The identity file of `actor`.
    func identity(_ actor: Actor) -> String { cli.home.file("\(actor.rawValue).identity") }

    /// The public identity line of `actor`.
    func line(_ actor: Actor) throws -> String {
        String(decoding: try cli.home.read("\(actor.rawValue).line"), as: UTF8.self)
    }

    /// The path of a file in the home.
    func file(_ name: String) -> String { cli.home.file(name) }

    /// Runs `abri arguments… --as <actor>` (no `--as` for nil) and records it in the transcript.
    @discardableResult
    func abri(_ arguments: [String], as actor: Actor?, stdin: [UInt8]? = nil,
              environment: [String: String?] = [:]) throws -> CLI.Result {
        let full = arguments + (actor.map { ["--as", identity($0)] } ?? [])
        let result = try cli.run(full, stdin: stdin, environment: environment)
        transcript.append(.init(actor: actor, arguments: arguments, result: result))
        return result
    }

    /// Runs a command that must succeed, and returns its result.
    @discardableResult
    func must(_ arguments: [String], as actor: Actor?, stdin: [UInt8]? = nil,
              environment: [String: String?] = [:]) throws -> CLI.Result {
        let result = try abri(arguments, as: actor, stdin: stdin, environment: environment)
        guard result.status == 0 else { throw StoryError.commandFailed(arguments, actor, result) }
        return result
    }

    /// Runs a `--json` command that must succeed and returns its document.
    func json(_ arguments: [String], as actor: Actor?, environment: [String: String?] = [:]) throws -> [String: Any] {
        let result = try must(arguments + ["--json"], as: actor, environment: environment)
        guard let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw StoryError.notJSON(result)
        }
        return document
    }

    // MARK: Story steps

    /// Enrols `name` in `partner` with a fresh identity and has `approver`, a member of that partner, approve them
    /// (a second member receives no key before); returns the identity's path and public line.
    @discardableResult
    func enrol(_ name: String, in partner: String, approvedBy approver: Actor) throws -> (path: String, line: String) {
        let identity = try cli.newIdentity("\(name).identity", name: name)
        try must(["member", "add", partner, "--identity", identity.line, "--name", name], as: .admin)
        try must(["member", "approve", partner, name, "--yes"], as: approver)
        return identity
    }

    /// alice shares the case with bailleur-b (general compartments only).
    func shareWithBailleurB() throws {
        try must(["share", caseID, "--to", "bailleur-b", "--consent", "formulaire relogement"], as: .alice)
    }

    /// bruno (who must hold the case) adds the rehousing record, its locating part granted to
    /// cidff-62 only; returns the record id.
    @discardableResult
    func addRehousing() throws -> String {
        let path = try cli.home.write("rehousing.json", text: Self.rehousing)
        let result = try must(["add", caseID, path, "--locating-to", "cidff-62", "--consent", "accord relogement"], as: .bruno)
        return result.stdoutLines.first ?? ""
    }

    /// The whole story after the deposit, every actor doing what the brief says (and tom trying
    /// every view he has): share to bailleur-b, the rehousing record, masked and revealed openings,
    /// attachments, household searches, logs, verification and a backup (`backup.db`).
    /// Returns the revealed attachments' folder.
    @discardableResult
    func playFull() throws -> String {
        try shareWithBailleurB()
        try addRehousing()
        let out = file("revealed")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for actor in [Actor.alice, .ines, .bruno] {
            try must(["open", caseID], as: actor)
            try must(["open", caseID, "--json"], as: actor)
            try must(["cases"], as: actor)
            try must(["cases", "--household", Self.household, "--json"], as: actor)
            try must(["log", "--case", caseID], as: actor)
            try must(["log", "--json"], as: actor)
        }
        try must(["open", caseID, "--reveal", "--purpose", "audience", "--attachments", out], as: .ines)
        try must(["open", caseID, "--reveal", "--purpose", "audience", "--json"], as: .alice)
        try must(["open", caseID, "--reveal", "--purpose", "relogement"], as: .bruno)
        for arguments in Self.tomsViews(caseID) { _ = try abri(arguments, as: .tom) }
        try must(["log"], as: .admin)
        _ = try abri(["log", "--household", Self.household, "--json"], as: .admin)
        try must(["partner", "list", "--json"], as: .admin)
        try must(["verify", "--json"], as: nil)
        try must(["verify", "--as", identity(.admin)], as: nil)
        try must(["backup", "--out", file("backup.db")], as: nil)
        return out
    }

    /// Every view the tenancy unit can ask for about the case or the household.
    static func tomsViews(_ caseID: String) -> [[String]] {
        [["cases"], ["cases", "--json"],
         ["cases", "--household", household], ["cases", "--household", household, "--json"],
         ["cases", "--household", otherHousehold], ["cases", "--household", otherHousehold, "--json"],
         ["cases", "--household", household.lowercased()],
         ["log"], ["log", "--json"],
         ["log", "--household", household], ["log", "--household", household, "--json"],
         ["log", "--household", otherHousehold, "--json"],
         ["log", "--case", caseID], ["log", "--case", caseID, "--json"],
         ["open", caseID], ["open", caseID, "--json"], ["open", caseID, "--reveal", "--purpose", "curiosité"],
         ["share", caseID, "--to", "foh-tenancy", "--consent", "x"],
         ["partner", "list", "--json"]]
    }

    /// Writes `text` as a file in the home and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try cli.home.write(name, text: text) }

    /// The ids of the cases `actor` can list.
    func caseIDs(as actor: Actor) throws -> [String] {
        let cases = try json(["cases"], as: actor)["cases"] as? [[String: Any]] ?? []
        return cases.compactMap { $0["case"] as? String }
    }

    /// The administrator's log entries.
    func adminLog() throws -> [[String: Any]] {
        try json(["log"], as: .admin)["entries"] as? [[String: Any]] ?? []
    }

    /// The number of rows of `table` in the vault, read with the sqlite3 command-line tool.
    func rows(_ table: String, where condition: String = "1") throws -> Int {
        Int(try SQLite.query(vault, "SELECT count(*) FROM \(table) WHERE \(condition);").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// The attachment files beside the vault (`vault.db-attachments/`), full paths.
    func attachmentFiles() -> [String] {
        let folder = vault + "-attachments"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().map { folder + "/" + $0 }
    }

    // MARK: The vault's state

    /// What a failed command must leave as it was: every table but the log and its heads, dumped
    /// with sqlite3, and the log rows.
    struct Snapshot: Equatable {
        var tables: String
        var logRows: [String]
    }

    /// Tables that a refused access may grow (it logs itself).
    static let growingTables: Set<String> = ["log", "heads", "log_tags"]

    func snapshot() throws -> Snapshot {
        let tables = try SQLite.query(vault, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;")
            .split(separator: "\n").map(String.init).filter { !Self.growingTables.contains($0) }
        let marker = "-- abri-test: log rows --"
        let output = try SQLite.query(vault, """
            .dump \(tables.joined(separator: " "))
            SELECT '\(marker)';
            SELECT seq, day, hex(entry) FROM log ORDER BY seq;
            """)
        let parts = output.components(separatedBy: marker + "\n")
        return Snapshot(tables: parts.first ?? "", logRows: (parts.dropFirst().first ?? "").split(separator: "\n").map(String.init))
    }

    /// Checks that the vault holds what `before` held; the log may only have grown by `refused`
    /// entries (a refused access may log itself).
    func expectUnchanged(since before: Snapshot, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let after = try snapshot()
        #expect(after.tables == before.tables, "the vault's tables changed \(comment.map { "\($0)" } ?? "")", sourceLocation: sourceLocation)
        #expect(Array(after.logRows.prefix(before.logRows.count)) == before.logRows, "the log was rewritten", sourceLocation: sourceLocation)
        if after.logRows.count > before.logRows.count {
            let entries = try adminLog().filter { ($0["seq"] as? Int ?? 0) > before.logRows.count }
            #expect(entries.allSatisfy { $0["action"] as? String == "refused" },
                    "a failed command logged \(entries) \(comment.map { "\($0)" } ?? "")", sourceLocation: sourceLocation)
        }
    }

    // MARK: Copying

    static func copyTree(from source: String, to destination: String, skipping: Set<String> = []) throws {
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: source) where !skipping.contains(name) {
            let from = source + "/" + name, to = destination + "/" + name
            if manager.fileExists(atPath: to) { try manager.removeItem(atPath: to) }
            try manager.copyItem(atPath: from, toPath: to)
        }
    }

    /// The cast built once per test process.
    private final class Template: @unchecked Sendable {
        let cli: CLI
        let caseID: String
        let attachment: [UInt8]

        private static let lock = NSLock()
        nonisolated(unsafe) private static var built: Template?

        static func shared() throws -> Template {
            lock.lock()
            defer { lock.unlock() }
            if let built { return built }
            let template = try Template()
            built = template
            // The templates live as long as the test process; their folders go with it.
            atexit { Story.releaseTemplates() }
            return template
        }

        static func release() {
            lock.lock(); defer { lock.unlock() }
            built = nil
        }

        private init() throws {
            var cli = try CLI()
            let vault = cli.home.file("vault.db")
            cli.environment["ABRI_VAULT"] = vault
            func must(_ arguments: [String], as actor: Actor? = nil, in cli: CLI) throws -> CLI.Result {
                let full = arguments + (actor.map { ["--as", cli.home.file("\($0.rawValue).identity")] } ?? [])
                let result = try cli.run(full)
                guard result.status == 0 else { throw StoryError.commandFailed(arguments, actor, result) }
                return result
            }
            var lines: [Actor: String] = [:]
            for actor in Actor.allCases {
                let (_, line) = try cli.newIdentity("\(actor.rawValue).identity", name: actor.rawValue)
                try cli.home.write("\(actor.rawValue).line", text: line)
                lines[actor] = line
            }
            _ = try must(["init", "--admin", lines[.admin]!], in: cli)
            for (id, name, kind, never) in [("foh-social", "FOH Social", "landlord", false),
                                            ("foh-tenancy", "FOH Gestion locative", "landlord", true),
                                            ("cidff-62", "CIDFF 62", "legal-aid", false),
                                            ("bailleur-b", "Bailleur B", "landlord", false)] {
                _ = try must(["partner", "add", id, "--name", name, "--kind", kind] + (never ? ["--never-locating"] : []),
                             as: .admin, in: cli)
            }
            for (partner, actor) in [("foh-social", Actor.alice), ("foh-tenancy", .tom), ("cidff-62", .ines), ("bailleur-b", .bruno)] {
                _ = try must(["member", "add", partner, "--identity", lines[actor]!, "--name", actor.rawValue], as: .admin, in: cli)
            }
            var generator = SystemRandomNumberGenerator()
            attachment = (0..<300_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let attachmentPath = try cli.home.write("recepisse.pdf", attachment)
            let reportPath = try cli.home.write("report.json", text: Story.report)
            let deposit = try must(["deposit", reportPath, "--attach", attachmentPath, "--locating-to", "cidff-62",
                                    "--consent", Story.consent], as: .alice, in: cli)
            guard let id = deposit.stdoutLines.first else { throw StoryError.commandFailed(["deposit"], .alice, deposit) }
            caseID = id
            // Every member has run a command: the inbox rows are filed, nothing is pending.
            for actor in [Actor.tom, .ines, .bruno] { _ = try must(["cases"], as: actor, in: cli) }
            self.cli = cli
        }
    }
}

/// The runs of a story, for the checks that look at every output.
final class Transcript: @unchecked Sendable {
    struct Entry: Sendable {
        var actor: Story.Actor?
        var arguments: [String]
        var result: CLI.Result
    }

    private let lock = NSLock()
    private var storage: [Entry] = []

    func append(_ entry: Entry) {
        lock.lock(); defer { lock.unlock() }
        storage.append(entry)
    }

    var entries: [Entry] {
        lock.lock(); defer { lock.unlock() }
        return storage
    }
}

enum StoryError: Error, CustomStringConvertible {
    case commandFailed([String], Story.Actor?, CLI.Result)
    case notJSON(CLI.Result)
    case sqlite(String)

    var description: String {
        switch self {
        case let .commandFailed(arguments, actor, result):
            "abri \(arguments.joined(separator: " ")) as \(actor?.rawValue ?? "-") failed: \(result)"
        case let .notJSON(result): "not a JSON document: \(result)"
        case let .sqlite(message): "sqlite3: \(message)"
        }
    }
}
