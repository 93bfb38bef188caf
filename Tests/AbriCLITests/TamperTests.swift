import Foundation
import Testing

/// Someone with write access to the vault file changes it with `sqlite3`: a flipped byte in each
/// kind of stored blob, log rows deleted, reordered or cut off, an old copy put back. Abri must
/// notice: 65 (or 77 where the change makes a key unusable), never 0 with altered content.
@Suite
struct TamperTests {
    /// One flipped blob, and the command that must notice it.
    struct Flip: Sendable, CustomTestStringConvertible {
        var table: String
        var column: String
        var condition: String = "1"
        /// What to run (`$CASE`, `$OUT` replaced) and as whom; nil actor: no --as.
        var checks: [([String], Story.Actor?)]
        /// Exit codes accepted.
        var codes: Set<Int32> = [65, 77]

        var testDescription: String { "\(table).\(column)" }
    }

    static let flips: [Flip] = [
        // A record's ciphertext altered: its AEAD fails, which is bad data (65), never "not permitted".
        Flip(table: "records", column: "general",
             checks: [(["open", "$CASE", "--json"], .ines), (["open", "$CASE"], .alice)], codes: [65]),
        Flip(table: "records", column: "locating",
             checks: [(["open", "$CASE", "--reveal", "--purpose", "p", "--json"], .ines),
                      (["open", "$CASE", "--reveal", "--purpose", "p"], .alice)], codes: [65]),
        Flip(table: "grants", column: "box",
             checks: [(["open", "$CASE", "--json"], .ines), (["open", "$CASE", "--json"], .alice)]),
        Flip(table: "cases", column: "case_key",
             checks: [(["open", "$CASE", "--json"], .ines)]),
        Flip(table: "log", column: "entry", condition: "seq = (SELECT max(seq) / 2 FROM log)",
             checks: [(["verify"], nil), (["verify", "--json"], nil)], codes: [65]),
        Flip(table: "heads", column: "signature", condition: "size = (SELECT max(size) FROM heads)",
             checks: [(["verify"], nil)], codes: [65]),
        Flip(table: "heads", column: "root", condition: "size = (SELECT min(size) FROM heads)",
             checks: [(["verify"], nil)], codes: [65]),
        Flip(table: "roster", column: "signature", condition: "version = (SELECT max(version) FROM roster)",
             checks: [(["open", "$CASE", "--json"], .ines), (["cases"], .alice), (["verify"], nil)]),
        Flip(table: "roster", column: "body", condition: "version = (SELECT max(version) FROM roster)",
             checks: [(["open", "$CASE", "--json"], .ines), (["verify"], nil)]),
    ]

