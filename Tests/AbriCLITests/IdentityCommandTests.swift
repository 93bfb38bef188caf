import Foundation
import Testing

/// `abri identity …` through the built binary: exit codes, outputs, files.
struct IdentityCommandTests {
    @Test func newThenShowPrintTheSamePublicIdentity() throws {
        let cli = try CLI()
        let path = cli.home.file("alice.identity")
        let created = try cli.run(["identity", "new", "--out", path, "--name", "Alice"])
        #expect(created.status == 0, "\(created)")
        #expect(created.stdoutLines.count == 1)
        let line = try #require(created.stdoutLines.first)
        #expect(line.wholeMatch(of: #/abri1[a-z2-7]{109}/#) != nil)
        #expect(created.stderr.contains("administrator"))
        #expect(created.stderr.contains("passphrase"))
        #expect(try cli.home.mode("alice.identity") == 0o600)

        let shown = try cli.run(["identity", "show", path])
        #expect(shown.status == 0 && shown.stdout == line + "\n" && shown.stderr.isEmpty, "\(shown)")
    }

    @Test func jsonOutputIsOneDocument() throws {
        let cli = try CLI()
        let path = cli.home.file("alice.identity")
        let created = try cli.run(["identity", "new", "--out", path, "--name", "Élodie", "--json"])
        #expect(created.status == 0, "\(created)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: String])
        #expect(document["name"] == "Élodie")
        let line = try #require(document["publicIdentity"])
        let shown = try cli.run(["identity", "show", path, "--json"])
        #expect(shown.stdout == #"{"name":"Élodie","publicIdentity":"\#(line)"}"# + "\n")
    }

    @Test func newRefusesAnExistingFileAndLeavesItAlone() throws {
        let cli = try CLI()
        let (path, _) = try cli.newIdentity("me.identity")
        let before = try cli.home.read("me.identity")
        let again = try cli.run(["identity", "new", "--out", path, "--json"])
        #expect(again.status == 73, "\(again)")
        #expect(again.stdout.isEmpty)
        #expect(again.stderrLines.count == 1 && again.stderr.hasPrefix("abri: "))
        #expect(try cli.home.read("me.identity") == before)
    }

    @Test func newRefusesASymbolicLink() throws {
        let cli = try CLI()
        try FileManager.default.createSymbolicLink(atPath: cli.home.file("link"), withDestinationPath: cli.home.file("target"))
        let result = try cli.run(["identity", "new", "--out", cli.home.file("link")])
        #expect(result.status == 73, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: cli.home.file("target")))
    }

    @Test func newRefusesAMissingDirectory() throws {
        let cli = try CLI()
        let result = try cli.run(["identity", "new", "--out", cli.home.file("nowhere/me.identity")])
        #expect(result.status == 73, "\(result)")
    }

    @Test func checkTellsARightFromAWrongPassphrase() throws {
        let cli = try CLI()
        let (path, line) = try cli.newIdentity("me.identity")
        let ok = try cli.run(["identity", "check", path])
        #expect(ok.status == 0 && ok.stdout == "passphrase ok\n", "\(ok)")
        let okJSON = try cli.run(["identity", "check", path, "--json"])
        #expect(okJSON.stdout == #"{"ok":true,"publicIdentity":"\#(line)"}"# + "\n")

        let wrong = try cli.home.write("wrong", text: "Correct horse battery staple\n")
        let refused = try cli.run(["identity", "check", path, "--passphrase-file", wrong, "--json"])
        #expect(refused.status == 77, "\(refused)")
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.hasPrefix("abri: wrong passphrase ("))
        #expect(refused.stderrLines.count == 1)
    }

    @Test func damagedFilesAreRefused() throws {
        let cli = try CLI()
        let (_, _) = try cli.newIdentity("me.identity")
        let bytes = try cli.home.read("me.identity")
        // A sample of positions through the binary; IdentityFileTests flips every byte.
        for position in [0, 7, 8, 20, 30, 50, 70, 110, 128, bytes.count - 40, bytes.count - 1] {
            var damaged = bytes
            damaged[position] ^= 0x04
            let path = try cli.home.write("damaged-\(position)", damaged)
            for command in ["show", "check"] {
                let result = try cli.run(["identity", command, path])
                #expect(result.status == 65, "\(command) at \(position): \(result)")
                // The magic changed: no longer recognisable as an identity file, and said so.
                let expected = position < 6 ? "abri: this file is not an Abri identity file (" : "abri: the identity file is damaged ("
                #expect(result.stderr.hasPrefix(expected), "\(result)")
            }
        }
        let truncated = try cli.home.write("truncated", Array(bytes.dropLast()))
        #expect(try cli.run(["identity", "show", truncated]).status == 65)
        #expect(try cli.run(["identity", "show", cli.home.file("absent")]).status == 66)
    }

    @Test func badNamesAreUsageErrors() throws {
        let cli = try CLI()
        let long = try cli.run(["identity", "new", "--out", cli.home.file("a"), "--name", String(repeating: "é", count: 128)])
        #expect(long.status == 64, "\(long)")
        let control = try cli.run(["identity", "new", "--out", cli.home.file("b"), "--name", "a\u{7}b"])
        #expect(control.status == 64, "\(control)")
        #expect(!FileManager.default.fileExists(atPath: cli.home.file("a")))
    }
}
