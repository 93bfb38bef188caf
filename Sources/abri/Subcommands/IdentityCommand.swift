import ArgumentParser

/// `abri identity`: the personal identities people act as.
struct IdentityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity",
        abstract: "Create and inspect personal identities.",
        discussion: """
        An identity is a file sealed under your passphrase. Its public identity, one line \
        starting with abri1, is what you send to your administrator.

        Example:
          abri identity new --out ~/alice.identity --name "Alice Martin"
        """,
        subcommands: [
            IdentityNew.self,
            IdentityShow.self,
            IdentityCheck.self,
        ]
    )
}
