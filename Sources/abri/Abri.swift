import ArgumentParser

/// The root command: a thin dispatcher, one file per subcommand under `Subcommands/`.
struct Abri: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abri",
        abstract: tr("Keep the case files of victims of domestic violence encrypted, shared with consent, and logged."),
        discussion: tr("""
        Start with `abri identity new --out me.identity`, then ask your administrator to enrol you.
        Exit codes: 0 success, 64 usage, 65 bad data, 66 missing input, 73 cannot create output,
        74 I/O error, 75 vault busy, 77 not permitted, 70 internal error.
        """),
        version: AbriVersion.string,
        subcommands: [
            IdentityCommand.self,
            AgentCommand.self,
            Init.self,
            Clone.self,
            Sync.self,
            Status.self,
            PartnerCommand.self,
            MemberCommand.self,
            VaultCommand.self,
            ReportCommand.self,
            Deposit.self,
            Add.self,
            Share.self,
            ConsentCommand.self,
            Open.self,
            Cases.self,
            Log.self,
            Verify.self,
            CheckpointCommand.self,
            Rotate.self,
            Shred.self,
            Close.self,
            Retention.self,
            Export.self,
            Import.self,
            Backup.self,
            UICommand.self,
            Demo.self,
        ]
    )
}

enum AbriVersion {
    static let string = "0.1.0"
}
