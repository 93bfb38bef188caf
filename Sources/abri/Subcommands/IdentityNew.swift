import CDispatch
import AbriCrypto
import AbriVault
import ArgumentParser
import Foundation

/// `abri identity new`: creates a passphrase-protected identity file.
struct IdentityNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: tr("Create a passphrase-protected identity and print its public identity."),
        discussion: tr("""
        Asks for a new passphrase twice on the terminal (or reads --passphrase-file), writes the \
        identity file with mode 0600, and prints the public identity line on stdout. Send that \
        line to your administrator; keep the file and the passphrase to yourself.

        A new passphrase needs at least 4 words or 16 characters; --generate proposes 6 common French words \
        and shows them once on the terminal.

        Example:
          abri identity new --out ~/alice.identity --name "Alice Martin"
        Exit codes: 73 the file exists, 64 the two passphrases differ, the passphrase is too short, or no terminal and no passphrase file.
        """)
    )

    @Option(name: .customLong("out"), help: ArgumentHelp(tr("The identity file to create (must not exist)."), valueName: tr("file")))
    var out: String

    @Option(name: .customLong("name"), help: ArgumentHelp(tr("A name for this identity, e.g. your own (at most 255 bytes)."), valueName: tr("name")))
    var name: String = ""

    @Flag(name: .customLong("generate"),
          help: ArgumentHelp(tr("Propose a passphrase of 6 common French words, shown once on the terminal.")))
    var generate = false

    @OptionGroup var passphraseOptions: PassphraseOptions
    @OptionGroup var output: JSONOption

    func validate() throws {
        if generate && passphraseOptions.passphraseFile != nil {
            throw ValidationError(tr("--generate proposes the passphrase itself: give no --passphrase-file with it"))
        }
    }

    func run() throws {
        let name = try Identity.validatedName(name)
        let identity = try Identity.generate(name: name)
        // Refuse an existing file before asking anything: typing a passphrase twice for nothing is unkind.
        try IdentityCommand.refuseExisting(out)
        let passphrase: SecureBytes
        if generate {
            // Shown once, on the terminal only: a passphrase must never reach a log or a pipe.
            guard Output.isStderrTerminal else {
                throw AbriError.usage("--generate shows the passphrase on a terminal only (run it in a terminal, or choose a passphrase yourself)")
            }
            passphrase = try GeneratedPassphrase.make()
            Output.say(tr("Your passphrase, shown this once (write it down on paper, keep it apart from the identity file):"))
            passphrase.withUnsafeBytes { bytes in
                var line = Array(bytes)
                line.append(0x0A)
                _ = line.withUnsafeBytes { write(2, $0.baseAddress!, $0.count) }
                for index in line.indices { line[index] = 0 }
            }
        } else {
            if passphraseOptions.resolvedFile == nil {
                Output.say(tr("Choose a passphrase of at least 4 words or 16 characters, e.g. 6 common words (abri identity new --generate proposes some)."))
            }
            passphrase = try passphraseOptions.read(prompt: tr("New passphrase for %@: ", out), confirm: true)
        }
        try PassphraseStrength.require(passphrase)
        try identity.save(to: out, passphrase: passphrase)

        let line = identity.publicIdentity.line
        if output.json {
            try Output.json(IdentityJSON(publicIdentity: line, name: name))
        } else {
            Output.result(line)
        }
        Output.say(tr("Created %@. Send the line above (your public identity) to your administrator; keep the file and its passphrase safe and to yourself: without both, nobody can recover it.", out))
    }
}

/// The least a new passphrase must be: 4 words or 16 characters. Argon2id slows each guess; it cannot make
/// `1234` one of many.
enum PassphraseStrength {
    static let minimumWords = 4
    static let minimumCharacters = 16

    /// Whether `passphrase` (UTF-8) has enough words (runs of non-blanks) or characters (code points).
    static func isEnough(_ passphrase: UnsafeRawBufferPointer) -> Bool {
        var characters = 0
        var words = 0
        var inWord = false
        for byte in passphrase {
            if byte & 0xC0 != 0x80 { characters += 1 }
            let blank = byte == 0x20 || byte == 0x09
            if !blank && !inWord { words += 1 }
            inWord = !blank
        }
        return words >= minimumWords || characters >= minimumCharacters
    }

    static func require(_ passphrase: borrowing SecureBytes) throws {
        guard passphrase.withUnsafeBytes({ isEnough($0) }) else {
            throw AbriError.usage("this passphrase is too short: use at least 4 words or 16 characters (nothing was written)")
        }
    }
}

/// The `--json` shape of `identity new` and `identity show`.
struct IdentityJSON: Encodable {
    var publicIdentity: String
    var name: String
    /// What a newcomer reads out to the colleague who approves them.
    var fingerprint: String?
}

extension IdentityCommand {
    /// A usage-friendly early refusal; `ExclusiveFile` still refuses atomically when writing.
    static func refuseExisting(_ path: String) throws {
        var status = stat()
        if lstat(path, &status) == 0 {
            throw AbriError.cannotCreate("\(path) already exists (choose another path; nothing was written)")
        }
    }
}
