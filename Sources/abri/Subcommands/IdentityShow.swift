import AbriVault
import ArgumentParser

/// `abri identity show`: prints the public identity of an identity file.
struct IdentityShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: tr("Print the public identity of an identity file."),
        discussion: tr("""
        Needs no passphrase: the public identity is stored in clear. Checks the file's checksum, \
        so a damaged file is refused. With --fingerprint, prints instead the fingerprint that you read out to the \
        colleague who approves you with `abri member approve`.

        Example:
          abri identity show ~/alice.identity
          abri identity show ~/alice.identity --fingerprint
        Exit codes: 66 the file cannot be read, 65 a damaged file.
        """)
    )

    @Argument(help: ArgumentHelp(tr("The identity file."), valueName: tr("file")))
    var file: String

    @Flag(name: .customLong("fingerprint"), help: ArgumentHelp(tr("Print the fingerprint a colleague compares before approving you.")))
    var fingerprint = false

    @OptionGroup var output: JSONOption

    func run() throws {
        let (publicIdentity, name) = try Identity.readPublic(contentsOf: file)
        if output.json {
            try Output.json(IdentityJSON(publicIdentity: publicIdentity.line, name: name,
                                         fingerprint: fingerprint ? publicIdentity.fingerprint : nil))
        } else if fingerprint {
            Output.result(publicIdentity.fingerprint)
            Output.say(tr("Read it out to the colleague who approves you."))
        } else {
            Output.result(publicIdentity.line)
        }
    }
}
