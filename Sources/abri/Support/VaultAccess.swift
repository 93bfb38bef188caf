import AbriCrypto
import AbriSync
import AbriVault
import Foundation

/// Opening the vault and unlocking the acting identity, the same way for every command.
extension VaultOptions {
    /// Opens the vault; every command but `verify` refuses a rolled-back log here.
    func openVault(checkHistory: Bool = true) throws -> Vault {
        let vault = try Vault.open(path: vaultPath, stateDirectory: Paths.stateDirectory(), checkHistory: checkHistory)
        if let day = vault.followedRestore {
            Output.say(tr("This vault was restored from a backup by its administrator on %@: this machine now follows the restored copy.", day))
        }
        // A replica's writes reach its hub before they commit (Docs/FORMAT.md §7.4).
        try ReplicaSync.link(vault)
        return vault
    }

    /// On a replica, brings the hub's changes in before the command reads anything, signed by the session's identity.
    /// When the hub cannot be reached, the command goes on with this machine's copy and says how old it is: a command
    /// that writes then stops at its push (75), with nothing written.
    func pullFromHub(_ vault: Vault) throws {
        guard let state = try Replica.state(of: vault.store), let signer = vault.store.hubSigner else { return }
        do {
            try ReplicaSync.pull(vault, state: state, signer: signer, stateDirectory: Paths.stateDirectory())
        } catch let error as AbriError {
            guard case .busy = error else { throw error }
            let age = state.synced.map { Human.time($0) } ?? "-"
            Output.say(tr("The hub cannot be reached: this machine's copy of the vault is as of %@.", age))
        }
    }

    /// The acting identity (`--as`): held by a running agent when there is one, else unlocked with its passphrase.
    func unlockIdentity() throws -> Identity {
        let path = try requireIdentityPath()
        // Parse first, so that a damaged file is reported before a passphrase is asked.
        let file = try Identity.readPublic(contentsOf: path)
        if let held = AgentCommand.heldIdentity(name: file.name, publicIdentity: file.publicIdentity) { return held }
        return try Rerun.identity(path) { try passphrase.unlock(path) }
    }

    /// A member session for the acting identity; long work (a pending re-seal first of all) shows a bar on a terminal.
    func memberSession(partner: String? = nil, progress: TerminalProgress? = TerminalProgress()) throws -> MemberSession {
        let vault = try openVault()
        let session = ApprovalNotice.track(MemberSession(vault: vault, identity: try unlockIdentity(), partner: partner))
        session.progress = progress
        try pullFromHub(vault)
        return session
    }

    /// An administrator session (77 when the identity is not the vault's administrator).
    func adminSession(vault: Vault? = nil) throws -> AdminSession {
        let vault = try vault ?? openVault()
        let session = try AdminSession(vault: vault, identity: try unlockIdentity())
        try pullFromHub(vault)
        return session
    }

    /// Whether the acting identity file is the vault's administrator, read without a passphrase.
    func actsAsAdministrator(_ vault: Vault) throws -> Bool {
        try Identity.readPublic(contentsOf: try requireIdentityPath()).publicIdentity == vault.admin
    }
}

/// Draws the library's progress reports as a bar on stderr, only on a terminal.
final class TerminalProgress: ProgressListener {
    private var bars: [String: Progress] = [:]

    func report(label: String, done: Int, total: Int) {
        let bar = bars[label] ?? Progress(total: total, label: Localization.message(label))
        bars[label] = bar
        bar.advance(by: done - bar.done)
    }

    func finish(label: String) {
        bars.removeValue(forKey: label)?.finish()
    }
}

/// Asks before destroying anything: `--yes`, or a typed `yes` on the terminal; neither is a usage error.
enum Confirmation {
    static func require(_ question: String, yes: Bool) throws {
        if yes { return }
        try Rerun.confirm(question) { try ask(question) }
    }

    private static func ask(_ question: String) throws {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard tty >= 0 else {
            throw AbriError.usage("this destroys data and no terminal can confirm it (run it in a terminal, or pass --yes)")
        }
        defer { close(tty) }
        Output.write(question + " " + tr("Type yes to go on: "), to: tty)
        var answer: [UInt8] = []
        var byte: UInt8 = 0
        while read(tty, &byte, 1) == 1, byte != UInt8(ascii: "\n") { answer.append(byte) }
        let typed = String(decoding: answer, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
        // "yes" always works (a script or a habit); "oui" too when the question is in French.
        guard typed == "yes" || (Language.current == .french && typed == "oui") else {
            throw AbriError.usage("not confirmed; nothing was changed (type yes to go on, or pass --yes)")
        }
    }
}

/// Formats byte counts for people.
enum Sizes {
    static func human(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
