public import AbriVault
import Foundation

/// What the interface needs from the command that starts it: how to unlock the acting identity, the vault, and the
/// catalogue's words. The CLI builds it, so that the pages call the same session methods and show the same
/// sentences as the commands.
public struct UIBackend: Sendable {
    /// Unlocks the acting identity with the passphrase typed in the page (UTF-8 bytes) and returns its session;
    /// throws what the CLI would (a wrong passphrase: 77).
    public var unlock: @Sendable (UnsafeRawBufferPointer) throws -> MemberSession
    /// Brings a replica up to date with its hub before a page reads the vault, as every command does first.
    public var refresh: @Sendable () throws -> Void
    /// The vault the sessions act on (its roster names the partners in the forms).
    public var vault: Vault
    /// The catalogue's words, in French.
    public var words: UIWords

    /// A backend from its parts.
    public init(unlock: @escaping @Sendable (UnsafeRawBufferPointer) throws -> MemberSession,
                refresh: @escaping @Sendable () throws -> Void, vault: Vault, words: UIWords) {
        self.unlock = unlock
        self.refresh = refresh
        self.vault = vault
        self.words = words
    }
}

/// The CLI's sentences, in French: the pages say what the commands say.
public struct UIWords: Sendable {
    /// An error's message (the library's English) in French.
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
    public init(message: @escaping @Sendable (String) -> String, deposited: @escaping @Sendable (DepositResult) -> String,
                shared: @escaping @Sendable (CaseID, [Reader]) -> String, withdrawn: @escaping @Sendable (CaseID, String) -> String,
                action: @escaping @Sendable (String) -> String) {
        self.message = message
        self.deposited = deposited
        self.shared = shared
        self.withdrawn = withdrawn
        self.action = action
    }
}
