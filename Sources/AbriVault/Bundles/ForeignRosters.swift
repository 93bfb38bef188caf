import AbriCrypto
import Foundation
public import AbriPublic
import AbriStore

/// A vault's roster as its administrator signed it: what a bundle carries to prove who its exporter and its
/// records' authors are, and what the importing vault keeps in `foreign_rosters` (Docs/FORMAT.md §4).
struct SignedRoster {
    var body: [UInt8]
    var signature: [UInt8]

    static let badProof = AbriError.badData("the bundle's roster proof is not signed by the pinned administrator of its vault (do not use it)")

    /// The roster, once its signature checks under the pinned administrator `admin` (65 otherwise).
    func verified(by admin: PublicIdentity) throws -> Roster {
        guard Ed25519.isValidSignature(signature, for: Roster.signatureContext + body, publicKey: admin.signingPublicKey),
              let roster = try? Roster.decode(body: body), roster.admin == admin.line,
              let vault = roster.vaultID, vault.count == 16 else { throw SignedRoster.badProof }
        return roster
    }

    /// The current roster of this vault, as stored.
    static func current(_ db: any VaultTransaction) throws -> SignedRoster {
        guard let row = try db.latestRoster() else {
            throw AbriError.usage("this vault has no roster yet (ask your administrator)")
        }
        return SignedRoster(body: row.body, signature: row.signature)
    }
}

extension Roster {
    /// The vault id's bytes, from its hex.
    var vaultID: [UInt8]? {
        let digits = Array(vault.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index ..< index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}

/// Who may have written a record: this vault's roster for its own records; for a record from another vault,
/// a roster of that vault signed by an administrator pinned here. Any other author is refused.
struct AuthorCheck {
    let roster: Roster
    let vault: [UInt8]
    /// Rosters of other vaults, by vault id, each checked under a pinned administrator.
    private(set) var foreign: [[UInt8]: [Roster]] = [:]

    init(roster: Roster, vault: [UInt8]) {
        self.roster = roster
        self.vault = vault
    }

    static let unverifiable = AbriError.badData("a stored roster of another vault failed its signature: the vault was altered (run `abri verify`)")

    /// This vault's roster and the stored rosters of pinned vaults (a stored roster whose signature fails is 65;
    /// one of a vault no longer pinned here vouches for nothing).
    static func load(roster: Roster, vault: [UInt8], _ db: any VaultTransaction) throws -> AuthorCheck {
        var check = AuthorCheck(roster: roster, vault: vault)
        for row in try db.foreignRosters() {
            let signed = SignedRoster(body: row.body, signature: row.signature)
            guard let claimed = try? Roster.decode(body: signed.body) else { throw unverifiable }
            guard roster.trustedVault(admin: claimed.admin) != nil else { continue }
            guard let admin = try? PublicIdentity(parsing: claimed.admin),
                  let verified = try? signed.verified(by: admin), verified.vaultID == row.vault else {
                throw unverifiable
            }
            check.add(verified)
        }
        return check
    }

    /// Adds a roster of another vault whose signature the caller checked under a pinned administrator.
    mutating func add(_ verified: Roster) {
        guard let id = verified.vaultID else { return }
        foreign[id, default: []].append(verified)
    }

    /// Whether `author` with signing key `key` belongs to the roster of the record's origin vault. Removed members
    /// stay listed, so what they signed before leaving still opens.
    func vouches(author: String, key: [UInt8], origin: [UInt8]) -> Bool {
        let rosters = origin == vault ? [roster] : foreign[origin, default: []]
        return rosters.contains { roster in
            roster.members.contains { $0.handle == author && (try? PublicIdentity(parsing: $0.identity))?.signingPublicKey == key }
        }
    }
}
