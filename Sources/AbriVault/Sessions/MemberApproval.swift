import AbriCrypto
import Foundation
public import AbriPublic

/// A person the administrator enrolled, waiting for a colleague's approval before any key reaches them.
public struct Newcomer: Sendable, Equatable {
    /// The partner's id.
    public var partner: String
    /// The name the administrator gave.
    public var name: String
    /// The public identity the administrator enrolled.
    public var identity: PublicIdentity
    /// What the approving member compares, out of band, with what the newcomer reads from `abri identity show`.
    public var fingerprint: String { identity.fingerprint }
}

extension MemberSession {
    /// The newcomer `name` of the acting member's partner, read without changing anything: 77 unless the actor
    /// is an approved member of that partner, 64 when nobody of that name waits for approval.
    public func newcomer(named name: String) throws -> Newcomer {
        try vault.store.read { db in
            let context = try MemberContext(session: self, db: db)
            return try context.newcomer(named: name)
        }
    }

    /// Approves `newcomer`: a signed approval is stored, then a fresh generation is made for the approved members
    /// and the newcomer and every grant of the partner is re-sealed to it at once (Docs/FORMAT.md §3.2.1).
    /// Refused (64) when the roster no longer lists that name with that identity, waiting.
    public func approve(_ newcomer: Newcomer) throws -> (grants: Int, generation: Int) {
        try run { context in
            let found = try context.newcomer(named: newcomer.name)
            guard found == newcomer, let member = context.pending.first(where: { $0.identity == newcomer.identity.line }) else {
                throw AbriError.usage("the roster changed since the fingerprint was shown (run the command again)")
            }
            try Approvals.record(member, by: identity, vault: vault, context.db)
            let resealed = try context.reseal()
            try Custody.shareLogKey(roster: context.roster, identity: identity, with: member, context.db)
            var entry = context.details("member-approve")
            entry.partner = context.partner.id
            entry.generation = resealed.generation
            context.drafts.append(.operatorOnly(entry))
            awaitingApproval = context.pending.filter { $0.identity != member.identity }.map(\.name)
            return resealed
        }
    }
}

extension MemberContext {
    /// The waiting member of this partner called `name` (compared in NFC).
    func newcomer(named name: String) throws -> Newcomer {
        let wanted = name.precomposedStringWithCanonicalMapping
        guard let member = pending.first(where: { $0.name.precomposedStringWithCanonicalMapping == wanted }) else {
            if approved.contains(where: { $0.name.precomposedStringWithCanonicalMapping == wanted }) {
                throw AbriError.usage("\(name) is already approved at \(partner.id) (nothing to do)")
            }
            throw AbriError.usage("nobody called \(name) waits for approval at \(partner.id) (see `abri partner list`)")
        }
        return Newcomer(partner: partner.id, name: member.name, identity: try PublicIdentity(parsing: member.identity))
    }
}