    @Test(arguments: flips)
    func aFlippedByteIsNoticed(_ flip: Flip) throws {
        let story = try Story()
        let before = try SQLite.query(story.vault, "SELECT hex(\(flip.column)) FROM \(flip.table) WHERE \(flip.condition);")
        #expect(!before.isEmpty, "no row to damage")
        try SQLite.query(story.vault, SQLite.flipMiddle(table: flip.table, column: flip.column, where: flip.condition))
        let after = try SQLite.query(story.vault, "SELECT hex(\(flip.column)) FROM \(flip.table) WHERE \(flip.condition);")
        #expect(after != before && after.count == before.count, "the byte was not flipped")

        let out = story.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        for (arguments, actor) in flip.checks {
            let resolved = arguments.map { $0 == "$CASE" ? story.caseID : $0 == "$OUT" ? out : $0 }
            let result = try story.abri(resolved, as: actor)
            #expect(flip.codes.contains(result.status), "\(flip.testDescription): abri \(arguments.joined(separator: " ")) as \(actor?.rawValue ?? "-"): \(result)")
            #expect(result.stdout.isEmpty || result.status != 0)
            // verify may list each problem it found; every other command says one line.
            if arguments.first == "verify" {
                #expect(result.stderrLines.allSatisfy { $0.hasPrefix("abri: ") }, "\(result)")
            } else {
                #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix("abri: "), "\(result)")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty, "a partial attachment was left behind")
    }

    /// The attachment's file beside the vault: a flipped byte, a cut, a swap with another attachment's file,
    /// or no file at all. Open must refuse and leave no partial file.
    @Test(arguments: ["flip", "cut", "grow", "remove"])
    func aDamagedAttachmentFileIsNoticed(_ damage: String) throws {
        let story = try Story()
        let files = story.attachmentFiles()
        try #require(files.count == 1)
        let path = files[0]
        var content = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        switch damage {
        case "flip": content[content.count / 2] ^= 0x10
        case "cut": content.removeLast(17)
        case "grow": content += [0]
        default: content = []
        }
        if damage == "remove" {
            try FileManager.default.removeItem(atPath: path)
        } else {
            try Data(content).write(to: URL(fileURLWithPath: path))
        }
        let out = story.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        let result = try story.abri(["open", story.caseID, "--reveal", "--purpose", "p", "--attachments", out], as: .ines)
        #expect(result.status == 65, "\(damage): \(result)")
        #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix("abri: "), "\(result)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty, "a partial attachment was left behind")
    }

    /// A backup is one file: put in place of the vault, with the attachment folder gone, it still opens the
    /// attachment (kept in its `chunks` rows), and a flipped byte there is noticed too.
    @Test func aRestoredBackupCarriesItsAttachments() throws {
        let story = try Story()
        let backup = story.file("backup.db")
        try story.must(["backup", "--out", backup], as: nil)
        #expect(try SQLite.query(backup, "SELECT count(*) FROM chunks;").trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        #expect(try SQLite.query(backup, "SELECT count(*) FROM attachment_files;").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        try FileManager.default.removeItem(atPath: story.vault + "-attachments")
        try restore(backup, over: story.vault)
        try story.must(["verify", "--accept-restore"], as: .admin)
        let out = story.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        try story.must(["open", story.caseID, "--reveal", "--purpose", "p", "--attachments", out], as: .ines)
        let written = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(written.count == 1)
        #expect(written.first.map { [UInt8](FileManager.default.contents(atPath: out + "/" + $0) ?? Data()) } == story.attachment)

        try SQLite.query(story.vault, SQLite.flipMiddle(table: "chunks", column: "data", where: "1"))
        let damaged = story.file("damaged")
        try FileManager.default.createDirectory(atPath: damaged, withIntermediateDirectories: false)
        let result = try story.abri(["open", story.caseID, "--reveal", "--purpose", "p", "--attachments", damaged], as: .ines)
        #expect(result.status == 65, "\(result)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: damaged).isEmpty, "a partial attachment was left behind")
    }

    @Test func theUndamagedCopyPassesTheSameChecks() throws {
        let story = try Story()
        try story.must(["open", story.caseID, "--json"], as: .ines)
        let out = story.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        try story.must(["open", story.caseID, "--reveal", "--purpose", "p", "--attachments", out], as: .ines)
        try story.must(["verify"], as: nil)
        try story.must(["verify"], as: nil, environment: ["XDG_STATE_HOME": story.file("fresh-state")])
    }

    /// Changes to the log's rows, each checked by `verify` on this machine and on a machine that
    /// never saw the vault (no remembered head).
    static let logEdits: [(String, String)] = [
        ("a deleted row", "DELETE FROM log WHERE seq = (SELECT max(seq) / 2 FROM log);"),
        ("two rows swapped", """
            UPDATE log SET seq = -1 WHERE seq = 9;
            UPDATE log SET seq = 9 WHERE seq = 10;
            UPDATE log SET seq = 10 WHERE seq = -1;
            """),
        ("the tail cut off", "DELETE FROM log WHERE seq > (SELECT max(seq) - 2 FROM log);"),
        ("the tail and its heads cut off", """
            DELETE FROM log WHERE seq > (SELECT max(seq) - 2 FROM log);
            DELETE FROM heads WHERE size > (SELECT max(seq) FROM log);
            """),
        ("a row's day changed", "UPDATE log SET day = day - 30 WHERE seq = 9;"),
        ("a row of the tag index removed, hiding an entry from its readers",
         "DELETE FROM log_tags WHERE tag = (SELECT tag FROM log_tags ORDER BY seq DESC LIMIT 1);"),
    ]

    @Test(arguments: 0..<logEdits.count)
    func anEditedLogFailsVerification(_ index: Int) throws {
        let (name, sql) = Self.logEdits[index]
        let story = try Story()
        // More entries, so that the log has a middle and a tail of member entries.
        try story.must(["open", story.caseID], as: .ines)
        try story.must(["open", story.caseID, "--reveal", "--purpose", "p"], as: .alice)
        let count = try story.rows("log")
        #expect(count >= 12)
        try SQLite.query(story.vault, sql)
        for state in [nil, story.file("fresh-state")] {
            let environment: [String: String?] = state.map { ["XDG_STATE_HOME": $0] } ?? [:]
            let verify = try story.abri(["verify"], as: nil, environment: environment)
            #expect(verify.status == 65, "\(name), \(state == nil ? "this machine" : "a new machine"): \(verify)")
            #expect(verify.stderr.hasPrefix("abri: "))
            let json = try story.abri(["verify", "--json"], as: .admin, environment: environment)
            #expect(json.status == 65, "\(name): \(json)")
        }
    }

    /// A log cut short, seen by an ordinary command on this machine: CLI.md says every command
    /// "refuses a log that is shorter or inconsistent (65)". Cutting off the last entries (ines's
    /// reveal) while leaving the signed heads must not let a member go on and append after the gap.
    @Test(arguments: [2, 3])
    func anOrdinaryCommandRefusesALogCutShort(_ index: Int) throws {
        let (name, sql) = Self.logEdits[index]
        let story = try Story()
        try story.must(["open", story.caseID, "--reveal", "--purpose", "p"], as: .ines)
        try SQLite.query(story.vault, sql)
        let result = try story.abri(["cases"], as: .alice)
        #expect(result.status == 65, "\(name): \(result)")
        let open = try story.abri(["open", story.caseID], as: .ines)
        #expect(open.status == 65, "\(name): a member's command appended after the cut: \(open)")
    }

    @Test func aRolledBackVaultIsRefusedUntilTheAdministratorAcceptsIt() throws {
        let story = try Story()
        let backup = story.file("before.db")
        try story.must(["backup", "--out", backup], as: nil)
        // Restoring an identical copy changes nothing.
        try restore(backup, over: story.vault)
        try story.must(["cases"], as: .alice)

        // Later work: a deposit, a share, a member removed.
        let report = try story.write("later.json", #"{"type":"note","household":"FOH-2023-000042"}"#)
        try story.must(["deposit", report], as: .alice)
        try story.shareWithBailleurB()
        _ = try story.enrol("tom2", in: "foh-tenancy", approvedBy: .tom)
        try story.must(["member", "remove", "foh-tenancy", "tom", "--yes"], as: .admin)

        try restore(backup, over: story.vault)
        for actor in [Story.Actor.alice, .ines, .bruno] {
            let refused = try story.abri(["cases"], as: actor)
            #expect(refused.status == 65, "\(actor): \(refused)")
            #expect(refused.stderrLines.count == 1 && refused.stderr.hasPrefix("abri: "), "\(refused)")
        }
        let open = try story.abri(["open", story.caseID], as: .ines)
        #expect(open.status == 65, "\(open)")
        // tom was removed after the backup: the old copy must not let him back in.
        let tom = try story.abri(["cases"], as: .tom)
        #expect(tom.status == 65, "\(tom)")
        let verify = try story.abri(["verify"], as: nil)
        #expect(verify.status == 65, "\(verify)")
        let adminVerify = try story.abri(["verify", "--json"], as: .admin)
        #expect(adminVerify.status == 65, "\(adminVerify)")

        let notAdmin = try story.abri(["verify", "--accept-restore"], as: .alice)
        #expect(notAdmin.status == 77, "\(notAdmin)")
        let accepted = try story.abri(["verify", "--accept-restore"], as: .admin)
        #expect(accepted.status == 0, "\(accepted)")
        #expect(accepted.stderr.contains("Restore accepted: this machine now starts from the restored log"), "\(accepted)")
        try story.must(["verify"], as: nil)
        let cases = try story.caseIDs(as: .alice)
        #expect(cases == [story.caseID], "the restored vault holds the backup's cases")
        try story.must(["open", story.caseID], as: .ines)
        let restoreEntries = try story.adminLog().filter { $0["action"] as? String == "restore" }
        #expect(restoreEntries.count == 1)
    }

    @Test func verifyPrintsOneErrorLineForARolledBackVault() throws {
        let story = try Story()
        let backup = story.file("before.db")
        try story.must(["backup", "--out", backup], as: nil)
        try story.must(["open", story.caseID], as: .ines)
        try restore(backup, over: story.vault)
        for actor in [nil, Story.Actor.admin] {
            let verify = try story.abri(["verify"], as: actor)
            #expect(verify.status == 65)
            #expect(verify.stderrLines.count == 1, "CLI.md: an error is one line on stderr; got \(verify.stderrLines)")
        }
    }

    /// Puts `backup` in place of `vault`, as an operator restoring a file would (no WAL left over).
    /// A restore accepted by the administrator on one machine is followed by every other machine at its next
    /// command, once, and said in one line; a copy carrying a restore statement this machine already followed, or a
    /// statement the administrator did not sign, is refused like any rollback.
    @Test func anotherMachineFollowsARestoreTheAdministratorAcceptedOnceAndOnlyOnce() throws {
        let story = try Story()
        let machineB: [String: String?] = ["XDG_STATE_HOME": story.file("machine-b-state")]
        let backup = story.file("before.db")
        try story.must(["backup", "--out", backup], as: nil)
        let report = try story.write("later.json", #"{"type":"note","household":"FOH-2023-000042"}"#)
        try story.must(["deposit", report], as: .alice)
        try story.must(["cases"], as: .alice, environment: machineB)

        try restore(backup, over: story.vault)
        #expect(try story.abri(["cases"], as: .alice, environment: machineB).status == 65, "machine B refuses until the administrator accepts")
        try story.must(["verify", "--accept-restore"], as: .admin)
        let followed = try story.abri(["cases"], as: .alice, environment: machineB)
        #expect(followed.status == 0, "\(followed)")
        #expect(followed.stderr.contains("restored from a backup by its administrator"), "\(followed)")
        let next = try story.abri(["cases"], as: .alice, environment: machineB)
        #expect(next.status == 0 && !next.stderr.contains("restored"), "said once: \(next)")
        // Machine B logged that it followed: the administrator's own restore and B's.
        let restores = try story.adminLog().filter { $0["action"] as? String == "restore" }
        #expect(restores.count == 2 && restores.contains { $0["actor"] as? String == "foh-social/alice" }, "\(restores)")

        // The copy right after the restore, put back once more work was done: the statement was followed already.
        let afterRestore = story.file("after-restore.db")
        try story.must(["backup", "--out", afterRestore], as: nil)
        try story.must(["deposit", report], as: .alice, environment: machineB)
        try restore(afterRestore, over: story.vault)
        #expect(try story.abri(["cases"], as: .alice, environment: machineB).status == 65, "an old restore is not followed twice")

        // A statement nobody signed is not followed.
        let machineC: [String: String?] = ["XDG_STATE_HOME": story.file("machine-c-state")]
        try restore(backup, over: story.vault)
        let machineCFirst = try story.abri(["cases"], as: .alice, environment: machineC)
        #expect(machineCFirst.status == 0)
        try story.must(["deposit", report], as: .alice, environment: machineC)
        try restore(backup, over: story.vault)
        try SQLite.query(story.vault, "INSERT OR REPLACE INTO meta (key, value) VALUES ('restore-signature', zeroblob(64));")
        #expect(try story.abri(["cases"], as: .alice, environment: machineC).status == 65, "an unsigned restore is refused")
    }

    private func restore(_ backup: String, over vault: String) throws {
        let manager = FileManager.default
        for suffix in ["-wal", "-shm", ""] where manager.fileExists(atPath: vault + suffix) {
            try manager.removeItem(atPath: vault + suffix)
        }
        try manager.copyItem(atPath: backup, toPath: vault)
    }

    @Test func aCiphertextMovedToAnotherRecordIsRefused() throws {
        let story = try Story()
        try story.shareWithBailleurB()
        let rehousing = try story.addRehousing()
        // Put the rehousing record's general ciphertext in place of the report's: same data key
        // holder (ines holds both), but the associated data names another record.
        try SQLite.query(story.vault, """
            UPDATE records SET general = (SELECT general FROM records WHERE seq = (SELECT max(seq) FROM records))
            WHERE seq = (SELECT min(seq) FROM records);
            """)
        let result = try story.abri(["open", story.caseID, "--json"], as: .ines)
        #expect(result.status == 65, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(!result.stdout.contains(rehousing))
    }

    @Test func aCaseKeyCopiedFromAnotherCaseOpensNothing() throws {
        let story = try Story()
        let report = try story.write("other.json", #"{"type":"note","household":"FOH-2024-000001"}"#)
        try story.must(["deposit", report, "--locating-to", "cidff-62", "--consent", "f"], as: .alice)
        let other = try #require(try story.caseIDs(as: .alice).first { $0 != story.caseID })
        // The first case (the story's) gets the second case's key; the second keeps its own.
        try SQLite.query(story.vault, "UPDATE cases SET case_key = (SELECT case_key FROM cases WHERE id <> (SELECT id FROM cases ORDER BY day, rowid LIMIT 1) LIMIT 1);")
        let keys = try SQLite.query(story.vault, "SELECT count(DISTINCT case_key) FROM cases;")
        #expect(keys.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "the key was not copied")
        let owner = try story.abri(["open", other], as: .ines)
        #expect(owner.status == 0, "the case that kept its own key must still open: \(owner)")
        let copied = try story.abri(["open", story.caseID], as: .ines)
        #expect(copied.status == 65, "a case opened with another case's key: \(copied)")
        #expect(copied.stdout.isEmpty)
    }
}
