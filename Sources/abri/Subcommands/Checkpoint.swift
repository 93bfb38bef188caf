import AbriVault
import ArgumentParser

/// `abri checkpoint`: checkpoints kept outside the store.
struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: tr("Export a signed checkpoint of the access log, to keep outside the vault."),
        discussion: tr("""
        Example:
          abri checkpoint export --out checkpoint-2026-11-22.txt --as admin.identity
        Exit codes: 77 not the administrator, 73 when the output exists (see `abri checkpoint export --help`).
        """),
        subcommands: [CheckpointExport.self]
    )
}

struct CheckpointExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: tr("Sign the log's latest head into a file kept outside the vault (administrator)."),
        discussion: tr("""
        Whoever can write the vault file could roll it back consistently for a machine that never saw it. Keep \
        the checkpoint elsewhere (another system, paper), and check the vault against it later with \
        `abri verify --checkpoint FILE`: the log must extend it.

        Example:
          abri checkpoint export --out checkpoint-2026-11-22.txt --as admin.identity
        Exit codes: 77 not the administrator, 73 when the output exists, 65 when the vault does not check out.
        """)
    )

    @Option(name: .customLong("out"), help: ArgumentHelp(tr("The file to write; it must not exist."), valueName: tr("file")))
    var out: String

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    struct CheckpointJSON: Encodable {
        var checkpoint: String
        var size: Int
    }

    func run() throws {
        let session = try options.adminSession()
        let size = try session.exportCheckpoint(to: out)
        if output.json {
            try Output.json(CheckpointJSON(checkpoint: out, size: size))
        } else {
            Output.say(Plural.tr(size, one: "Checkpoint of %@ entry written to %@. Keep it outside the vault.",
                                 other: "Checkpoint of %@ entries written to %@. Keep it outside the vault.", out))
        }
    }
}
