import Foundation
import Testing

/// The committed vaults of format 3 (`Fixtures/format3/`, made by `scripts/make-fixtures.sh`) open with today's code.
///
/// A change to a record's associated data, the log's encoding, a grant's layout or a bundle's would orphan every
/// existing vault while every test that builds its own vault stays green; these files were written by an earlier
/// build and are never rewritten by a test. A format change remakes them on purpose, in the same commit as
/// Docs/FORMAT.md. Every command runs on a copy, with a fresh `XDG_STATE_HOME` (a new machine trusts the first head
/// it sees), and nothing depends on today's date (the consents end on 2099-12-31; no `ABRI_TODAY`).
@Suite struct FixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/format3").path
    static let keys = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Keys").path

    /// What the script deposited (scripts/make-fixtures.sh).
    static let household = "FIX-2024-000001"
    static let address = "1 rue du Test, 62100 Calais"
    static let facts = "Rapport de test du format 3."
    static let note = "Suivi de test."
    static let recepisse = (0 ..< 4096).map { UInt8(($0 * 7 + 3) % 256) }
    static let photo = Array(String(repeating: "photo de test\n", count: 73).utf8) + [0, 1]

    /// A copy of the fixtures in a fresh home, run as the public test identities.
    struct Copy {
        var cli: CLI
        let caseID: String

        init() throws {
            cli = try CLI(passphrase: String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/passphrase")), as: UTF8.self)
                .trimmingCharacters(in: .newlines))
            try Story.copyTree(from: folder, to: cli.home.path, skipping: ["passphrase"])
            cli.environment["ABRI_VAULT"] = cli.home.file("vault.db")
            caseID = String(decoding: try cli.home.read("case"), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func abri(_ arguments: [String], as who: String?, vault: String = "vault.db") throws -> CLI.Result {
            try cli.run(arguments + (who.map { ["--as", FixtureTests.keys + "/test-\($0).identity"] } ?? []),
                        environment: ["ABRI_VAULT": cli.home.file(vault)])
        }

        func must(_ arguments: [String], as who: String?, vault: String = "vault.db") throws -> CLI.Result {
            let result = try abri(arguments, as: who, vault: vault)
            guard result.status == 0 else { throw CLIError.failed(result) }
            return result
        }

        func json(_ arguments: [String], as who: String?, vault: String = "vault.db") throws -> [String: Any] {
            let result = try must(arguments + ["--json"], as: who, vault: vault)
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
        }
    }

    @Test func theCommittedFixturesAreSmallAndComplete() throws {
        let manager = FileManager.default
        for name in ["vault.db", "vault.db-attachments", "second.db", "case.abri", "case", "passphrase"] {
            #expect(manager.fileExists(atPath: Self.folder + "/" + name), "Fixtures/format3/\(name) is missing (scripts/make-fixtures.sh)")
        }
        for name in ["vault.db-wal", "second.db-wal"] { #expect(!manager.fileExists(atPath: Self.folder + "/" + name)) }
        var total = 0
        for case let name as String in manager.enumerator(atPath: Self.folder)! {
            total += (try manager.attributesOfItem(atPath: Self.folder + "/" + name)[.size] as? Int) ?? 0
        }
        // About 1.6 MB on disk: each vault is some forty mostly empty 16 KiB SQLite pages (one per table and index),
        // and each attachment one padded 64 KiB segment; git stores the folder compressed, in about 340 KB.
        #expect(total < 2 * 1024 * 1024, "the fixtures hold \(total) bytes: keep the attachments small")
    }

    @Test func theFirstVaultListsOpensRevealsAndVerifies() throws {
        let copy = try Copy()
        // Each member lists the case; bob's partner reads both records.
        for who in ["alice", "bob"] {
            let cases = try #require(try copy.json(["cases"], as: who)["cases"] as? [[String: Any]])
            #expect(cases.map { $0["case"] as? String } == [copy.caseID], "\(who): \(cases)")
            #expect(cases.first?["records"] as? Int == 2, "\(who): \(cases)")
        }
        // A record opens, masked.
        let opened = try copy.json(["open", copy.caseID], as: "bob")
        let records = try #require(opened["records"] as? [[String: Any]])
        #expect(records.count == 2)
        let report = try #require(records.first)
        #expect((report["general"] as? [String: Any])?["facts"] as? String == Self.facts)
        #expect(report["masked"] as? [String] == ["locating"] && report["locating"] == nil)
        #expect((records.last?["general"] as? [String: Any])?["facts"] as? String == Self.note)
        let names = (report["attachments"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names == ["photo.jpg"], "masked, only the general attachment is listed: \(names)")

        // Revealed with a purpose, attachments written byte for byte.
        let out = copy.cli.home.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        let revealed = try copy.json(["open", copy.caseID, "--reveal", "--purpose", "contrôle du format", "--attachments", out], as: "bob")
        let first = try #require((revealed["records"] as? [[String: Any]])?.first)
        #expect((first["locating"] as? [String: Any])?["address"] as? String == Self.address)
        let all = (first["attachments"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(all.sorted() == ["photo.jpg", "recepisse.pdf"])
        #expect(try copy.cli.home.read("out/recepisse.pdf") == Self.recepisse)
        #expect(try copy.cli.home.read("out/photo.jpg") == Self.photo)
        let log = try #require(try copy.json(["log", "--case", copy.caseID], as: "bob")["entries"] as? [[String: Any]])
        #expect(log.contains { $0["action"] as? String == "reveal" && $0["purpose"] as? String == "contrôle du format" }, "\(log)")

        // The whole log, its heads and signatures check out, for anyone and for the administrator.
        let verified = try copy.json(["verify"], as: nil)
        #expect(verified["ok"] as? Bool == true, "\(verified)")
        try copy.must(["verify", "--as", Self.keys + "/test-admin-a.identity"], as: nil)
        try copy.must(["verify", "--as", Self.keys + "/test-bob.identity"], as: nil)
    }

    @Test func theBundleImportsIntoACopyOfTheSecondVault() throws {
        let copy = try Copy()
        try copy.must(["verify"], as: nil, vault: "second.db")
        #expect((try copy.json(["cases"], as: "bob", vault: "second.db")["cases"] as? [[String: Any]])?.isEmpty == true)
        let imported = try copy.must(["import", copy.cli.home.file("case.abri")], as: "bob", vault: "second.db")
        #expect(imported.stdoutLines == [copy.caseID], "\(imported)")
        let revealed = try copy.json(["open", copy.caseID, "--reveal", "--purpose", "contrôle du format"], as: "bob", vault: "second.db")
        let records = try #require(revealed["records"] as? [[String: Any]])
        #expect(records.contains { ($0["locating"] as? [String: Any])?["address"] as? String == Self.address }, "\(revealed)")
        try copy.must(["verify"], as: nil, vault: "second.db")
        // The same bundle again is a replay.
        #expect(try copy.abri(["import", copy.cli.home.file("case.abri")], as: "bob", vault: "second.db").status == 65)
    }
}
