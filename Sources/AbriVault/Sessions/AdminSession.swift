import AbriCrypto
import AbriStore
import Foundation
public import AbriPublic

/// The administrator acting on a vault: signs the roster and checkpoints, holds no key that opens a case.
public final class AdminSession {
    let vault: Vault
    let identity: Identity
    /// Where long work (shredding, compacting the file) reports its progress; held for the session's life.
    public var progress: (any ProgressListener)?

    /// A session for the administrator's identity (77 for anyone else).
    public init(vault: Vault, identity: consuming Identity) throws {
        guard identity.publicIdentity == vault.admin else {
            throw AbriError.notPermitted("only this vault's administrator may do this (use the administrator's identity with --as)")
        }
        self.vault = vault
        self.identity = identity
        vault.store.sign(with: HubSigner(line: self.identity.publicIdentity.line) { [unowned self] in try self.identity.sign($0) })
    }

    /// Runs one administrator command; its log entries end with a checkpoint signed by the administrator.
    func run<T>(_ body: (AdminContext) throws -> T) throws -> T {
        let (result, head) = try vault.store.write { db -> (T, HistoryGuard.Seen?) in
            let context = AdminContext(session: self, db: db, roster: try vault.roster(db))
            let result = try body(context)
            if let followed = vault.followedRestoreEntry(actor: "admin",
                                                         actorKey: Data(identity.publicIdentity.signingPublicKey).base64EncodedString()) {
                context.drafts.append(followed)
            }
            var head: HistoryGuard.Seen?
            if !context.drafts.isEmpty {
                head = try vault.seen(after: try AccessLog.append(context.drafts, vault: vault, actor: identity, headSigner: .administrator, db), db)
            }
            return (result, head)
        }
        if let head { try vault.history.accept(head, admin: vault.admin.line) }
        return result
    }

    /// Enrols a partner.
    public func addPartner(id: String, name: String, kind: PartnerKind, neverLocating: Bool) throws {
        let validID = try AdminSession.validatedPartnerID(id)
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmedName.isEmpty else { throw AbriError.usage("the partner name is empty (give --name)") }
        try run { context in
            var roster = context.roster
            guard !roster.partners.contains(where: { $0.id == validID }) else {
                throw AbriError.usage("partner \(validID) already exists (see `abri partner list`)")
            }
            roster.partners.append(Partner(id: validID, name: trimmedName, kind: kind, neverLocating: neverLocating))
            try context.save(roster)
            var entry = context.details("enrol")
            entry.partner = validID
            context.drafts.append(.operatorOnly(entry))
        }
    }

    /// Pins another vault's administrator under a name: bundles are imported only from pinned vaults, and
    /// exported only to them (`--to-vault NAME`). The pin is part of the signed roster, logged as `vault-trust`.
    public func trustVault(admin line: PublicIdentity, name: String) throws {
        let vaultName = name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !vaultName.isEmpty, vaultName.utf8.count <= 200 else {
            throw AbriError.usage("the vault name is empty or too long (give --name)")
        }
        try run { context in
            var roster = context.roster
            guard line != vault.admin else {
                throw AbriError.usage("that is this vault's own administrator (pin the other vault's administrator)")
            }
            if let pinned = roster.trustedVault(admin: line.line) {
                throw AbriError.usage("that administrator is already pinned as \(pinned.name) (see `abri vault trusted`)")
            }
            guard !roster.trustedVaults.contains(where: { $0.name == vaultName }) else {
                throw AbriError.usage("a vault named \(vaultName) is already pinned (choose another --name)")
            }
            roster.trustedVaults.append(TrustedVault(admin: line.line, name: vaultName))
            try context.save(roster)
            var entry = context.details("vault-trust")
            entry.partner = vaultName
            context.drafts.append(.operatorOnly(entry))
        }
    }

