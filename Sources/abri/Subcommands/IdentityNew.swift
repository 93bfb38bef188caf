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

        Example:
          abri identity new --out ~/alice.identity --name "Alice Martin"
        Exit codes: 73 the file exists, 64 the two passphrases differ or no terminal and no passphrase file.
        """)
    )

    @Option(name: .customLong("out"), help: ArgumentHelp(tr("The identity file to create (must not exist)."), valueName: tr("file")))
    var out: String

    @Option(name: .customLong("name"), help: ArgumentHelp(tr("A name for this identity, e.g. your own (at most 255 bytes)."), valueName: tr("name")))
    var name: String = ""

    @OptionGroup var passphraseOptions: PassphraseOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        let name = try Identity.validatedName(name)
        let identity = try Identity.generate(name: name)
        // Refuse an existing file before asking anything: typing a passphrase twice for nothing is unkind.
        try IdentityCommand.refuseExisting(out)
        let passphrase = try passphraseOptions.read(prompt: tr("New passphrase for %@: ", out), confirm: true)
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
