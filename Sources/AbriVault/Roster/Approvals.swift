import AbriCrypto
import AbriStore
import Foundation
public import AbriPublic

/// Which enrolled members may hold their partner's keys (Docs/FORMAT.md §3.2.1).
///
/// The administrator enrols people but holds no key, so enrolment alone must not hand anyone a case: a
/// member receives keys once a current, approved member of the same partner signs an approval of their
/// public identity. Anyone can check an approval from the store alone; a row that does not check out is
/// ignored, so the newcomer simply stays pending.
enum Approvals {
    static let context = "abri-approval-v1\n"

    /// The bytes an approving member signs: the context, the vault id, the partner, the newcomer's public
    /// identity line and the roster version that enrolled them (a later re-enrolment needs a new approval).
    static func message(vault: [UInt8], partner: String, identity: String, enrolled: Int) -> [UInt8] {
        var writer = ByteWriter()
        writer.raw(context)
        writer.raw(vault)
        writer.str8(partner)
        writer.str16(identity)
        writer.u64(UInt64(enrolled))
        return writer.bytes
    }

    /// Whether `member` is the first member ever enrolled in their partner: enrolled when the partner had no
    /// generation, so no case, and approved by the administrator alone. The roster lists members in
    /// enrolment order and keeps removed ones.
    static func isFounding(_ member: Member, roster: Roster) -> Bool {
        guard let first = roster.members.first(where: { $0.partner == member.partner }) else { return false }
        return first.identity == member.identity && first.enrolled == member.enrolled
    }

    /// The members of `partner` (removed ones included) whose enrolment is approved, as indices into
    /// `roster.members`.
    static func approvedIndices(partner: String, roster: Roster, vault: Vault, _ db: any VaultTransaction) throws -> Set<Int> {
        let indices = roster.members.indices.filter { roster.members[$0].partner == partner }
        var approved = Set(indices.filter { isFounding(roster.members[$0], roster: roster) })
        // Only rows whose signature checks out count; who signed them is settled below.
        var statements: [(identity: String, enrolled: Int, signer: [UInt8])] = []
        for row in try db.approvals(partner: partner) {
            let identity = row.identity
            let enrolled = row.enrolled
            let signer = row.signerKey
            let signed = message(vault: vault.id, partner: partner, identity: identity, enrolled: enrolled)
            guard Ed25519.isValidSignature(row.signature, for: signed, publicKey: signer) else { continue }
            statements.append((identity, enrolled, signer))
        }
        // An approval counts when its signer is an approved member of the same partner who had not been removed
        // when the newcomer was enrolled: repeat until nothing changes, since approvals chain.
        var changed = true
        while changed {
            changed = false
            for index in indices where !approved.contains(index) {
                let newcomer = roster.members[index]
                guard let enrolled = newcomer.enrolled else { continue }
                let signers = approved.compactMap { signerIndex -> [UInt8]? in
                    let signer = roster.members[signerIndex]
                    guard signer.identity != newcomer.identity, (signer.removedIn ?? Int.max) > enrolled else { return nil }
                    return try? PublicIdentity(parsing: signer.identity).signingPublicKey
                }
                if statements.contains(where: { statement in
                    statement.identity == newcomer.identity && statement.enrolled == enrolled && signers.contains(statement.signer)
                }) {
                    approved.insert(index)
                    changed = true
                }
            }
        }
        return approved
    }

    /// The current members of `partner` who may hold its keys.
    static func approvedMembers(of partner: String, roster: Roster, vault: Vault, _ db: any VaultTransaction) throws -> [Member] {
        let approved = try approvedIndices(partner: partner, roster: roster, vault: vault, db)
        return approved.sorted().map { roster.members[$0] }.filter { !$0.removed }
    }

    /// The current members of `partner` who wait for a colleague's approval, in enrolment order.
    static func pendingMembers(of partner: String, roster: Roster, vault: Vault, _ db: any VaultTransaction) throws -> [Member] {
        let approved = try approvedIndices(partner: partner, roster: roster, vault: vault, db)
        return roster.members.indices
            .filter { roster.members[$0].partner == partner && !roster.members[$0].removed && !approved.contains($0) }
            .map { roster.members[$0] }
    }

    /// Records `approver`'s signed approval of `newcomer`.
    static func record(_ newcomer: Member, by approver: borrowing Identity, vault: Vault, _ db: any VaultTransaction) throws {
        guard let enrolled = newcomer.enrolled else {
            throw AbriError.badData("the roster does not say when \(newcomer.name) was enrolled: the vault was altered (run `abri verify`)")
        }
        let signature = try approver.sign(message(vault: vault.id, partner: newcomer.partner, identity: newcomer.identity,
                                                  enrolled: enrolled))
        try db.insertOrReplaceApproval(ApprovalRow(partner: newcomer.partner, identity: newcomer.identity, enrolled: enrolled,
                                                   signerKey: approver.publicIdentity.signingPublicKey, signature: signature))
    }
}

extension Vault {
    /// The members of each partner who wait for a colleague's `abri member approve`, by partner id.
    public func awaitingApproval() throws -> [String: [Member]] {
        try store.read { db in
            let roster = try roster(db)
            var result: [String: [Member]] = [:]
            for partner in roster.partners {
                let pending = try Approvals.pendingMembers(of: partner.id, roster: roster, vault: self, db)
                if !pending.isEmpty { result[partner.id] = pending }
            }
            return result
        }
    }
}
