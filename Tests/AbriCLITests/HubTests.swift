import AbriTestSupport
import AbriVault
import Foundation
import Synchronization
import Testing

/// Organisations on separate machines sharing one vault through a hub (Docs/FORMAT.md §7): a throwaway PostgreSQL
/// cluster and a real `abri-hub` process, started by the tests; each machine its own home, replica and state.
@Suite struct HubTests {
    // MARK: The story across machines

    @Test func theStoryAcrossThreeMachinesAndOneHub() throws {
        let story = try HubStory(actors: [.admin, .alice, .ines, .bruno])
        // The CIDFF's machine sees the deposit from the first landlord's, and reads the address it was given.
        #expect(try story.caseIDs(.ines) == [story.caseID])
        let revealed = try story.must(.ines, ["open", story.caseID, "--reveal", "--purpose", "audience"])
        #expect(revealed.stdout.contains(Story.address))
        // The CIDFF shares with the new landlord, who records the new dwelling from a third network.
        try story.must(.ines, ["share", story.caseID, "--to", "bailleur-b", "--consent", Story.consent])
        let rehousing = try story.machine(.bruno).home.write("rehousing.json", text: Story.rehousing)
        try story.must(.bruno, ["add", story.caseID, rehousing, "--locating-to", "cidff-62", "--consent", "accord relogement"])
        // The first landlord never learns where she went; the CIDFF does.
        let alice = try story.must(.alice, ["open", story.caseID, "--reveal", "--purpose", "suivi"])
        #expect(!alice.stdout.contains(Story.newAddress), "\(alice)")
        let ines = try story.must(.ines, ["open", story.caseID, "--reveal", "--purpose", "audience"])
        #expect(ines.stdout.contains(Story.newAddress), "\(ines)")
        // An attachment made on one machine (a file beside its copy) reaches the others as rows, byte for byte.
        let attachment = (0 ..< 3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        let note = try story.machine(.alice).home.write("note.json", text: #"{"type":"note","household":"\#(Story.household)"}"#)
        let file = try story.machine(.alice).home.write("pj.bin", attachment)
        try story.must(.alice, ["add", story.caseID, note, "--attach", file, "--locating-to", "cidff-62", "--consent", Story.consent])
        let folder = story.machine(.ines).home.file("out")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try story.must(.ines, ["open", story.caseID, "--reveal", "--purpose", "audience", "--attachments", folder])
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/pj.bin")) == Data(attachment))
        // Commands that open their session themselves pull first too: the CIDFF rotates its keys on top of what the
        // others wrote, and the first landlord reads the log of the case after it.
        try story.must(.ines, ["rotate", "cidff-62"])
        try story.must(.alice, ["log", "--case", story.caseID])
        #expect(try story.caseIDs(.bruno) == [story.caseID])
        // Every machine's copy checks out, and says where it comes from.
        for actor in [Story.Actor.admin, .alice, .ines, .bruno] {
            let verified = try story.abri(actor, ["verify", "--hub"])
            #expect(verified.status == 0, "\(actor): \(verified)")
        }
        // The administrator's exported checkpoint, checked on another machine together with the hub's head.
        let checkpoint = story.machine(.admin).home.file("checkpoint.txt")
        try story.must(.admin, ["checkpoint", "export", "--out", checkpoint])
        let copied = try story.machine(.ines).home.write("checkpoint.txt", Array(try Data(contentsOf: URL(fileURLWithPath: checkpoint))))
        let both = try story.abri(.ines, ["verify", "--hub", "--checkpoint", copied])
        #expect(both.status == 0, "\(both)")
        let status = try story.machine(.bruno).run(["status", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(object["hub"] as? String == story.url)
        #expect(object["id"] as? String == story.vaultID)
        #expect((object["cursor"] as? Int ?? 0) > 0)
    }

    @Test func readsWorkWithoutTheHubAndWritesWaitForIt() throws {
        let story = try HubStory()
        // The CIDFF's copy last heard from the hub after the deposit.
        #expect(try story.caseIDs(.ines) == [story.caseID])
        story.hub.kill()
        // Reading: this machine's copy, and a line saying how old it is.
        let listed = try story.abri(.ines, ["cases"])
        #expect(listed.status == 0, "\(listed)")
        #expect(listed.stdout.contains(story.caseID))
        #expect(listed.stderr.contains("hub cannot be reached"), "\(listed)")
        // Writing (an open is logged): 75, nothing written.
        let report = try story.machine(.alice).home.write("second.json", text: #"{"type":"note","household":"FOH-2024-000002"}"#)
        let deposit = try story.abri(.alice, ["deposit", report])
        #expect(deposit.status == 75, "\(deposit)")
        #expect(deposit.stdout.isEmpty)
        let opened = try story.abri(.ines, ["open", story.caseID])
        #expect(opened.status == 75, "\(opened)")
        // Once the hub is back, the same deposit goes through and reaches the others.
        try story.hub.restart()
        let id = try story.must(.alice, ["deposit", report]).stdoutLines[0]
        #expect(try story.caseIDs(.alice).contains(id))
    }

    /// Creating a vault on a hub that cannot be reached, or cloning from one, leaves no file behind: 75, nothing kept.
    @Test func initAndCloneWithoutTheHubLeaveNothing() throws {
        var cli = try CLI()
        let vault = cli.home.file("vault.db")
        cli.environment["ABRI_VAULT"] = vault
        let admin = try cli.newIdentity("admin.identity", name: "admin")
        let port = try PostgresCluster.freePort()
        let created = try cli.run(["init", "--admin", admin.line, "--hub", "http://127.0.0.1:\(port)", "--as", admin.path])
        #expect(created.status == 75, "\(created)")
        #expect(!FileManager.default.fileExists(atPath: vault))
        let cloned = try cli.run(["clone", "http://127.0.0.1:\(port)", String(repeating: "ab", count: 16), "--as", admin.path])
        #expect(cloned.status == 75, "\(cloned)")
        #expect(!FileManager.default.fileExists(atPath: vault))
        // A hub reached in plain HTTP off this machine is refused before anything is asked.
        let remote = try cli.run(["init", "--admin", admin.line, "--hub", "http://hub.example.org", "--as", admin.path])
        #expect(remote.status == 64, "\(remote)")
    }

    // MARK: Many writers

    @Test func eightReplicasWritingAtOnceLoseNothingAndApplyEachCommandOnce() throws {
        let story = try HubStory(actors: [.admin, .alice])
        // Eight machines of the first landlord, each its own copy of the vault, all with alice's identity.
        let machines = try (0 ..< 8).map { index -> CLI in
            var cli = try CLI()
            cli.environment["ABRI_VAULT"] = cli.home.file("vault.db")
            try FileManager.default.copyItem(atPath: story.identity(.alice), toPath: cli.home.file("alice.identity"))
            let cloned = try cli.run(["clone", story.url, story.vaultID, "--as", cli.home.file("alice.identity")])
            guard cloned.status == 0 else { throw StoryError.commandFailed(["clone \(index)"], .alice, cloned) }
            return cli
        }
        let perMachine = 3
        let results = Mutex<[String]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: machines.count) { index in
            let cli = machines[index]
            for round in 0 ..< perMachine {
                do {
                    // A report file, standard input, then the editor: a command that runs again after a conflict
                    // reads its input and opens the editor only once.
                    let text = #"{"type":"note","household":"FOH-M\#(index)-\#(round)"}"#
                    let report = try cli.home.write("r\(round).json", text: text)
                    let identity = ["--as", cli.home.file("alice.identity")]
                    let result: CLI.Result
                    switch round {
                    case 0: result = try cli.run(["deposit", report] + identity)
                    case 1: result = try cli.run(["deposit", "-"] + identity, stdin: Array(text.utf8))
                    default:
                        let runtime = cli.home.file("run")
                        try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: false,
                                                                attributes: [.posixPermissions: 0o700])
                        let editor = try cli.home.write("editor.sh", text: "cp '\(report)' \"$1\"; echo opened >> '\(cli.home.file("editor.count"))'\n")
                        result = try cli.run(["deposit", "--edit"] + identity, environment: ["EDITOR": "sh '\(editor)'", "XDG_RUNTIME_DIR": runtime])
                    }
                    if result.status == 0, let id = result.stdoutLines.first {
                        results.withLock { $0.append(id) }
                    } else {
                        failures.withLock { $0.append("machine \(index): \(result)") }
                    }
                } catch {
                    failures.withLock { $0.append("machine \(index): \(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        for cli in machines {
            let opened = (try? String(contentsOfFile: cli.home.file("editor.count"), encoding: .utf8)) ?? ""
            #expect(opened == "opened\n", "the editor opened \(opened.split(separator: "\n").count) times for one command")
        }
        let deposited = results.withLock { $0 }
        #expect(deposited.count == machines.count * perMachine)
        // Every deposit is on every copy, once: the first machine's view after a pull, and the hub's log.
        let listed = try story.caseIDs(.alice)
        #expect(Set(listed).isSuperset(of: deposited), "missing: \(Set(deposited).subtracting(listed))")
        #expect(listed.count == Set(listed).count)
        #expect(listed.count == deposited.count + 1)
        for cli in machines.prefix(2) {
            let verified = try cli.run(["verify", "--hub", "--as", cli.home.file("alice.identity")])
            #expect(verified.status == 0, "\(verified)")
        }
    }

    // MARK: Crashes

    @Test func aClientKilledInTheMiddleOfAPushLeavesBothWhole() throws {
        let story = try HubStory(actors: [.admin, .alice, .ines])
        let cli = story.machine(.alice)
        var acknowledged: [String] = []
        for attempt in 0 ..< 8 {
            let report = try cli.home.write("k\(attempt).json", text: #"{"type":"note","household":"FOH-K-\#(attempt)"}"#)
            let out = cli.home.file("k\(attempt).out")
            FileManager.default.createFile(atPath: out, contents: nil)
            let child = try Child(cli.binary, ["deposit", report, "--as", story.identity(.alice)], environment: cli.environment,
                                  directory: cli.home.path, stdout: .file(out))
            usleep(UInt32(30_000 + attempt * 25_000))
            child.send(SIGKILL)
            if child.wait() == .exited(0), let id = (try? String(contentsOfFile: out, encoding: .utf8))?.split(separator: "\n").first {
                acknowledged.append(String(id))
            }
            // Whatever the moment, the next command on that machine works and its copy checks out.
            let verified = try story.abri(.alice, ["verify", "--hub"])
            #expect(verified.status == 0, "after kill \(attempt): \(verified)")
        }
        // What a finished command printed is on the hub, and the other machine sees the same cases.
        let alice = Set(try story.caseIDs(.alice)), ines = try story.caseIDs(.ines)
        #expect(alice.isSuperset(of: acknowledged))
        #expect(Set(ines).isSubset(of: alice) && ines.count == Set(ines).count)
    }

    @Test func aHubKilledInTheMiddleOfAPushLosesNothing() throws {
        let story = try HubStory(actors: [.admin, .alice])
        let cli = story.machine(.alice)
        let report = try cli.home.write("h.json", text: #"{"type":"note","household":"FOH-H-1"}"#)
        for attempt in 0 ..< 4 {
            let child = try Child(cli.binary, ["deposit", report, "--as", story.identity(.alice)], environment: cli.environment,
                                  directory: cli.home.path)
            usleep(UInt32(40_000 + attempt * 40_000))
            story.hub.kill()
            let ending = child.wait()
            #expect(ending == .exited(0) || ending == .exited(75), "attempt \(attempt): \(ending)")
            try story.hub.restart()
                let verified = try story.abri(.alice, ["verify", "--hub"])
            #expect(verified.status == 0, "after the hub's kill \(attempt): \(verified)")
        }
        try story.must(.alice, ["deposit", report])
    }

    // MARK: A hub that lies

    @Test func aHubRestoredFromAnOlderDumpIsRefusedByEveryClient() throws {
        let story = try HubStory(actors: [.admin, .alice, .ines])
        // The operator's backup, taken now.
        let saved = try story.hub.sql("SELECT count(*) FROM rows")
        try story.hub.sql("CREATE TABLE rows_saved AS SELECT * FROM rows; CREATE TABLE vaults_saved AS SELECT * FROM vaults")
        // Work goes on: the CIDFF reads the case (logged) and shares it.
        try story.must(.ines, ["open", story.caseID])
        try story.must(.ines, ["share", story.caseID, "--to", "bailleur-b", "--consent", Story.consent])
        _ = try story.caseIDs(.alice)
        // The hub's database is put back as it was.
        try story.hub.sql("""
            DELETE FROM rows; INSERT INTO rows SELECT * FROM rows_saved;
            UPDATE vaults v SET seq = s.seq, frontier = s.frontier, head_size = s.head_size, roster_version = s.roster_version
              FROM vaults_saved s WHERE v.id = s.id
            """)
        #expect(try story.hub.sql("SELECT count(*) FROM rows") == saved)
        // Every machine that saw the newer log refuses the older one, and its copy is untouched.
        for actor in [Story.Actor.alice, .ines] {
            let listed = try story.abri(actor, ["cases"])
            #expect(listed.status == 65, "\(actor): \(listed)")
            let verified = try story.abri(actor, ["verify", "--hub"])
            #expect(verified.status == 65, "\(actor): \(verified)")
            }
    }

    /// The hub's operator changes the last byte of every row of a table (a signature, a sealed box, an entry, a
    /// record's ciphertext: the last column of each) and serves it as a newer change. Every client refuses: the pull
    /// rolls back (65) for a changed row of the log, its heads or the roster and for what the checks of every command
    /// cover, `open --reveal` (65) for a record's ciphertext; a roster the hub itself
    /// can no longer check makes it refuse every member (77). Nothing the hub sent stays in a copy that refused it.
    @Test(arguments: ["roster", "heads", "log", "generation_seals", "records"])
    func aHubServingAForgedRowFailsClosed(table: String) throws {
        let story = try HubStory(actors: [.admin, .alice, .ines])
        #expect(try story.caseIDs(.ines) == [story.caseID])
        let flipped = try story.hub.sql("""
            UPDATE rows SET value = overlay(value placing (CASE WHEN get_byte(value, length(value) - 1) = 65 THEN '\\x42' ELSE '\\x41' END)::bytea
              from length(value) for 1), seq = (SELECT seq FROM vaults) + 1 WHERE tbl = '\(table)' AND value IS NOT NULL;
            UPDATE vaults SET seq = seq + 1;
            SELECT count(*) FROM rows WHERE tbl = '\(table)' AND value IS NOT NULL
            """)
        #expect(Int(flipped.split(separator: "\n").last ?? "0") ?? 0 > 0)
        for actor in [Story.Actor.alice, .ines] {
            let copy = try SQLite.query(story.vault(actor), "SELECT hex(group_concat(hex(\(table == "roster" ? "signature" : table == "heads" ? "signature" : table == "log" ? "entry" : table == "records" ? "locating" : "box")))) FROM \(table)")
            let result = try story.abri(actor, table == "records" ? ["open", story.caseID, "--reveal", "--purpose", "contrôle"] : ["cases"])
            #expect(table == "roster" ? [65, 77].contains(result.status) : result.status == 65, "\(actor), \(table): \(result)")
            if table != "records" {
                let after = try SQLite.query(story.vault(actor), "SELECT hex(group_concat(hex(\(table == "roster" ? "signature" : table == "heads" ? "signature" : table == "log" ? "entry" : "box")))) FROM \(table)")
                #expect(after == copy, "\(actor) kept what the hub sent in \(table)")
            }
        }
    }

    @Test func aHubThatSwapsTheAdministratorIsRefused() throws {
        let story = try HubStory(actors: [.admin, .alice])
        let mallory = try story.machine(.admin).newIdentity("mallory.identity", name: "mallory")
        // The hub serves the vault's `meta` row `admin` naming another administrator, as a newer change.
        let rows = try story.hub.sql("SELECT encode(key, 'hex') || ' ' || encode(value, 'hex') FROM rows WHERE tbl = 'meta'")
        var swapped = false
        for line in rows.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let value = Hex.decode(parts[1]), let columns = try? WireColumns(decoding: value),
                  columns["key"] == .text("admin") else { continue }
            let forged = try WireColumns([("key", .text("admin")), ("value", .blob(Array(mallory.line.utf8)))])
            try story.hub.sql("""
                UPDATE rows SET value = decode('\(hex(forged.encoded))', 'hex'), seq = (SELECT seq FROM vaults) + 1
                 WHERE tbl = 'meta' AND key = decode('\(parts[0])', 'hex');
                UPDATE vaults SET seq = seq + 1
                """)
            swapped = true
        }
        #expect(swapped)
        let result = try story.abri(.alice, ["cases"])
        #expect(result.status == 65, "\(result)")
        #expect(try SQLite.query(story.vault(.alice), "SELECT value FROM meta WHERE key = 'admin'").contains(story.lines[.admin]!))
    }

    // MARK: Attachments on demand

    /// A copy cloned with `--attachments on-demand` keeps no attachment of others: it fetches one from the hub when it
    /// is opened, byte for byte, and keeps nothing of it; what the hub sends is opened under the record's key like
    /// any stored attachment, so a changed byte is refused (65) and nothing is written out. Its own attachments still
    /// reach the others, and its status says which mode it is in.
    @Test func anOnDemandCopyFetchesAnAttachmentWhenOpenedAndKeepsNone() throws {
        let story = try HubStory(actors: [.admin, .alice])
        let attachment = (0 ..< 700_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 9) }
        let note = try story.machine(.alice).home.write("note.json", text: #"{"type":"note","household":"\#(Story.household)"}"#)
        let file = try story.machine(.alice).home.write("pj.bin", attachment)
        try story.must(.alice, ["add", story.caseID, note, "--attach", file, "--locating-to", "cidff-62", "--consent", Story.consent])
        try story.clone(.ines, ["--attachments", "on-demand"])
        let chunks = "SELECT count(*) FROM chunks"
        #expect(try SQLite.query(story.vault(.ines), chunks).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let status = try story.machine(.ines).run(["status", "--json"])
        #expect(status.stdout.contains(#""attachments":"on-demand""#), "\(status)")

        let folder = story.machine(.ines).home.file("out")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try story.must(.ines, ["open", story.caseID, "--reveal", "--purpose", "audience", "--attachments", folder])
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/pj.bin")) == Data(attachment))
        #expect(try SQLite.query(story.vault(.ines), chunks).trimmingCharacters(in: .whitespacesAndNewlines) == "0")

        // The CIDFF's own attachment reaches the first landlord's mirrored copy.
        let own = try story.machine(.ines).home.write("own.bin", Array("pièce du CIDFF".utf8))
        let ownNote = try story.machine(.ines).home.write("own.json", text: #"{"type":"note","household":"\#(Story.household)"}"#)
        try story.must(.ines, ["add", story.caseID, ownNote, "--attach-general", own])
        #expect(try story.caseIDs(.alice) == [story.caseID])
        #expect(try SQLite.query(story.vault(.alice), chunks).trimmingCharacters(in: .whitespacesAndNewlines) != "0")

        // The hub changes one byte of the first landlord's attachment: the copy refuses it and writes nothing out.
        try story.hub.sql("""
            UPDATE rows SET value = overlay(value placing (CASE WHEN get_byte(value, length(value) - 1) = 65 THEN '\\x42' ELSE '\\x41' END)::bytea
              from length(value) for 1) WHERE tbl = 'chunks' AND value IS NOT NULL AND length(value) > 100000
            """)
        let again = story.machine(.ines).home.file("again")
        try FileManager.default.createDirectory(atPath: again, withIntermediateDirectories: true)
        let refused = try story.abri(.ines, ["open", story.caseID, "--reveal", "--purpose", "audience", "--attachments", again])
        #expect(refused.status == 65, "\(refused)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: again).isEmpty)
    }

    // MARK: The web interface on a replica

    /// `abri ui` on the CIDFF's copy, cloned with attachments on demand: each page pulls first (a case deposited
    /// on the first landlord's machine shows at the next page), a form's change reaches the hub before the page
    /// answers (the new landlord's machine sees the share), and an attachment it does not hold downloads from the hub
    /// byte for byte.
    @Test func theInterfaceOnAReplicaPullsBeforeEachPageAndPushesEachForm() throws {
        let story = try HubStory(actors: [.admin, .alice, .bruno])
        let attachment = (0 ..< 300_000).map { UInt8(truncatingIfNeeded: $0 &* 40_503 >> 5) }
        let note = try story.machine(.alice).home.write("note.json", text: #"{"type":"note","household":"\#(Story.household)"}"#)
        let file = try story.machine(.alice).home.write("compte-rendu.pdf", attachment)
        try story.must(.alice, ["add", story.caseID, note, "--attach-general", file, "--to", "cidff-62", "--consent", Story.consent])
        try story.clone(.ines, ["--attachments", "on-demand"])

        let ui = try UIProcess(story.machine(.ines), identity: story.identity(.ines))
        let ines = try WebInterfaceTests.Client(ui, passphrase: story.machine(.ines).passphrase)
        #expect(ines.unlocked.status == 303, "\(ines.unlocked)")
        #expect(try ines.get("/dossiers").text.contains(story.caseID))

        // A case deposited on another machine shows at the next page.
        let second = try story.machine(.alice).home.write("second.json", text: Story.report.replacingOccurrences(of: Story.household, with: "FOH-2026-000777"))
        let secondID = try story.must(.alice, ["deposit", second, "--locating-to", "cidff-62", "--consent", Story.consent]).stdoutLines[0]
        #expect(try ines.get("/dossiers").text.contains(secondID))

        // A share made in the page reaches the hub before the page answers.
        let shared = try ines.post("/dossiers/\(story.caseID)/partager", [("partage", "g:bailleur-b"), ("consentement", "avec"),
                                                                          ("reference", "accord relogement")])
        #expect(shared.status == 200 && shared.text.contains("Bailleur B"), "\(shared)")
        #expect(try story.caseIDs(.bruno).contains(story.caseID))

        // The attachment, which this copy does not hold, comes from the hub.
        #expect(try SQLite.query(story.vault(.ines), "SELECT count(*) FROM chunks").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let page = try ines.get("/dossiers/\(story.caseID)").text
        let form = try #require(page.components(separatedBy: "<form").first { $0.contains("/piece\"") && $0.contains("compte-rendu.pdf") })
        let record = try #require(WebInterfaceTests.hidden("fiche", in: form))
        let got = try ines.post("/dossiers/\(story.caseID)/piece", [("fiche", record), ("partie", "situation"), ("numero", "0")])
        #expect(got.status == 200 && got.body == attachment, "the attachment from the hub, byte for byte (HTTP \(got.status))")
        #expect(ui.stop() == .exited(0))
    }

    // MARK: Deletion

    /// A shred on one machine deletes the case's rows in PostgreSQL in the push's transaction: the hub keeps only their
    /// keys, the feed carries the deletions, and the other machines' copies lose the case at their next command.
    @Test func aShredReachesTheHubAsDeletionsOnly() throws {
        let story = try HubStory(actors: [.admin, .alice, .ines])
        #expect(try story.caseIDs(.ines) == [story.caseID])
        let live = "SELECT count(*) FROM rows WHERE tbl IN ('records', 'cases') AND value IS NOT NULL"
        #expect(try story.hub.sql(live) == "2")
        try story.must(.admin, ["shred", story.caseID, "--yes"])
        #expect(try story.hub.sql(live) == "0")
        #expect(try story.hub.sql("SELECT count(*) FROM rows WHERE tbl IN ('records', 'cases') AND value IS NULL") == "2")
        #expect(try story.caseIDs(.ines).isEmpty)
        #expect(try SQLite.query(story.vault(.ines), "SELECT count(*) FROM records").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    /// A copy that fetches attachments on demand holds no row of them, so its push could not delete them on the hub:
    /// it refuses to shred (64, nothing changed anywhere), and a mirrored copy's shred deletes them.
    @Test func anOnDemandCopyRefusesToShredAndAMirroredOneDeletesTheAttachmentsOnTheHub() throws {
        let story = try HubStory(actors: [.admin, .alice])
        let file = try story.machine(.alice).home.write("pj.bin", (0 ..< 50_000).map { UInt8(truncatingIfNeeded: $0) })
        let note = try story.machine(.alice).home.write("note.json", text: #"{"type":"note","household":"\#(Story.household)"}"#)
        try story.must(.alice, ["add", story.caseID, note, "--attach-general", file])
        let live = "SELECT count(*) FROM rows WHERE tbl = 'chunks' AND value IS NOT NULL"
        #expect(try story.hub.sql(live) == "1")

        var onDemand = try CLI()
        onDemand.environment["ABRI_VAULT"] = onDemand.home.file("vault.db")
        let admin = onDemand.home.file("admin.identity")
        try FileManager.default.copyItem(atPath: story.identity(.admin), toPath: admin)
        let cloned = try onDemand.run(["clone", story.url, story.vaultID, "--as", admin, "--attachments", "on-demand"])
        #expect(cloned.status == 0, "\(cloned)")
        let refused = try onDemand.run(["shred", story.caseID, "--yes", "--as", admin])
        #expect(refused.status == 64 && refused.stderr.contains("on demand"), "\(refused)")
        #expect(try story.hub.sql(live) == "1")
        #expect(try story.caseIDs(.alice) == [story.caseID])

        try story.must(.admin, ["shred", story.caseID, "--yes"])
        #expect(try story.hub.sql(live) == "0")
    }

    /// A clone receives the vault it asked for: a hub that serves another id in the vault's header is refused (65),
    /// and no file is kept.
    @Test func aCloneOfAVaultWhoseHeaderNamesAnotherIdIsRefused() throws {
        let story = try HubStory(actors: [.admin, .alice], deposit: false)
        let rows = try story.hub.sql("SELECT encode(key, 'hex') || ' ' || encode(value, 'hex') FROM rows WHERE tbl = 'meta'")
        var swapped = false
        for line in rows.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let value = Hex.decode(parts[1]), let columns = try? WireColumns(decoding: value),
                  columns["key"] == .text("vault") else { continue }
            let forged = try WireColumns([("key", .text("vault")), ("value", .blob([UInt8](repeating: 0x5A, count: 16)))])
            try story.hub.sql("""
                UPDATE rows SET value = decode('\(hex(forged.encoded))', 'hex'), seq = (SELECT seq FROM vaults) + 1
                 WHERE tbl = 'meta' AND key = decode('\(parts[0])', 'hex');
                UPDATE vaults SET seq = seq + 1
                """)
            swapped = true
        }
        #expect(swapped)
        let cloned = try story.machine(.ines).run(["clone", story.url, story.vaultID, "--as", story.identity(.ines)])
        #expect(cloned.status == 65, "\(cloned)")
        #expect(!FileManager.default.fileExists(atPath: story.vault(.ines)))
        // The copy that already holds the vault refuses the same feed too.
        #expect(try story.abri(.alice, ["cases"]).status == 65)
    }

    // MARK: What the hub's database holds

    @Test func thePostgresDataHoldsNoSecretAndNamesNoPartnerOfACase() throws {
        let story = try HubStory(actors: [.admin, .alice, .ines, .bruno])
        try story.must(.ines, ["share", story.caseID, "--to", "bailleur-b", "--consent", Story.consent])
        let rehousing = try story.machine(.bruno).home.write("rehousing.json", text: Story.rehousing)
        try story.must(.bruno, ["add", story.caseID, rehousing, "--locating-to", "cidff-62", "--consent", "accord relogement"])
        // Every byte of every row the hub keeps (keys and values), as PostgreSQL stores it.
        let dump = try story.hub.sql("SELECT encode(key, 'hex') || encode(coalesce(value, ''::bytea), 'hex') FROM rows")
            .replacingOccurrences(of: "\n", with: "")
        let bytes = try #require(Hex.decode(dump))
        #expect(bytes.count > 10_000)
        for secret in VaultSecrecyTests.storeSecrets {
            let forms = Encodings.found(secret, in: bytes)
            #expect(forms.isEmpty, "the hub's rows hold \"\(secret)\" as \(forms)")
        }
        // No row of a table that links a case to a partner names a partner or a member's key.
        let linking = try story.hub.sql("""
            SELECT encode(key, 'hex') || encode(coalesce(value, ''::bytea), 'hex') FROM rows
             WHERE tbl IN ('records', 'grants', 'inbox', 'log', 'log_tags', 'cases', 'chunks')
            """).uppercased()
        for partner in ["cidff-62", "bailleur-b", "foh-social", "foh-tenancy"] {
            #expect(!linking.contains(hex(Array(partner.utf8)).uppercased()), "\(partner) is named in a row that holds a case")
        }
        for actor in [Story.Actor.alice, .ines, .bruno] {
            let identity = try PublicIdentity(parsing: story.lines[actor]!)
            #expect(!linking.contains(hex(identity.signingPublicKey).uppercased()), "\(actor)'s key is in a row that holds a case")
        }
        // Nor any table of its own: only vaults (id, administrator, sequence, tree edge) and rows.
        let tables = try story.hub.sql("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")
        #expect(tables == "hub_schema,rows,vaults", "\(tables)")
    }
}
