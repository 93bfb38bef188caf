import Foundation
import Testing

/// Where the passphrase may come from, and what is refused (CLI.md, "passphrase").
struct PassphraseSourceTests {
    func check(_ cli: CLI, _ identity: String, file: String) throws -> CLI.Result {
        try cli.run(["identity", "check", identity, "--passphrase-file", file])
    }

    @Test func trailingCarriageReturnIsDropped() throws {
        let cli = try CLI()
        let (path, _) = try cli.newIdentity("me.identity")
        let windows = try cli.home.write("crlf", text: cli.passphrase + "\r\n")
        #expect(try check(cli, path, file: windows).status == 0)
        let noNewline = try cli.home.write("bare", text: cli.passphrase)
        #expect(try check(cli, path, file: noNewline).status == 0)
        let secondLineIgnored = try cli.home.write("two", text: cli.passphrase + "\nsomething else\n")
        #expect(try check(cli, path, file: secondLineIgnored).status == 0)
        // Only one CR is dropped: a second one is part of the passphrase.
        let twoCR = try cli.home.write("twocr", text: cli.passphrase + "\r\r\n")
        #expect(try check(cli, path, file: twoCR).status == 77)
    }

    @Test func environmentNamesTheFileButNeverHoldsThePassphrase() throws {
        let cli = try CLI()
        let (path, _) = try cli.newIdentity("me.identity")
        let viaEnvironment = try cli.run(["identity", "check", path])
        #expect(viaEnvironment.status == 0)
        // A flag given wins over the environment.
        let wrong = try cli.home.write("wrong", text: "nope\n")
        #expect(try cli.run(["identity", "check", path, "--passphrase-file", wrong]).status == 77)
        // No flag takes a passphrase value.
        #expect(try cli.run(["identity", "check", path, "--passphrase", cli.passphrase]).status == 64)
    }

    @Test func byteOrderMarkIsRefused() throws {
        let cli = try CLI()
        let (path, _) = try cli.newIdentity("me.identity")
        let bom = try cli.home.write("bom", [0xEF, 0xBB, 0xBF] + Array((cli.passphrase + "\n").utf8))
        let result = try check(cli, path, file: bom)
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("byte-order mark"))
        #expect(result.stderrLines.count == 1)
    }

    @Test func emptyPassphraseIsRefused() throws {
        let cli = try CLI()
        let (path, _) = try cli.newIdentity("me.identity")
        for (name, text) in [("empty", ""), ("newline", "\n"), ("cr", "\r\n")] {
            let file = try cli.home.write(name, text: text)
            let result = try check(cli, path, file: file)
            #expect(result.status == 64, "\(name): \(result)")
            #expect(result.stderr.contains("empty"))
        }
        let creating = try cli.run(["identity", "new", "--out", cli.home.file("other"),
                                    "--passphrase-file", try cli.home.write("e", text: "\n")])
        #expect(creating.status == 64)
        #expect(!FileManager.default.fileExists(atPath: cli.home.file("other")))
    }

    @Test func fileOthersCanReadIsRefused() throws {
        let cli = try CLI()
        let (path, _) = try cli.newIdentity("me.identity")
        for mode in [0o644, 0o640, 0o604, 0o620, 0o602] {
            let file = try cli.home.write("mode-\(String(mode, radix: 8))", text: cli.passphrase + "\n", mode: mode)
            let result = try check(cli, path, file: file)
            #expect(result.status == 64, "mode \(String(mode, radix: 8)): \(result)")
            #expect(result.stderr.contains("chmod 600"))
        }
        let ownerReadOnly = try cli.home.write("mode-400", text: cli.passphrase + "\n", mode: 0o400)
        #expect(try check(cli, path, file: ownerReadOnly).status == 0)
    }

    @Test func missingFileIsNoInput() throws {
        let cli = try CLI()
        let (path, _) = try cli.newIdentity("me.identity")
        let result = try check(cli, path, file: cli.home.file("absent"))
        #expect(result.status == 66, "\(result)")
        let viaEnvironment = try cli.run(["identity", "check", path], environment: ["ABRI_PASSPHRASE_FILE": cli.home.file("absent")])
        #expect(viaEnvironment.status == 66)
    }

    @Test func noTerminalAndNoFileIsAUsageError() throws {
        let cli = try CLI()
        let (path, _) = try cli.newIdentity("me.identity")
        // The harness runs without a controlling terminal; stdin is not one either.
        let checking = try cli.run(["identity", "check", path], stdin: Array("typed\n".utf8),
                                   environment: ["ABRI_PASSPHRASE_FILE": nil])
        #expect(checking.status == 64, "\(checking)")
        #expect(checking.stderr.contains("no passphrase source"))
        let creating = try cli.run(["identity", "new", "--out", cli.home.file("new.identity")],
                                   environment: ["ABRI_PASSPHRASE_FILE": nil])
        #expect(creating.status == 64, "\(creating)")
        #expect(!FileManager.default.fileExists(atPath: cli.home.file("new.identity")))
    }

    /// "é" typed as one code point or as "e" + a combining accent is the same passphrase.
    @Test func passphraseIsNormalisedToNFC() throws {
        let cli = try CLI(passphrase: "caf\u{E9} cr\u{E8}me au lait chaud")
        let (path, _) = try cli.newIdentity("me.identity")
        let decomposed = try cli.home.write("nfd", text: "cafe\u{301} cre\u{300}me au lait chaud\n")
        #expect(try check(cli, path, file: decomposed).status == 0)
        let invalid = try cli.home.write("latin1", [0x63, 0x61, 0x66, 0xE9, 0x0A])
        #expect(try check(cli, path, file: invalid).status == 64)
    }
}
