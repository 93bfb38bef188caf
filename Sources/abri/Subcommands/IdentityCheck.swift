import AbriVault
import ArgumentParser

/// `abri identity check`: unlocks an identity file to prove the passphrase.
struct IdentityCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: tr("Check that a passphrase unlocks an identity file."),
        discussion: tr("""
        Prints "passphrase ok" when it does. Nothing is changed.

        Example:
          abri identity check ~/alice.identity
        Exit codes: 0 the passphrase unlocks it, 77 a wrong passphrase, 65 a damaged file, 66 the file cannot be read.
        """)
    )

    @Argument(help: ArgumentHelp(tr("The identity file."), valueName: tr("file")))
    var file: String

    @OptionGroup var passphraseOptions: PassphraseOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        // Parse first so that a damaged file is reported before a passphrase is asked.
        _ = try Identity.readPublic(contentsOf: file)
        let identity = try passphraseOptions.unlock(file)
        if output.json {
            try Output.json(CheckJSON(ok: true, publicIdentity: identity.publicIdentity.line))
        } else {
            Output.result("passphrase ok")
        }
    }

    private struct CheckJSON: Encodable {
        var ok: Bool
        var publicIdentity: String
    }
}
