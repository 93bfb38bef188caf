import AbriCrypto
import Foundation
import GRDB

/// The administrator acting on a vault: signs the roster and checkpoints, holds no key that opens a case.
public final class AdminSession {
    let vault: Vault
    let identity: Identity

    /// A session for the administrator's identity (77 for anyone else).
    public init(vault: Vault, identity: consuming Identity) throws {
        guard identity.publicIdentity == vault.admin else {
            throw AbriError.notPermitted("only this vault's administrator may do this (use the administrator's identity with --as)")
        }
        self.vault = vault
        self.identity = identity
    }

    /// Runs one administrator command; its log entries end with a checkpoint signed by the administrator.
    func run<T>(_ body: (AdminContext) throws -> T) throws -> T {
        let (result, head) = try vault.store.write { db -> (T, HistoryGuard.Seen?) in
            let context = AdminContext(session: self, db: db, roster: try vault.roster(db))
            let result = try body(context)
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
            context.drafts.append(LogDraft(details: entry, caseKeys: nil))
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

    /// Enrols a member; makes a new generation of the partner's keys and a new log key, sealed to current members.
    public func addMember(partner partnerID: String, identity line: PublicIdentity, name: String) throws {
        let memberName = name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !memberName.isEmpty, !memberName.contains("/"), memberName.utf8.count <= 200 else {
            throw AbriError.usage("that member name is empty or has a slash (give --name without a slash)")
        }
        try run { context in
            var roster = context.roster
            _ = try roster.partner(partnerID)
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
            roster.members.append(Member(partner: partnerID, name: memberName, identity: line.line, removed: false))
            let rosterHash = try context.rekey(partner: partnerID, roster: &roster)
            var entry = context.details("member-add")
            entry.partner = partnerID
            entry.member = "\(partnerID)/\(memberName)"
            entry.roster = Data(rosterHash).base64EncodedString()
            context.drafts.append(LogDraft(details: entry, caseKeys: nil))
        }
    }

    /// Removes a member: refused from every command at once; the partner's keys and the log key are renewed.
    public func removeMember(partner partnerID: String, name: String) throws {
        let memberName = name.precomposedStringWithCanonicalMapping
        try run { context in
            var roster = context.roster
            _ = try roster.partner(partnerID)
            guard let index = roster.members.firstIndex(where: {
                $0.partner == partnerID && !$0.removed && $0.name.precomposedStringWithCanonicalMapping == memberName
            }) else {
                throw AbriError.usage("partner \(partnerID) has no member named \(name) (see `abri partner list`)")
            }
            if roster.currentMembers(of: partnerID).count == 1, try context.partnerHoldsGrants(partnerID) {
                throw AbriError.notPermitted("\(name) is the last member of \(partnerID), which still holds cases: they would be lost (enrol another member first)")
            }
            let remaining = roster.currentMembers(of: partnerID).filter { $0.name.precomposedStringWithCanonicalMapping != memberName }
            if try context.wouldStrandGenerations(partner: partnerID, keeping: remaining), try context.partnerHoldsGrants(partnerID) {
                throw AbriError.notPermitted("\(name) still holds keys that no other member of \(partnerID) holds, because a re-seal is pending: removing them now would lose the partner's cases (ask \(name), or any member who held the partner's keys before the last change, to run one command such as `abri cases` first; it re-seals them)")
            }
            roster.members[index].removed = true
            let rosterHash = try context.rekey(partner: partnerID, roster: &roster)
            var entry = context.details("member-remove")
            entry.partner = partnerID
            entry.member = roster.members[index].handle
            entry.roster = Data(rosterHash).base64EncodedString()
            context.drafts.append(LogDraft(details: entry, caseKeys: nil))
        }
    }

    /// Makes a new generation of a partner's keys; its members re-seal the grants at their next command.
    public func rotate(partner partnerID: String) throws -> Int {
        try run { context in
            _ = try context.roster.partner(partnerID)
            let members = context.roster.currentMembers(of: partnerID)
            guard !members.isEmpty else { throw AbriError.usage("partner \(partnerID) has no member to hold new keys (enrol a member first)") }
            let keys = try Custody.makeGeneration(partner: partnerID, members: members, vault: vault, signer: identity,
                                                  madeBy: "admin", context.db)
            var entry = context.details("rotate")
            entry.partner = partnerID
            entry.generation = keys.number
            context.drafts.append(LogDraft(details: entry, caseKeys: nil))
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
                try Bool.fetchOne(db, sql: "SELECT 1 FROM shredded WHERE case_id = ?", arguments: [Data(id.bytes)]) != nil
                    && Bool.fetchOne(db, sql: "SELECT 1 FROM cases WHERE id = ?", arguments: [Data(id.bytes)]) == nil
            }
        }
        if finishing { return try vault.store.compact() }
        let files = vault.store.attachmentFiles
        let unlinked: [[UInt8]] = try run { context in
            var blobs: [[UInt8]] = []
            let entries = try context.allEntries()
            for caseID in caseIDs {
                guard try Bool.fetchOne(context.db, sql: "SELECT 1 FROM cases WHERE id = ?", arguments: [Data(caseID.bytes)]) != nil else {
                    throw AbriError.notPermitted(CaseID.unknownMessage)
                }
                let history = LogReader.CaseHistory(entries, caseID: caseID.description)
                _ = try GrantStore.revoke(history.allRevokers, context.db)
                let id = Data(caseID.bytes)
                try context.db.execute(sql: "DELETE FROM chunks WHERE case_id = ?", arguments: [id])
                blobs += try AttachmentFiles.forget(caseID: caseID, context.db)
                try context.db.execute(sql: "DELETE FROM records WHERE case_id = ?", arguments: [id])
                try context.db.execute(sql: "DELETE FROM cases WHERE id = ?", arguments: [id])
                try context.db.execute(sql: "INSERT OR IGNORE INTO shredded (case_id) VALUES (?)", arguments: [id])
                var entry = context.details("shred")
                entry.case = caseID.description
                context.drafts.append(LogDraft(details: entry, caseKeys: nil))
            }
            return blobs
        }
        // The files go once their rows are gone for good; their keys went with the case key.
        files.remove(unlinked)
        // Secure delete overwrote the pages; truncating the WAL and vacuuming leaves no copy in the file.
        try vault.store.compact()
    }

    /// Destroys a partner's grants on a case (the administrator may always withdraw a consent).
    public func withdrawConsent(_ caseID: CaseID, from partnerID: String) throws -> Int {
        try run { context in
            _ = try context.roster.partner(partnerID)
            let history = LogReader.CaseHistory(try context.allEntries(), caseID: caseID.description)
            guard history.depositor != nil else { throw AbriError.notPermitted(CaseID.unknownMessage) }
            guard !history.authors.contains(partnerID) else {
                throw AbriError.notPermitted("partner \(partnerID) wrote records of this case and is their last sure holder (withdrawal refused)")
            }
            let revokers = history.revokers[partnerID, default: []].compactMap { Data(base64Encoded: $0).map(Array.init) }
            let count = try GrantStore.revoke(revokers, context.db)
            var entry = context.details("consent-withdraw")
            entry.case = caseID.description
            entry.partner = partnerID
            entry.count = count
            context.drafts.append(LogDraft(details: entry, caseKeys: nil))
            return count
        }
    }
}

/// One administrator command, inside its transaction.
final class AdminContext {
    unowned let session: AdminSession
    let db: Database
    let roster: Roster
    var drafts: [LogDraft] = []

    init(session: AdminSession, db: Database, roster: Roster) {
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
        roster.logKey = try Custody.makeLogKey(roster: roster, db)
        let hash = try save(roster)
        let members = roster.currentMembers(of: partner)
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
        let keys = Set(try remaining.map { Data(try PublicIdentity(parsing: $0.identity).boxPublicKey) })
        var holders: [Int: Set<Data>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT number, member_key FROM generation_seals WHERE partner = ?", arguments: [partner]) {
            holders[row["number"], default: []].insert(row["member_key"])
        }
        return holders.values.contains { $0.isDisjoint(with: keys) }
    }

    /// Whether any grant the log says was made to `partner` still exists.
    func partnerHoldsGrants(_ partner: String) throws -> Bool {
        for entry in try allEntries() {
            for grant in entry.details.grants ?? [] where grant.partner == partner {
                if let revoker = Data(base64Encoded: grant.revoker),
                   try Bool.fetchOne(db, sql: "SELECT 1 FROM grants WHERE revoker = ?", arguments: [revoker]) != nil {
                    return true
                }
            }
        }
        return false
    }
}