    /// Checks a partner id: lower-case letters, digits, dashes (64 otherwise).
    public static func validatedPartnerID(_ id: String) throws -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")
        guard !id.isEmpty, id.count <= 64, id.allSatisfy({ allowed.contains($0) }) else {
            throw AbriError.usage("that partner id is not allowed (use lower-case letters, digits and dashes, such as cidff-62)")
        }
        return id
    }

    /// Enrols a member. The first member of a partner gets its first generation of keys and the log key at once;
    /// anyone later waits, holding no key, until a colleague runs `abri member approve` (Docs/FORMAT.md §3.2.1).
    /// - Parameter alsoMemberOfAnotherPartner: allows an identity that is already a member of another partner
    ///   (never one partner that receives locating parts and one that does not).
    public func addMember(partner partnerID: String, identity line: PublicIdentity, name: String,
                          alsoMemberOfAnotherPartner: Bool = false) throws {
        let memberName = name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !memberName.isEmpty, !memberName.contains("/"), memberName.utf8.count <= 200 else {
            throw AbriError.usage("that member name is empty or has a slash (give --name without a slash)")
        }
        try run { context in
            var roster = context.roster
            let target = try roster.partner(partnerID)
            guard line != vault.admin else {
                throw AbriError.usage("the administrator's identity cannot be a member (enrol the person's own identity)")
            }
            let members = roster.currentMembers(of: partnerID)
            guard !members.contains(where: { $0.name.precomposedStringWithCanonicalMapping == memberName }) else {
                throw AbriError.usage("partner \(partnerID) already has a member named \(memberName) (choose another name)")
            }
            guard !members.contains(where: { $0.identity == line.line }) else {
                throw AbriError.usage("that identity is already a member of \(partnerID)")
            }
            let elsewhere = roster.memberships(of: line.line).filter { $0.partner != partnerID }
            if let other = elsewhere.first {
                if try elsewhere.contains(where: { try roster.partner($0.partner).neverLocating != target.neverLocating }) {
                    throw AbriError.notPermitted("that identity is already a member of \(other.partner), and nobody belongs both to a partner that never receives locating parts and to one that does (enrol the person in one of them only)")
                }
                guard alsoMemberOfAnotherPartner else {
                    throw AbriError.notPermitted("that identity is already a member of \(other.partner) (if the person really works for both, pass --also-member-of-another-partner)")
                }
            }
            let founding = !roster.members.contains { $0.partner == partnerID }
            roster.members.append(Member(partner: partnerID, name: memberName, identity: line.line, removed: false,
                                         enrolled: roster.version + 1))
            let rosterHash: [UInt8]
            if founding {
                rosterHash = try context.rekey(partner: partnerID, roster: &roster)
            } else {
                // No key moves until a colleague approves: the newcomer is only listed.
                rosterHash = try context.save(roster)
            }
            var entry = context.details("member-add")
            entry.partner = partnerID
            entry.member = "\(partnerID)/\(memberName)"
            entry.roster = Data(rosterHash).base64EncodedString()
            context.drafts.append(.operatorOnly(entry))
        }
    }

    /// Removes a member: refused from every command at once; the partner's keys and the log key are renewed.
    public func removeMember(partner partnerID: String, name: String) throws {
        try run { context in
            var roster = context.roster
            let index = try vault.memberRemoval(partner: partnerID, name: name, roster: roster, context.db)
            roster.members[index].removed = true
            roster.members[index].removedIn = roster.version + 1
            let rosterHash = try context.rekey(partner: partnerID, roster: &roster)
            var entry = context.details("member-remove")
            entry.partner = partnerID
            entry.member = roster.members[index].handle
            entry.roster = Data(rosterHash).base64EncodedString()
            context.drafts.append(.operatorOnly(entry))
        }
    }

    /// Makes a new generation of a partner's keys; its members re-seal the grants at their next command.
    public func rotate(partner partnerID: String) throws -> Int {
        try run { context in
            _ = try context.roster.partner(partnerID)
            let members = try Approvals.approvedMembers(of: partnerID, roster: context.roster, vault: vault, context.db)
            guard !members.isEmpty else { throw AbriError.usage("partner \(partnerID) has no member to hold new keys (enrol a member first)") }
            let keys = try Custody.makeGeneration(partner: partnerID, members: members, vault: vault, signer: identity,
                                                  madeBy: "admin", context.db)
            var entry = context.details("rotate")
            entry.partner = partnerID
            entry.generation = keys.number
            context.drafts.append(.operatorOnly(entry))
            return keys.number
        }
    }

    /// Destroys every data key of a case, its records and attachments; the log keeps that it happened.
    public func shred(_ caseID: CaseID) throws {
        try shred([caseID])
    }

    /// Shreds several cases in one transaction, then compacts the file once.
    public func shred(_ caseIDs: [CaseID]) throws {
        guard !caseIDs.isEmpty else { return }
        // A shred whose truncation of the WAL failed (70) is finished by running it again: the rows went, the
        // compaction is what remains.
        let finishing = try vault.store.read { db in
            try caseIDs.allSatisfy { id in
                try db.isShredded(caseID: id.bytes) && !db.caseExists(caseID: id.bytes)
            }
        }
        if finishing { return try compact() }
        // A copy that fetches attachments on demand holds no `chunks` row of the case: its push could not delete the
        // attachments' rows on the hub, and they would outlive the shred there.
        guard !vault.store.fetchesAttachmentsOnDemand else {
            throw AbriError.usage("this copy fetches attachments from the hub on demand and cannot delete them there: shred the case from a machine that keeps every attachment (nothing was changed)")
        }
        let files = vault.store.attachmentFiles
        let unlinked: [[UInt8]] = try run { context in
            var blobs: [[UInt8]] = []
            // The grant rows of the case are left to their holders (the administrator cannot tell them from others):
            // without the case key their halves open nothing, and each holder drops them at its next listing.
            for (index, caseID) in caseIDs.enumerated() {
                guard try context.db.caseExists(caseID: caseID.bytes) else {
                    throw AbriError.notPermitted(CaseID.unknownMessage)
                }
                if caseIDs.count > 1 { progress?.report(label: "shredding cases", done: index, total: caseIDs.count) }
                let id = caseID.bytes
                try context.db.deleteChunks(caseID: id)
                blobs += try AttachmentFiles.forget(caseID: caseID, context.db)
                try context.db.deleteRecords(caseID: id)
                try context.db.deleteCase(id: id)
                try context.db.insertShredded(caseID: id)
                var entry = context.details("shred")
                entry.case = caseID.description
                context.drafts.append(.operatorOnly(entry))
            }
            if caseIDs.count > 1 { progress?.finish(label: "shredding cases") }
            return blobs
        }
        // The files go once their rows are gone for good; their keys went with the case key.
        files.remove(unlinked)
        // Secure delete overwrote the pages; truncating the WAL and vacuuming leaves no copy in the file.
        try compact()
    }

    /// Truncates the WAL and vacuums, saying so on a terminal: on a large vault it takes a while, with no count to show.
    private func compact() throws {
        progress?.report(label: "compacting the vault", done: 0, total: 1)
        defer { progress?.finish(label: "compacting the vault") }
        try vault.store.compact()
        progress?.report(label: "compacting the vault", done: 1, total: 1)
    }
}

