import AbriCrypto
import AbriVault
import AbriTestSupport
import Foundation
import Testing

/// Whoever can write the vault file (the first landlord's IT, a backup, later a hub) attacks the roster, the heads
/// and the log's history, with `sqlite3` and public keys only, as such a writer would. Each attack must make the next
/// command fail closed (65), and `abri verify` must report it (Tests/README.md lists them).
@Suite(.enabled(if: SQLite.available, "needs the sqlite3 command-line tool"))
struct AdversaryHeadTests {
    // MARK: The roster

    @Test func aRemovedMemberRevivedByDeletingNewerRosterVersionsAndReinsertingOldSealsIsRefused() throws {
        let story = try Story()
        let mallory = try enrolMallory(story)
        let beforeRemoval = try copy(of: story, named: "before-removal.db")
        let keptVersion = try integer(story, "SELECT MAX(version) FROM roster")
        try story.must(["member", "remove", "cidff-62", "Mallory", "--yes"], as: .admin)
        try story.must(["cases"], as: .ines)

        // The newest roster version goes, and Mallory's old seals come back: she holds the partner's keys again.
        try SQLite.query(story.vault, """
            ATTACH '\(beforeRemoval)' AS old;
            DELETE FROM roster WHERE version > \(keptVersion);
            INSERT OR REPLACE INTO generation_seals SELECT * FROM old.generation_seals;
            INSERT OR REPLACE INTO log_key_seals SELECT * FROM old.log_key_seals;
            """)
        // A remaining member's routine command would re-seal the partner's keys to her: it must refuse.
        try expectRefused(story, ["cases"], as: .ines)
        try expectRefused(story, ["rotate", "cidff-62"], as: .ines)
        // The administrator's next roster change must not re-sign the rolled-back roster.
        let versions = try story.rows("roster")
        let newcomer = try story.cli.newIdentity("nadia.identity", name: "Nadia")
        try expectRefused(story, ["member", "add", "cidff-62", "--identity", newcomer.line, "--name", "Nadia"], as: .admin)
        #expect(try story.rows("roster") == versions, "no roster version was signed over the rolled-back one")
        _ = mallory
        try expectVerifyReports(story, "roster")
    }

    @Test func aHeadSignedWithAnOldLogKeyIsRefused() throws {
        let story = try Story()
        let mallory = try enrolMallory(story)
        let beforeRemoval = try copy(of: story, named: "before-removal.db")
        try story.must(["member", "remove", "cidff-62", "Mallory", "--yes"], as: .admin)
        try story.must(["open", story.caseID], as: .ines)

        // Mallory kept the log key she held before her removal, and signs the latest head with it.
        let boxKey = try PublicIdentity(parsing: mallory.line).boxPublicKey
        let sealed = try SQLite.query(beforeRemoval, "SELECT generation, hex(box) FROM log_key_seals WHERE member_key = x'\(hex(boxKey))';")
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").map(String.init)
        try #require(sealed.count == 2)
        let identity = try Identity.unlock(contentsOf: mallory.path, passphrase: try SecureBytes(copying: Array(story.cli.passphrase.utf8)))
        let oldKey = try SigningKeyPair(seed: try identity.openSealed(bytes(hex: sealed[1])))
        let signature = try oldKey.sign(try latestHeadText(story))
        try SQLite.query(story.vault, """
            UPDATE heads SET signature = x'\(hex(signature))', key_generation = \(sealed[0]), signer = 'log'
              WHERE size = (SELECT MAX(size) FROM heads);
            """)
        try expectRefused(story, ["cases"], as: .ines)
        try expectVerifyReports(story, "signature")
    }

