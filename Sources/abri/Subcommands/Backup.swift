import AbriVault
import ArgumentParser

/// `abri backup`: a consistent copy of the vault.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Write a consistent copy of the whole vault, attachments included."),
        discussion: tr("""
        The copy is as secret as the vault: it holds every ciphertext, and keeps the keys of cases shredded later.

        Example:
          abri backup --out /mnt/backups/vault-2026-11-22.db
        Exit codes: 73 when the output exists.
        """)
    )

    @Option(name: .customLong("out"), help: ArgumentHelp(tr("The file to write; it must not exist."), valueName: tr("file")))
    var out: String

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        let vault = try options.openVault()
        let progress = TerminalProgress()
        try vault.store.backup(to: out, progress: progress)
        if output.json {
            try Output.json(["backup": out])
        } else {
            Output.say(tr("Backup written to %@. Keep it as safe as the vault itself.", out))
        }
    }
}