/// One administrator command, inside its transaction.
extension Vault {
    /// The refusals of `member remove` that need no secret, for the CLI to make before it asks for a passphrase or a
    /// confirmation: an unknown partner or member (64), the last approved member of a partner that holds keys, a
    /// member whose removal would lose keys (77).
    public func checkMemberRemoval(partner partnerID: String, name: String) throws {
        try store.read { db in _ = try memberRemoval(partner: partnerID, name: name, roster: try roster(db), db) }
    }

    /// The checks of a removal; the index of the member in the roster.
    func memberRemoval(partner partnerID: String, name: String, roster: Roster, _ db: any VaultTransaction) throws -> Int {
        let memberName = name.precomposedStringWithCanonicalMapping
        _ = try roster.partner(partnerID)
        guard let index = roster.members.firstIndex(where: {
            $0.partner == partnerID && !$0.removed && $0.name.precomposedStringWithCanonicalMapping == memberName
        }) else {
            throw AbriError.usage("partner \(partnerID) has no member named \(name) (see `abri partner list`)")
        }
        // The administrator cannot tell whether a partner holds cases (need to know): a partner with keys keeps an
        // approved member.
        let approved = try Approvals.approvedMembers(of: partnerID, roster: roster, vault: self, db)
        let leavesNoApproved = approved.allSatisfy { $0.name.precomposedStringWithCanonicalMapping == memberName }
        if leavesNoApproved, try AdminContext.partnerHasKeys(partnerID, db) {
            throw AbriError.notPermitted("\(name) is the last member of \(partnerID), whose cases would be lost (enrol another member first)")
        }
        let remaining = roster.currentMembers(of: partnerID).filter { $0.name.precomposedStringWithCanonicalMapping != memberName }
        if try AdminContext.wouldStrandGenerations(partner: partnerID, keeping: remaining, db) {
            throw AbriError.notPermitted("\(name) still holds keys that no other member of \(partnerID) holds, because a re-seal is pending: removing them now would lose the partner's cases (ask \(name), or any member who held the partner's keys before the last change, to run one command such as `abri cases` first; it re-seals them)")
        }
        return index
    }
}

