import AbriCrypto
import AbriVault
import ArgumentParser

/// Where the passphrase comes from: `--passphrase-file`, else `$ABRI_PASSPHRASE_FILE`, else the terminal.
struct PassphraseOptions: ParsableArguments {
    @Option(
        name: .customLong("passphrase-file"),
        help: ArgumentHelp(
            tr("Read the passphrase from the first line of this file (mode 0600) instead of the terminal."),
            discussion: tr("Else $ABRI_PASSPHRASE_FILE. The passphrase itself is never a flag value."),
            valueName: tr("file")
        )
    )
    var passphraseFile: String?

    /// The passphrase file to read, if any.
    var resolvedFile: String? { Paths.passphraseFile(explicit: passphraseFile) }

    /// The passphrase, from the file or the terminal.
    ///
    /// - Parameter confirm: ask twice on the terminal (creating something); a file is read once.
    func read(prompt: String = "Passphrase: ", confirm: Bool = false) throws -> SecureBytes {
        try Passphrase.read(file: resolvedFile, prompt: prompt, confirm: confirm)
    }

    /// How many times a wrong passphrase may be typed at the terminal before the command gives up (77).
    static let terminalTries = 3

    /// Unlocks the identity file at `path`: a passphrase file is tried once, the terminal up to three times.
    func unlock(_ path: String) throws -> Identity {
        let fromTerminal = resolvedFile == nil
        var attempt = 1
        while true {
            let secret = try read(prompt: tr("Passphrase for %@: ", path))
            do {
                return try Identity.unlock(contentsOf: path, passphrase: secret)
            } catch let error as AbriError where fromTerminal && error.exitCode == 77 && attempt < Self.terminalTries {
                attempt += 1
                Output.say(attempt == Self.terminalTries ? tr("Wrong passphrase; last try.") : tr("Wrong passphrase; try again."))
            }
        }
    }
}

/// The options every vault command shares: the vault, the acting identity, the passphrase.
struct VaultOptions: ParsableArguments {
    @Option(
        name: .customLong("vault"),
        help: ArgumentHelp(
            tr("The vault file."),
            discussion: tr("Else $ABRI_VAULT, else $XDG_DATA_HOME/abri/vault.db (~/.local/share/abri/vault.db)."),
            valueName: tr("path")
        )
    )
    var vault: String?

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(tr("Act as the identity in this file (else $ABRI_IDENTITY)."), valueName: tr("file"))
    )
    var identity: String?

    @OptionGroup var passphrase: PassphraseOptions

    /// The vault path after `--vault`, `$ABRI_VAULT` and the XDG default.
    var vaultPath: String { Paths.vault(explicit: vault) }

    /// The acting identity file, if one was named by `--as` or `$ABRI_IDENTITY`.
    var identityPath: String? { Paths.identity(explicit: identity) }

    /// The acting identity file, or a usage error (64) that says how to name one.
    func requireIdentityPath() throws -> String {
        guard let path = identityPath else {
            throw AbriError.usage("no identity to act as (pass --as FILE or set ABRI_IDENTITY)")
        }
        return path
    }
}

/// `--json`: one JSON document on stdout instead of the human output.
struct JSONOption: ParsableArguments {
    @Flag(name: .customLong("json"), help: ArgumentHelp(tr("Print one JSON document on stdout, and nothing else there.")))
    var json = false
}

/// `--partner`: which partner to act for, for a member of several.
struct PartnerOption: ParsableArguments {
    @Option(name: .customLong("partner"), help: ArgumentHelp(tr("Act for this partner, when you are a member of several."), valueName: tr("partner")))
    var partner: String?
}
