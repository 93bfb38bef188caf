import AbriVault
import ArgumentParser

/// `abri identity show`: prints the public identity of an identity file.
struct IdentityShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: tr("Print the public identity of an identity file."),
        discussion: tr("""
        Needs no passphrase: the public identity is stored in clear. Checks the file's checksum, \
        so a damaged file is refused. The fingerprint, on stderr, is what you read out to the colleague who \
        approves you with `abri member approve`.

        Example:
          abri identity show ~/alice.identity
        Exit codes: 66 the file cannot be read, 65 a damaged file.
        """)
    )

    @Argument(help: ArgumentHelp("The identity file.", valueName: "file"))
    var file: String

    @OptionGroup var output: JSONOption

    func run() throws {
        let (publicIdentity, name) = try Identity.readPublic(contentsOf: file)
        if output.json {
            try Output.json(IdentityJSON(publicIdentity: publicIdentity.line, name: name, fingerprint: publicIdentity.fingerprint))
        } else {
            Output.result(publicIdentity.line)
            Output.say(tr("Fingerprint: %@ (read it out to the colleague who approves you).", publicIdentity.fingerprint))
        }
    }
}
