import AbriCrypto
import Foundation

/// What kind of organisation a partner is.
public enum PartnerKind: String, Codable, Sendable, CaseIterable {
    case landlord
    case legalAid = "legal-aid"
    case association
}

/// An organisation, or one unit of one, that holds keys of its own.
public struct Partner: Codable, Sendable, Equatable {

    package init(id: String, name: String, kind: PartnerKind, neverLocating: Bool) {
        self.id = id
        self.name = name
        self.kind = kind
        self.neverLocating = neverLocating
    }
    /// The short id used on the command line (`cidff-62`).
    public var id: String
    /// The name shown to people (`CIDFF du Pas-de-Calais`).
    public var name: String
    /// Landlord, legal aid or association.
    public var kind: PartnerKind
    /// A tenancy unit: never receives a locating compartment.
    public var neverLocating: Bool
}

/// A person enrolled in a partner, known by their public identity.
public struct Member: Codable, Sendable, Equatable {

    package init(partner: String, name: String, identity: String, removed: Bool, enrolled: Int? = nil, removedIn: Int? = nil) {
        self.partner = partner
        self.name = name
        self.identity = identity
        self.removed = removed
        self.enrolled = enrolled
        self.removedIn = removedIn
    }
    /// The partner's id.
    public var partner: String
    /// The member's name, unique within the partner (compared in NFC).
    public var name: String
    /// The member's public identity line.
    public var identity: String
    /// Removed members stay listed so that their past signatures still verify.
    public var removed: Bool
    /// The roster version that enrolled them: what an approval names (Docs/FORMAT.md §3.2.1).
    public var enrolled: Int?
    /// The roster version that removed them, if any.
    public var removedIn: Int?

    /// `partner/name`, as shown in records and the log.
    public var handle: String { "\(partner)/\(name)" }
}

/// The current public key of the vault's log-signing key.
public struct LogKeyInfo: Codable, Sendable, Equatable {

    package init(generation: Int, publicKey: String) {
        self.generation = generation
        self.publicKey = publicKey
    }
    /// Its generation, from 1.
    public var generation: Int
    /// Ed25519 public key, base64; empty until the first member is enrolled.
    public var publicKey: String
}

/// Another vault whose administrator this vault's administrator pinned: bundles come only from such vaults.
public struct TrustedVault: Codable, Sendable, Equatable {

    package init(admin: String, name: String) {
        self.admin = admin
        self.name = name
    }
    /// The other vault's administrator's public identity line.
    public var admin: String
    /// The name people use for it (`--to-vault`), unique in this roster.
    public var name: String
}

/// Who belongs to the vault, signed by the administrator (Docs/FORMAT.md §3.1).
public struct Roster: Codable, Sendable, Equatable {

    package init(vault: String, version: Int, admin: String, logKey: LogKeyInfo, partners: [Partner], members: [Member], trustedVaults: [TrustedVault] = [], previous: String? = nil) {
        self.vault = vault
        self.version = version
        self.admin = admin
        self.logKey = logKey
        self.partners = partners
        self.members = members
        self.trustedVaults = trustedVaults
        self.previous = previous
    }
    /// The vault id, hex.
    public var vault: String
    /// Increases by one at every change.
    public var version: Int
    /// The administrator's public identity line.
    public var admin: String
    /// The current log key.
    public var logKey: LogKeyInfo
    /// Every partner, in enrolment order.
    public var partners: [Partner]
    /// Every member ever enrolled, removed ones included.
    public var members: [Member]
    /// The other vaults whose administrators are pinned here (`abri vault trust`).
    public var trustedVaults: [TrustedVault] = []
    /// base64 of `H(body)` of the previous version (absent in version 1): the versions form a chain.
    public var previous: String? = nil

    package static let signatureContext = Array("abri-roster-v1\n".utf8)

    /// The canonical bytes that the administrator signs.
    package func canonicalBody() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    /// `H(body)`: what heads, checkpoints, roster-change entries and the state file name (Docs/FORMAT.md §3.1).
    /// Version 0, the roster of a vault that has none yet, has the empty body.
    package static func hash(body: [UInt8]) -> [UInt8] { BLAKE2b.hash(body) }

    package static func decode(body: [UInt8]) throws -> Roster {
        do {
            return try JSONDecoder().decode(Roster.self, from: Data(body))
        } catch {
            throw AbriError.badData("the vault's roster is damaged (restore the vault from a backup)")
        }
    }

    /// The partner with this id, or a usage error naming the ids that exist.
    public func partner(_ id: String) throws -> Partner {
        guard let partner = partners.first(where: { $0.id == id }) else {
            throw AbriError.usage("there is no partner \"\(id)\" (see `abri partner list`)")
        }
        return partner
    }

    /// The current (not removed) members of a partner.
    public func currentMembers(of partner: String) -> [Member] {
        members.filter { $0.partner == partner && !$0.removed }
    }

    /// Every current membership of one public identity.
    public func memberships(of identity: String) -> [Member] {
        members.filter { $0.identity == identity && !$0.removed }
    }

    /// Whether this identity was ever a member and has been removed everywhere.
    public func wasRemoved(_ identity: String) -> Bool {
        let all = members.filter { $0.identity == identity }
        return !all.isEmpty && all.allSatisfy(\.removed)
    }

    /// The pinned vault whose administrator has this line, if any.
    public func trustedVault(admin line: String) -> TrustedVault? {
        trustedVaults.first { $0.admin == line }
    }

    /// The member whose signing key this is, if any (removed ones included).
    package func member(signingKey: [UInt8]) -> Member? {
        members.first { (try? PublicIdentity(parsing: $0.identity))?.signingPublicKey == signingKey }
    }
}
