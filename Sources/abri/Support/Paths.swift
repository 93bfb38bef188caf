import Foundation

/// Where Abri keeps its files when the command line does not say.
///
/// Follows the XDG base directory specification: a variable that is unset, empty or not an
/// absolute path counts as unset.
enum Paths {
    /// The vault: `--vault`, else `$ABRI_VAULT`, else `$XDG_DATA_HOME/abri/vault.db`,
    /// else `~/.local/share/abri/vault.db`.
    static func vault(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["ABRI_VAULT"], !fromEnvironment.isEmpty { return fromEnvironment }
        return dataDirectory(environment: environment) + "/vault.db"
    }

    /// Abri's data directory: `$XDG_DATA_HOME/abri`, else `~/.local/share/abri`.
    static func dataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        xdg("XDG_DATA_HOME", default: ".local/share", environment: environment) + "/abri"
    }

    /// Abri's state directory (the last accepted log heads): `$XDG_STATE_HOME/abri`,
    /// else `~/.local/state/abri`.
    static func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        xdg("XDG_STATE_HOME", default: ".local/state", environment: environment) + "/abri"
    }

    /// The acting identity file: `--as`, else `$ABRI_IDENTITY`, else none.
    static func identity(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["ABRI_IDENTITY"], !fromEnvironment.isEmpty { return fromEnvironment }
        return nil
    }

    /// The passphrase file: `--passphrase-file`, else `$ABRI_PASSPHRASE_FILE`, else none
    /// (the passphrase is then asked on the terminal).
    static func passphraseFile(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["ABRI_PASSPHRASE_FILE"], !fromEnvironment.isEmpty { return fromEnvironment }
        return nil
    }

    /// The home directory: `$HOME`, else the password database's entry for this user.
    static func home(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home = environment["HOME"], home.hasPrefix("/") { return home }
        return NSHomeDirectory()
    }

    private static func xdg(_ variable: String, default relative: String, environment: [String: String]) -> String {
        if let value = environment[variable], value.hasPrefix("/") { return value }
        return home(environment: environment) + "/" + relative
    }
}