final class AdminContext {
    unowned let session: AdminSession
    let db: any VaultTransaction
    let roster: Roster
    var drafts: [LogDraft] = []

    init(session: AdminSession, db: any VaultTransaction, roster: Roster) {
        self.session = session
        self.db = db
        self.roster = roster
    }

    func details(_ action: String) -> LogDetails {
        LogDetails(action: action, actor: "admin",
                   actorKey: Data(session.identity.publicIdentity.signingPublicKey).base64EncodedString(), at: Clock.now())
    }

    /// Stores the next roster version; returns the hash of its body, which the checkpoint closing the command names.
    @discardableResult
    func save(_ roster: Roster) throws -> [UInt8] {
        var next = roster
        next.version = self.roster.version + 1
        return try session.vault.saveRoster(next, signedBy: session.identity, db)
    }

    /// After a change of membership: a new log key for everyone, a new generation for the partner.
    func rekey(partner: String, roster: inout Roster) throws -> [UInt8] {
        roster.logKey = try Custody.makeLogKey(roster: roster, vault: session.vault, db)
        let hash = try save(roster)
        let members = try Approvals.approvedMembers(of: partner, roster: roster, vault: session.vault, db)
        if !members.isEmpty {
            try Custody.makeGeneration(partner: partner, members: members, vault: session.vault, signer: session.identity,
                                       madeBy: "admin", db)
        }
        return hash
    }

    func allEntries() throws -> [OpenedEntry] {
        try LogReader.allEntries(administrator: session.identity, vault: session.vault, db)
    }

    /// Whether some generation of the partner that still has seals is sealed to none of `remaining`.
    func wouldStrandGenerations(partner: String, keeping remaining: [Member]) throws -> Bool {
        try Self.wouldStrandGenerations(partner: partner, keeping: remaining, db)
    }

    static func wouldStrandGenerations(partner: String, keeping remaining: [Member], _ db: any VaultTransaction) throws -> Bool {
        let keys = Set(try remaining.map { Data(try PublicIdentity(parsing: $0.identity).boxPublicKey) })
        var holders: [Int: Set<Data>] = [:]
        for row in try db.generationSealHolders(partner: partner) {
            holders[row.number, default: []].insert(Data(row.memberKey))
        }
        return holders.values.contains { $0.isDisjoint(with: keys) }
    }

    /// Whether any generation of the partner's keys is still sealed to someone.
    func partnerHasKeys(_ partner: String) throws -> Bool {
        try Self.partnerHasKeys(partner, db)
    }

    static func partnerHasKeys(_ partner: String, _ db: any VaultTransaction) throws -> Bool {
        try db.hasGenerationSeals(partner: partner)
    }
}