    @Test func aGenerationSeedSealedByTheWriterInPlaceOfTheRealOneIsRefused() throws {
        let story = try Story()
        // Any writer can seal a seed of their choosing to a member's public key: the member would then deposit under
        // keys the writer holds.
        let boxKey = try PublicIdentity(parsing: try story.line(.ines)).boxPublicKey
        let planted = try SealedBox.seal(Random.bytes(32), to: boxKey)
        try SQLite.query(story.vault, """
            UPDATE generation_seals SET box = x'\(hex(planted))'
              WHERE partner = 'cidff-62' AND member_key = x'\(hex(boxKey))'
                AND number = (SELECT MAX(number) FROM generation_seals WHERE partner = 'cidff-62');
            """)
        try expectRefused(story, ["cases"], as: .ines)
        let report = try story.write("new.json", #"{"type":"note","household":"FOH-2023-000042"}"#)
        try expectRefused(story, ["deposit", report], as: .ines)
        let verify = try story.abri(["verify"], as: .ines)
        #expect(verify.status == 65, "\(verify)")
    }

    // MARK: The log's history

    @Test func aLogCutBackToAnOlderSignedHeadWithARecomputedFrontierIsRefused() throws {
        let story = try Story()
        try story.must(["cases"], as: .ines)
        let before = try copy(of: story, named: "before.db")
        let size = try integer(story, "SELECT MAX(size) FROM heads")
        try story.must(["open", story.caseID], as: .ines)
        try story.must(["open", story.caseID], as: .alice)

        // The entries and heads after the older head go; the stored tree edge is put back to match it.
        try SQLite.query(story.vault, """
            ATTACH '\(before)' AS old;
            DELETE FROM log WHERE seq > \(size);
            DELETE FROM heads WHERE size > \(size);
            UPDATE meta SET value = (SELECT value FROM old.meta WHERE key = 'frontier') WHERE key = 'frontier';
            """)
        try expectRefused(story, ["cases"], as: .ines)
        try expectRefused(story, ["log", "--case", story.caseID], as: .alice)
        try expectVerifyReports(story, "this machine")
    }

    @Test func aDeletedCheckpointRowIsNoticed() throws {
        let story = try Story()
        try story.must(["partner", "add", "asso-59", "--name", "Association du Nord", "--kind", "association"], as: .admin)
        let checkpoint = try integer(story, "SELECT MAX(size) FROM heads WHERE signer = 'admin'")
        try story.must(["open", story.caseID], as: .ines)
        try SQLite.query(story.vault, "DELETE FROM heads WHERE size = \(checkpoint);")
        try expectRefused(story, ["cases"], as: .ines)
        try expectVerifyReports(story, "missing")
    }

    @Test func aDeletedOlderHeadRowIsReportedByVerify() throws {
        let story = try Story()
        try story.must(["open", story.caseID], as: .ines)
        try story.must(["open", story.caseID], as: .ines)
        let oldest = try integer(story, "SELECT MIN(size) FROM heads")
        try SQLite.query(story.vault, "DELETE FROM heads WHERE size = \(oldest);")
        try expectVerifyReports(story, "missing")
    }

    @Test func aRollbackAfterOnlyReadOnlyCommandsIsRefused() throws {
        let story = try Story()
        // A second machine that only reads: it lists cases, and never writes anything.
        let reader: [String: String?] = ["XDG_STATE_HOME": story.file("reader-state")]
        try story.must(["cases"], as: .ines, environment: reader)
        let before = try copy(of: story, named: "before.db")
        try story.must(["open", story.caseID], as: .alice)
        try story.must(["cases"], as: .ines, environment: reader)

        try restore(before, over: story.vault)
        let refused = try story.abri(["cases"], as: .ines, environment: reader)
        #expect(refused.status == 65, "\(refused)")
        let verify = try story.abri(["verify", "--json"], as: nil, environment: reader)
        #expect(verify.status == 65, "\(verify)")
        #expect(verify.stdout.contains("this machine"), "\(verify)")
    }

    @Test func verifyCheckpointOnAVaultRolledBackBelowTheCheckpointFails() throws {
        let story = try Story()
        let before = try copy(of: story, named: "before.db")
        try story.must(["open", story.caseID], as: .ines)
        let checkpoint = story.file("checkpoint.txt")
        try story.must(["checkpoint", "export", "--out", checkpoint], as: .admin)
        #expect(try story.abri(["checkpoint", "export", "--out", checkpoint], as: .admin).status == 73)
        #expect(try story.abri(["checkpoint", "export", "--out", story.file("other.txt")], as: .ines).status == 77)
        try story.must(["verify", "--checkpoint", checkpoint], as: nil)
        try story.must(["open", story.caseID], as: .ines)
        try story.must(["verify", "--checkpoint", checkpoint], as: nil)

        // A forged checkpoint (one byte of the signature changed) is refused.
        var forged = Array(try Data(contentsOf: URL(fileURLWithPath: checkpoint)))
        forged[forged.count - 10] = forged[forged.count - 10] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let forgedPath = try story.cli.home.write("forged.txt", text: String(decoding: forged, as: UTF8.self))
        #expect(try story.abri(["verify", "--checkpoint", forgedPath], as: nil).status == 65)

        // The whole file rolled back below the checkpoint: a machine that never saw the vault cannot tell by
        // itself, the checkpoint kept outside the store can.
        try restore(before, over: story.vault)
        let fresh: [String: String?] = ["XDG_STATE_HOME": story.file("fresh-state")]
        try story.must(["cases"], as: .ines, environment: fresh)
        let verify = try story.abri(["verify", "--checkpoint", checkpoint, "--json"], as: nil, environment: fresh)
        #expect(verify.status == 65, "\(verify)")
        #expect(verify.stdout.contains("checkpoint"), "\(verify)")
        try expectRefused(story, ["cases"], as: .ines)
    }

    // MARK: Public days and shredding

    @Test func aFutureDayWrittenByAMemberIsReportedByVerify() throws {
        let story = try Story()
        // Only debug builds honour ABRI_TODAY; a member with such a build writes a day far ahead into the log.
        try story.must(["open", story.caseID], as: .ines, environment: ["ABRI_TODAY": "2030-01-01"])
        try expectVerifyReports(story, "after tomorrow")
    }

    @Test func shredClaimsNothingWhileAReaderKeepsTheWriteAheadLog() throws {
        let story = try Story()
        let sqlite = try #require(SQLite.path)
        // Another process reads the vault and keeps its snapshot open: the WAL cannot be truncated under it.
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        try #require(pipe(&input) == 0 && pipe(&output) == 0)
        let reader = try Child(sqlite, [story.vault], stdin: .descriptor(input[0]), stdout: .descriptor(output[1]))
        close(input[0]); close(output[1])
        let toReader = FileHandle(fileDescriptor: input[1], closeOnDealloc: true)
        let fromReader = FileHandle(fileDescriptor: output[0], closeOnDealloc: true)
        toReader.write(Data("BEGIN; SELECT COUNT(*) FROM log;\n".utf8))
        _ = fromReader.availableData
        let shred = try story.abri(["shred", story.caseID, "--yes"], as: .admin, environment: ["ABRI_BUSY_WAIT": "1"])
        toReader.write(Data("COMMIT;\n.quit\n".utf8))
        try toReader.close()
        reader.wait()
        #expect(shred.status == 70, "\(shred)")
        #expect(shred.stderr.contains("write-ahead log") && !shred.stderr.contains("opens for no one"), "\(shred)")
        // Once the reader is gone, the same command finishes the job.
        try story.must(["shred", story.caseID, "--yes"], as: .admin)
        try story.must(["verify"], as: .admin)
    }

    // MARK: Helpers

    /// Enrols a second member of `cidff-62`, Mallory, and lets ines finish the re-seal the enrolment left pending.
    private func enrolMallory(_ story: Story) throws -> (path: String, line: String) {
        // A colleague approves her: she holds the partner's keys and the log key, as a real member would.
        let mallory = try story.enrol("Mallory", in: "cidff-62", approvedBy: .ines)
        try story.must(["cases"], as: .ines)
        return mallory
    }

    /// A copy of the vault file as it is now, such as a writer keeps.
    private func copy(of story: Story, named name: String) throws -> String {
        let path = story.file(name)
        try SQLite.query(story.vault, "VACUUM INTO '\(path)';")
        return path
    }

    /// Puts `copy` in place of `vault`, as a writer restoring a file would (no WAL left over).
    private func restore(_ copy: String, over vault: String) throws {
        let manager = FileManager.default
        for suffix in ["-wal", "-shm", ""] where manager.fileExists(atPath: vault + suffix) {
            try manager.removeItem(atPath: vault + suffix)
        }
        try manager.copyItem(atPath: copy, toPath: vault)
    }

    private func integer(_ story: Story, _ sql: String) throws -> Int {
        try #require(Int(try SQLite.query(story.vault, sql + ";").trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// The signed-note text of the latest stored head, rebuilt from its row (Docs/FORMAT.md §3.7).
    private func latestHeadText(_ story: Story) throws -> [UInt8] {
        let vault = try SQLite.query(story.vault, "SELECT lower(hex(value)) FROM meta WHERE key = 'vault';")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let fields = try SQLite.query(story.vault, """
            SELECT size, hex(root), day, roster_version, hex(roster_hash), previous, hex(keys) FROM heads ORDER BY size DESC LIMIT 1;
            """).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").map(String.init)
        try #require(fields.count == 7)
        let root = Data(bytes(hex: fields[1])).base64EncodedString()
        let rosterHash = Data(bytes(hex: fields[4])).base64EncodedString()
        let keys = Data(bytes(hex: fields[6])).base64EncodedString()
        return Array("abri.vault/\(vault)\n\(fields[0])\n\(root)\n\(fields[2])\nroster \(fields[3]) \(rosterHash)\nkeys \(keys)\nprevious \(fields[5])\n".utf8)
    }

    private func expectRefused(_ story: Story, _ arguments: [String], as actor: Story.Actor,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try story.abri(arguments, as: actor)
        #expect(result.status == 65, "\(arguments.joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix("abri: "), "\(result)", sourceLocation: sourceLocation)
    }

    /// `abri verify` fails, and one of its problems says `word`.
    private func expectVerifyReports(_ story: Story, _ word: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let verify = try story.abri(["verify", "--json"], as: nil)
        #expect(verify.status == 65, "\(verify)", sourceLocation: sourceLocation)
        #expect(verify.stdout.contains(word), "verify should report \(word): \(verify)", sourceLocation: sourceLocation)
        let admin = try story.abri(["verify"], as: .admin)
        #expect(admin.status == 65, "\(admin)", sourceLocation: sourceLocation)
    }


}
