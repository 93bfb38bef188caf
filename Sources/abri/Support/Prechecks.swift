import AbriVault
import Foundation

/// The refusals that need no secret, made before any passphrase is asked.
///
/// Someone who typed a wrong partner name should not type a passphrase first to learn it. The roster is public
/// (signed by the administrator, stored in clear), so who is a member, which partners exist and which never receive
/// locating parts are known without unlocking anything. The session makes the same checks again once unlocked,
/// with the same words: these only come first.
struct Precheck {
    let roster: Roster
    let admin: PublicIdentity
    let line: String

    /// Opens the vault and reads the acting identity's public half (no passphrase).
    init(_ options: VaultOptions) throws {
        let vault = try options.openVault()
        let path = try options.requireIdentityPath()
        line = try Identity.readPublic(contentsOf: path).publicIdentity.line
        roster = try vault.currentRoster()
        admin = vault.admin
    }

    /// The refusals of a member session that the roster decides: the administrator, a removed member, an identity
    /// that is no member, a partner it is not a member of. Returns the acting partner when it is known.
    @discardableResult
    func member(partner requested: String?) throws -> String? {
        let memberships = roster.memberships(of: line)
        if memberships.isEmpty {
            if roster.wasRemoved(line) {
                throw AbriError.notPermitted("you were removed from this vault's partners (ask your administrator)")
            }
            if line == admin.line {
                throw AbriError.notPermitted("the administrator holds no key that opens a case (act as a member of a partner)")
            }
            throw AbriError.notPermitted("this identity is not a member of any partner of this vault (ask your administrator to enrol you)")
        }
        if let requested {
            guard memberships.contains(where: { $0.partner == requested }) else {
                throw AbriError.notPermitted("you are not a member of partner \"\(requested)\" (see `abri partner list`)")
            }
            return requested
        }
        if memberships.count > 1 {
            let ids = memberships.map(\.partner).joined(separator: ", ")
            throw AbriError.usage("you are a member of several partners: \(ids) (say which with --partner)")
        }
        return memberships[0].partner
    }

    /// The recipients' refusals: an unknown partner (64), a locating grant to a never-locating one (77), another
    /// partner without consent (64), unless the reports carry their own (`consentCarried`).
    func recipients(_ recipients: Recipients, consent: Consent?, consentCarried: Bool = false, own: String?) throws {
        var others = false
        for (id, locating) in recipients.locating.map({ ($0, true) }) + recipients.general.map({ ($0, false) }) {
            let target = try roster.partner(id)
            if locating && target.neverLocating {
                throw AbriError.notPermitted("partner \(id) never receives locating parts (grant it the general part only: --to instead of --locating-to)")
            }
            if id != own { others = true }
        }
        if others && consent == nil && !consentCarried {
            throw AbriError.usage("sharing with another partner needs the victim's consent (add --consent TEXT [--until DATE], or --without-consent REASON)")
        }
    }

    /// An administrator's command by someone else: refused before the passphrase (77).
    static func administrator(_ options: VaultOptions, _ vault: Vault) throws {
        guard try options.actsAsAdministrator(vault) else {
            throw AbriError.notPermitted("only this vault's administrator may do this (use the administrator's identity with --as)")
        }
    }

    /// A named partner exists (64 otherwise).
    func partnerExists(_ id: String) throws {
        _ = try roster.partner(id)
    }
}

/// Attachment files checked before anything is unlocked: each exists, is a file, and can be read.
enum AttachmentCheck {
    static func check(_ sources: [AttachmentSource]) throws {
        for source in sources {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory) else {
                throw AbriError.noInput("\(source.path) does not exist (check the path; nothing was written)")
            }
            guard !isDirectory.boolValue else {
                throw AbriError.noInput("\(source.path) is a folder, not a file (name a file; nothing was written)")
            }
            guard FileManager.default.isReadableFile(atPath: source.path) else {
                throw AbriError.noInput("\(source.path) cannot be read (check its permissions; nothing was written)")
            }
        }
    }
}

/// The folder of `open --attachments`, checked before anything is unlocked.
enum AttachmentFolder {
    static func check(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AbriError.cannotCreate("\(path) is not an existing folder (create it first; nothing was written)")
        }
    }
}
