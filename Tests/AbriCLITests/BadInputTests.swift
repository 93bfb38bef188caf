import Foundation
import Testing

/// Bad input through the binary: each gets its exit code, one `abri: …` line on stderr, nothing on
/// stdout, and leaves the vault exactly as it was.
@Suite struct BadInputTests {
    /// One bad command.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var status: Int32
        var actor: Story.Actor?
        /// Files to write in the home before the run (name, contents).
        var files: [(String, String)] = []
        /// The arguments; `$CASE` is replaced by the story's case id, `$HOME/` by the home's path.
        var arguments: [String]
        /// Words the error line must contain.
        var mentions: [String] = []

        var testDescription: String { "\(name) → \(status)" }
    }

    static let ok = ("ok.json", #"{"type":"note","household":"FOH-2022-000001","facts":"ok"}"#)

    static let cases: [Case] = [
        Case(name: "malformed JSON", status: 65, actor: .alice, files: [("bad.json", #"{"type": "signalement", "#)],
             arguments: ["deposit", "$HOME/bad.json"], mentions: ["bad.json"]),
        Case(name: "a report that is an array", status: 65, actor: .alice, files: [("array.json", #"[{"type":"note"}]"#)],
             arguments: ["deposit", "$HOME/array.json"]),
        Case(name: "a report that is a string", status: 65, actor: .alice, files: [("string.json", #""note""#)],
             arguments: ["deposit", "$HOME/string.json"]),
        Case(name: "address at the top level", status: 65, actor: .alice,
             files: [("address.json", #"{"type":"note","address":"12 rue des Tilleuls, 62100 Calais"}"#)],
             arguments: ["deposit", "$HOME/address.json"], mentions: ["address"]),
        Case(name: "phone nested in an object", status: 65, actor: .alice,
             files: [("nested.json", #"{"type":"note","victim":{"name":"C.","phone":"+33 6 12 34 56 78"}}"#)],
             arguments: ["deposit", "$HOME/nested.json"], mentions: ["phone"]),
        Case(name: "email nested in an array", status: 65, actor: .alice,
             files: [("array-nested.json", #"{"type":"note","household":"FOH-2022-000001","enfants":[{"prenom":"Léa","email":"x@example.org"}]}"#)],
             arguments: ["deposit", "$HOME/array-nested.json"], mentions: ["email"]),
        Case(name: "newAddress outside locating in an added record", status: 65, actor: .alice,
             files: [("rehoused.json", #"{"type":"rehousing","newAddress":"3 allée des Roses, 59000 Lille"}"#)],
             arguments: ["add", "$CASE", "$HOME/rehoused.json"], mentions: ["newAddress"]),
        Case(name: "one bad report among good ones in a bulk deposit", status: 65, actor: .alice,
             files: [ok, ("school.json", #"{"type":"note","children":[{"school":"École Jean Jaurès"}]}"#)],
             arguments: ["deposit", "$HOME/ok.json", "$HOME/school.json", "$HOME/ok.json"]),
        Case(name: "an unknown partner in --to", status: 64, actor: .alice, files: [ok],
             arguments: ["deposit", "$HOME/ok.json", "--to", "cidff-99", "--consent", "formulaire"], mentions: ["cidff-99"]),
        Case(name: "an unknown partner in share", status: 64, actor: .alice,
             arguments: ["share", "$CASE", "--to", "nobody", "--consent", "formulaire"]),
        Case(name: "no consent for another partner", status: 64, actor: .alice, files: [ok],
             arguments: ["deposit", "$HOME/ok.json", "--to", "cidff-62"], mentions: ["consent"]),
        Case(name: "no consent to share", status: 64, actor: .alice,
             arguments: ["share", "$CASE", "--to", "bailleur-b"], mentions: ["consent"]),
        Case(name: "both --consent and --without-consent", status: 64, actor: .alice, files: [ok],
             arguments: ["deposit", "$HOME/ok.json", "--to", "cidff-62", "--consent", "f", "--without-consent", "danger"]),
        Case(name: "--until in the past", status: 64, actor: .alice, files: [ok],
             arguments: ["deposit", "$HOME/ok.json", "--to", "cidff-62", "--consent", "f", "--until", "2020-01-01"]),
        Case(name: "--until in the past, French form", status: 64, actor: .alice,
             arguments: ["share", "$CASE", "--to", "bailleur-b", "--consent", "f", "--until", "01/01/2020"]),
        Case(name: "a missing report file", status: 66, actor: .alice,
             arguments: ["deposit", "$HOME/absent.json"], mentions: ["absent.json"]),
        Case(name: "a report that is a directory", status: 66, actor: .alice,
             arguments: ["deposit", "$HOME/data"]),
        Case(name: "a missing attachment", status: 66, actor: .alice, files: [ok],
             arguments: ["deposit", "$HOME/ok.json", "--attach", "$HOME/absent.pdf"], mentions: ["absent.pdf"]),
        Case(name: "--attach with two reports", status: 64, actor: .alice, files: [ok, ("ok2.json", #"{"type":"note"}"#)],
             arguments: ["deposit", "$HOME/ok.json", "$HOME/ok2.json", "--attach", "$HOME/recepisse.pdf"]),
        Case(name: "--locating-to the never-locating partner", status: 77, actor: .alice, files: [ok],
             arguments: ["deposit", "$HOME/ok.json", "--locating-to", "foh-tenancy", "--consent", "f"], mentions: ["foh-tenancy"]),
        Case(name: "share --locating-to the never-locating partner", status: 77, actor: .alice,
             arguments: ["share", "$CASE", "--locating-to", "foh-tenancy", "--consent", "f"], mentions: ["foh-tenancy"]),
        Case(name: "add --locating-to the never-locating partner", status: 77, actor: .alice,
             files: [("note.json", #"{"type":"note","locating":{"phone":"+33 6 00 00 00 00"}}"#)],
             arguments: ["add", "$CASE", "$HOME/note.json", "--locating-to", "foh-tenancy", "--consent", "f"]),
        Case(name: "a wrong passphrase", status: 77, actor: .alice, files: [ok],
             arguments: ["deposit", "$HOME/ok.json", "--passphrase-file", "$HOME/wrong"], mentions: ["passphrase"]),
        Case(name: "an identity that is no member", status: 77, actor: nil, files: [ok],
             arguments: ["deposit", "$HOME/ok.json", "--as", "$HOME/stranger.identity"]),
        Case(name: "the administrator opening a case", status: 77, actor: .admin, arguments: ["open", "$CASE"]),
        Case(name: "the administrator depositing", status: 77, actor: .admin, files: [ok], arguments: ["deposit", "$HOME/ok.json"]),
        Case(name: "a member adding a partner", status: 77, actor: .alice,
             arguments: ["partner", "add", "evil", "--name", "Evil", "--kind", "association"]),
        Case(name: "a malformed case id", status: 64, actor: .alice, arguments: ["open", "not-a-case"]),
        Case(name: "shred without --yes nor a terminal", status: 64, actor: .admin, arguments: ["shred", "$CASE"], mentions: ["--yes"]),
        // Ines is cidff-62's only member: that refusal comes before the question (and before the passphrase).
        Case(name: "member remove of a partner's last member, before asking", status: 77, actor: .admin,
             arguments: ["member", "remove", "cidff-62", "ines"], mentions: ["enrol another member"]),
        Case(name: "consent withdraw without --yes nor a terminal", status: 64, actor: .alice,
             arguments: ["consent", "withdraw", "$CASE", "--from", "cidff-62"], mentions: ["--yes"]),
        Case(name: "a missing vault", status: 66, actor: .alice, arguments: ["cases", "--vault", "$HOME/nowhere/vault.db"]),
        Case(name: "an unknown flag", status: 64, actor: .alice, arguments: ["cases", "--everything"]),
    ]

    @Test(arguments: cases)
    func badInputIsRefusedAndChangesNothing(_ bad: Case) throws {
        let story = try Story()
        for (name, contents) in bad.files { try story.write(name, contents) }
        try story.write("wrong", "not the passphrase\n")
        if bad.arguments.contains("$HOME/stranger.identity") { _ = try story.cli.newIdentity("stranger.identity") }
        let arguments = bad.arguments.map {
            $0.replacingOccurrences(of: "$CASE", with: story.caseID).replacingOccurrences(of: "$HOME/", with: story.file(""))
        }
        let before = try story.snapshot()
        for json in [false, true] {
            let result = try story.abri(arguments + (json ? ["--json"] : []), as: bad.actor)
            #expect(result.status == bad.status, "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
            #expect(result.stderrLines.count == 1, "one line: \(result)")
            #expect(result.stderr.hasPrefix("abri: "), "\(result)")
            for word in bad.mentions { #expect(result.stderr.contains(word), "\(word) in \(result)") }
            for secret in Story.locatingSecrets { #expect(!result.stderr.contains(secret)) }
            #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
        }
        try story.expectUnchanged(since: before, "\(bad.name)")
    }

    /// CLI.md: "An error is one line on stderr, `abri: <what went wrong> (<what to do>)`".
    @Test func everyErrorLineEndsWithWhatToDoInParentheses() throws {
        let story = try Story()
        let ok = try story.write("ok.json", Self.ok.1)
        let runs: [([String], Story.Actor)] = [
            (["deposit", ok, "--to", "cidff-62", "--consent", "f", "--without-consent", "danger"], .alice),
            (["shred", story.caseID], .admin),
            (["member", "remove", "cidff-62", "ines"], .admin),
            (["consent", "withdraw", story.caseID, "--from", "cidff-62"], .alice),
            (["open", story.caseID], .tom),
            (["deposit", story.file("absent.json")], .alice),
        ]
        for (arguments, actor) in runs {
            let result = try story.abri(arguments, as: actor)
            #expect(result.status != 0)
            #expect(result.stderr.wholeMatch(of: #/abri: [^\n]+ \([^\n]+\)\n/#) != nil, "\(arguments.prefix(2)): \(result.stderr)")
        }
    }

    @Test func unknownCaseIdsGetTheSameAnswerAsAnUngrantedCaseAndMistypedOnesAreSaidMistyped() throws {
        let story = try Story()
        let ungranted = try story.abri(["open", story.caseID], as: .tom)
        let unknown = try story.abri(["open", "00000000000000000000000000"], as: .tom)
        let empty = try story.abri(["open", ""], as: .tom)
        for result in [ungranted, unknown] {
            #expect(result.status == 77 && result.stderr == ungranted.stderr, "\(result)")
        }
        // No case can have a malformed id (a wrong length, a bad letter, the last letter's spare bits set): a typo,
        // said as such, whoever asks; the last letter of a real id changed from 0 to Z is one.
        for typo in ["not-a-case", "0000000000000000000000000Z", String(story.caseID.dropLast())] {
            let malformed = try story.abri(["open", typo], as: .tom)
            #expect(malformed.status == 64 && malformed.stderr.contains("mistyped"), "\(malformed)")
        }
        #expect(empty.status == 77 || empty.status == 64, "\(empty)")
        for command in [["log", "--case"], ["share"]] {
            let tail: [String] = command == ["share"] ? ["--to", "cidff-62", "--consent", "f"] : []
            let a = try story.abri(command + [story.caseID] + tail, as: .tom)
            let b = try story.abri(command + ["00000000000000000000000000"] + tail, as: .tom)
            #expect(a.status == 77 && b.status == 77, "\(a)\n\(b)")
            #expect(a.stderr == b.stderr, "\(command): \(a.stderr) vs \(b.stderr)")
        }
    }

    @Test func aFailedCommandWritesNoPartialAttachment() throws {
        let story = try Story()
        let out = story.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        // Taken name: 73, nothing written.
        try story.write("out/recepisse.pdf", "mine")
        let taken = try story.abri(["open", story.caseID, "--reveal", "--purpose", "p", "--attachments", out], as: .ines)
        #expect(taken.status == 73, "\(taken)")
        #expect(String(decoding: try story.cli.home.read("out/recepisse.pdf"), as: UTF8.self) == "mine")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["recepisse.pdf"])
        // A missing directory: 73 (or 66), nothing created.
        let missing = try story.abri(["open", story.caseID, "--reveal", "--purpose", "p", "--attachments", story.file("nowhere")], as: .ines)
        #expect([66, 73].contains(missing.status), "\(missing)")
        #expect(!FileManager.default.fileExists(atPath: story.file("nowhere")))
    }
}
