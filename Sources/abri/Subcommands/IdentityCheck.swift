import AbriVault
import ArgumentParser

/// `abri identity check`: unlocks an identity file to prove the passphrase.
struct IdentityCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that a passphrase unlocks an identity file.",
        discussion: """
        Exits 0 and prints "passphrase ok" when it does, 77 for a wrong passphrase, 65 for a \
        damaged file. Nothing is changed.

        Example:
          abri identity check ~/alice.identity
        """
    )

    @Argument(help: ArgumentHelp("The identity file.", valueName: "file"))
    var file: String

    @OptionGroup var passphraseOptions: PassphraseOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        // Parse first so that a damaged file is reported before a passphrase is asked.
        _ = try Identity.readPublic(contentsOf: file)
        let passphrase = try passphraseOptions.read(prompt: "Passphrase for \(file): ")
        let identity = try Identity.unlock(contentsOf: file, passphrase: passphrase)
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
