public import AbriVault
import Foundation

/// What the interface needs from the command that starts it: how to unlock the acting identity, the vault, and the
/// catalogue's words. The CLI builds it, so that the pages call the same session methods and show the same
/// sentences as the commands.
public struct UIBackend: Sendable {
    /// Unlocks the acting identity with the passphrase typed in the page (UTF-8 bytes) and returns its session;
    /// throws what the CLI would (a wrong passphrase: 77).
    public var unlock: @Sendable (UnsafeRawBufferPointer) throws -> MemberSession
    /// Unlocks the vault's administrator with the passphrase typed in the page; nil when the acting identity is not
    /// the administrator (then `unlock` serves a member).
    public var unlockAdministrator: (@Sendable (UnsafeRawBufferPointer) throws -> AdminSession)?
    /// Brings a replica up to date with its hub before a page reads the vault, as every command does first.
    public var refresh: @Sendable () throws -> Void
    /// The vault the sessions act on (its roster names the partners in the forms).
    public var vault: Vault
    /// The catalogue's words, in the reader's language.
    public var words: UIWords

    /// A backend from its parts.
    public init(unlock: @escaping @Sendable (UnsafeRawBufferPointer) throws -> MemberSession,
                unlockAdministrator: (@Sendable (UnsafeRawBufferPointer) throws -> AdminSession)? = nil,
                refresh: @escaping @Sendable () throws -> Void, vault: Vault, words: UIWords) {
        self.unlock = unlock
        self.unlockAdministrator = unlockAdministrator
        self.refresh = refresh
        self.vault = vault
        self.words = words
    }
}

/// The CLI's sentences, in the language the locale asks for (French or English): the pages say what the commands say.
public struct UIWords: Sendable {
    /// The page's language, for `<html lang>`: `fr` or `en`.
    public var language: String
    /// A catalogue template (English, values as `%@`) with its values, in the reader's language: the CLI's `tr`.
    public var text: @Sendable (String, [String]) -> String
    /// A count in a sentence that agrees with it (`Plural.tr`): the count, the singular and the plural templates.
    public var counted: @Sendable (Int, String, String) -> String
    /// A partner kind (`legal-aid`) as `abri partner list` shows it.
    public var kind: @Sendable (String) -> String
    /// What `abri verify` says when the log checks out, with its counts.
    public var checksOut: @Sendable (VerificationReport) -> String
    /// An error's message (the library's English) in the reader's language.
    public var message: @Sendable (String) -> String
    /// What `abri deposit` says once a case is deposited: who can now read it.
    public var deposited: @Sendable (DepositResult) -> String
    /// What `abri share` says: who can now read the case.
    public var shared: @Sendable (CaseID, [Reader]) -> String
    /// What `abri consent withdraw` says, for the case and the partner.
    public var withdrawn: @Sendable (CaseID, String) -> String
    /// A log action's name (`reveal`, `share`…) as `abri log` shows it.
    public var action: @Sendable (String) -> String

    /// Words from their parts.
    public init(language: String, text: @escaping @Sendable (String, [String]) -> String,
                counted: @escaping @Sendable (Int, String, String) -> String, kind: @escaping @Sendable (String) -> String,
                checksOut: @escaping @Sendable (VerificationReport) -> String,
                message: @escaping @Sendable (String) -> String, deposited: @escaping @Sendable (DepositResult) -> String,
                shared: @escaping @Sendable (CaseID, [Reader]) -> String, withdrawn: @escaping @Sendable (CaseID, String) -> String,
                action: @escaping @Sendable (String) -> String) {
        self.language = language
        self.text = text
        self.counted = counted
        self.kind = kind
        self.checksOut = checksOut
        self.message = message
        self.deposited = deposited
        self.shared = shared
        self.withdrawn = withdrawn
        self.action = action
    }
}

extension UIWords {
    /// "3 cases", "1 dossier".
    func cases(_ count: Int) -> String { counted(count, "%@ case", "%@ cases") }
    /// "3 entries", "1 entrée".
    func entries(_ count: Int) -> String { counted(count, "%@ entry", "%@ entries") }
}
