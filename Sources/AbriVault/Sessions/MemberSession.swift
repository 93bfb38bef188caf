import AbriCrypto
import AbriStore
import Foundation
public import AbriPublic

/// A member acting on a vault: every command runs through `run`, which checks who they are,
/// finishes any pending re-seal, files incoming grants, destroys lapsed ones, then logs and commits.
public final class MemberSession {
    let vault: Vault
    let identity: Identity
    let requestedPartner: String?
    /// Where long work reports its progress; held for the session's life, as the CLI hands over a fresh listener.
    public var progress: (any ProgressListener)?

    /// A session for `identity`; `partner` chooses among several memberships.
    public init(vault: Vault, identity: consuming Identity, partner: String? = nil) {
        self.vault = vault
        self.identity = identity
        requestedPartner = partner
        vault.store.sign(with: HubSigner(line: self.identity.publicIdentity.line) { [unowned self] in try self.identity.sign($0) })
    }

    /// The acting member's handle, once resolved.
    public private(set) var handle: String?

    /// The newcomers of the acting member's partner who wait for a colleague's `abri member approve`, as the last
    /// command found them (empty when none): the CLI says so in one line.
    public internal(set) var awaitingApproval: [String] = []

    /// Attachment files this command wrote: if it fails, nothing names them and they go with it.
    var writtenFiles: [[UInt8]] = []

    /// Renews this member's partner's keys: a fresh generation, every grant re-sealed, the older ones destroyed.
    public func rotate() throws -> (grants: Int, generation: Int) {
        try run { context in
            // A re-seal that this command already finished first is the rotation asked for.
            if let done = context.resealed { return done }
            return try context.reseal()
        }
    }

    /// Runs one command in one transaction and accepts the resulting log head.
    func run<T>(_ body: (MemberContext) throws -> T) throws -> T {
        writtenFiles = []
        defer { writtenFiles = [] }
        let written: (T, HistoryGuard.Seen?)
        do {
            written = try vault.store.write { db -> (T, HistoryGuard.Seen?) in
                let context = try MemberContext(session: self, db: db)
                handle = context.member.handle
                awaitingApproval = context.pending.map(\.name)
                try context.prepare()
                if let followed = vault.followedRestoreEntry(actor: context.member.handle,
                                                             actorKey: Data(identity.publicIdentity.signingPublicKey).base64EncodedString()) {
                    context.drafts.append(followed)
                }
                let result = try body(context)
                var head: HistoryGuard.Seen?
                if !context.drafts.isEmpty {
                    let signer = try Custody.unlockLogKey(roster: context.roster, identity: identity, db)
                    head = try vault.seen(after: try AccessLog.append(context.drafts, vault: vault, actor: identity, headSigner: signer, db), db)
                }
                return (result, head)
            }
        } catch {
            // Rolled back: no row names the attachment files this command wrote. Checked, not assumed (a failed
            // commit is rolled back, but a file is removed only once the store says no row names it); anything
            // left is the next sweep's.
            let files = writtenFiles
            if !files.isEmpty, let named = try? vault.store.read({ db in
                try db.attachmentFileBlobs()
            }) {
                let kept = Set(named)
                vault.store.attachmentFiles.remove(files.filter { !kept.contains($0) })
            }
            throw error
        }
        let (result, head) = written
        if let head { try vault.history.accept(head, admin: vault.admin.line) }
        return result
    }
}

/// Everything one command of a member needs, inside its transaction.
final class MemberContext {
    unowned let session: MemberSession
    let db: any VaultTransaction
    let roster: Roster
    let member: Member
    let partner: Partner
    /// The partner's current members who may hold its keys, and those who wait for approval.
    let approved: [Member]
    let pending: [Member]
    private(set) var generations: [GenerationKeys]
    var drafts: [LogDraft] = []
    let today = Day.today()
    /// The re-seal this command made, if any.
    private(set) var resealed: (grants: Int, generation: Int)?

    var vault: Vault { session.vault }

    init(session: MemberSession, db: any VaultTransaction) throws {
        self.session = session
        self.db = db
        roster = try session.vault.roster(db)
        let line = session.identity.publicIdentity.line
        let memberships = roster.memberships(of: line)
        if memberships.isEmpty {
            if roster.wasRemoved(line) {
                throw AbriError.notPermitted("you were removed from this vault's partners (ask your administrator)")
            }
            if line == session.vault.admin.line {
                throw AbriError.notPermitted("the administrator holds no key that opens a case (act as a member of a partner)")
            }
            throw AbriError.notPermitted("this identity is not a member of any partner of this vault (ask your administrator to enrol you)")
        }
        let chosen: Member
        if let requested = session.requestedPartner {
            guard let match = memberships.first(where: { $0.partner == requested }) else {
                throw AbriError.notPermitted("you are not a member of partner \"\(requested)\" (see `abri partner list`)")
            }
            chosen = match
        } else if memberships.count == 1 {
            chosen = memberships[0]
        } else {
            let ids = memberships.map(\.partner).joined(separator: ", ")
            throw AbriError.usage("you are a member of several partners: \(ids) (say which with --partner)")
        }
        member = chosen
        partner = try roster.partner(chosen.partner)
        approved = try Approvals.approvedMembers(of: chosen.partner, roster: roster, vault: session.vault, db)
        pending = try Approvals.pendingMembers(of: chosen.partner, roster: roster, vault: session.vault, db)
        guard approved.contains(where: { $0.identity == chosen.identity }) else {
            throw AbriError.notPermitted("your colleagues at \(chosen.partner) have not approved you yet (ask one of them to run `abri member approve \(chosen.partner) \(chosen.name)`)")
        }
        generations = try Custody.unlockGenerations(partner: chosen.partner, identity: session.identity, roster: roster,
                                                     vault: session.vault, db)
        guard !generations.isEmpty else {
            throw AbriError.notPermitted("no key of partner \(chosen.partner) is sealed to you yet (ask your administrator)")
        }
    }

    /// The work every command does first.
    func prepare() throws {
        if generations.count > 1 {
            // A roster change left a re-seal pending: any member who holds the older keys finishes it.
            resealed = try reseal()
        }
        try claimInbox()
        try sweepExpiredConsents()
    }

    private var generationKeys: [String: (number: Int, publicKey: [UInt8])?] = [:]

    /// A partner's current generation key, checked once per command.
    func generationKey(of partnerID: String) throws -> (number: Int, publicKey: [UInt8])? {
        if let cached = generationKeys[partnerID] { return cached }
        let key = try Custody.currentGenerationKey(partner: partnerID, roster: roster, vault: vault, db)
        generationKeys[partnerID] = key
        return key
    }

    /// The newest generation: where this partner's rows are filed.
    var current: GenerationKeys { generations[0] }

    /// Log details with the actor filled in.
    func details(_ action: String) -> LogDetails {
        LogDetails(action: action, actor: member.handle,
                   actorKey: Data(session.identity.publicIdentity.signingPublicKey).base64EncodedString(), at: Clock.now())
    }

    /// This partner's grant on a case, or nil; a received part whose consent has ended is dropped first.
    func grant(on caseID: CaseID) throws -> (GrantBody, locator: [UInt8])? {
        guard let (body, locator) = try GrantStore.find(caseID, generations: generations, db) else { return nil }
        guard let until = body.consent.until, until < today else { return (body, locator) }
        try lapse(body, locator: locator)
        return try GrantStore.find(caseID, generations: generations, db)
    }

    /// Makes a fresh generation, re-seals every row of this partner to it, destroys the older ones.
    func reseal() throws -> (grants: Int, generation: Int) {
        try claimInbox()
        let old = generations
        // Only approved members: whoever waits for approval receives nothing (Docs/FORMAT.md §3.2.1).
        let members = try Approvals.approvedMembers(of: partner.id, roster: roster, vault: vault, db)
        let fresh = try Custody.makeGeneration(partner: partner.id, members: members,
                                               vault: vault, signer: session.identity, madeBy: member.name, db)
        let rows = try GrantStore.ownRows(generations: old, db)
        let total = rows.count
        let label = "re-sealing \(partner.id)'s grants"
        let freshLabel = try fresh.holderLabel()
        // One open and one seal per grant, spread over every core; while the cores seal the next batch,
        // this thread writes the previous one.
        let resealBatch = { (range: Range<Int>) throws -> [ResealedGrantRow] in
            try Parallel.map(count: range.count) { offset in
                let row = rows[range.lowerBound + offset]
                guard let plaintext = row.keys.openGrant(Array(row.box), locator: Array(row.locator), expires: row.expires) else {
                    throw GrantBody.malformed
                }
                let header = try GrantBody.header(plaintext)
                let locator = try fresh.locator(header.caseID)
                return ResealedGrantRow(oldLocator: Array(row.locator), locator: locator, holder: freshLabel,
                                        blind: try fresh.blindIndex(header.household),
                                        box: try fresh.sealGrant(plaintext, locator: locator, expires: row.expires))
            }
        }
        // Every row of the partner is rewritten under a new random key: keep the grants' pages in memory meanwhile.
        try db.raisePageCache()
        defer { try? db.restorePageCache() }
        var done = 0
        try Pipeline.run(count: total, batchSize: 4096, prepare: resealBatch) { batch in
            try db.resealGrants(batch)
            done += batch.count
            session.progress?.report(label: label, done: done, total: total)
        }
        if total > 0 { session.progress?.finish(label: label) }
        // Only what this member held, and so re-sealed, is destroyed: a generation sealed to others alone stays
        // until one of them re-seals it at their next command.
        try Custody.destroyGenerations(partner: partner.id, old.map(\.number), db)
        generations = [fresh]
        var entry = details("rotate")
        entry.partner = partner.id
        entry.generation = fresh.number
        entry.count = total
        drafts.append(.operatorOnly(entry))
        resealed = (total, fresh.number)
        return (total, fresh.number)
    }
}

/// Work in batches, each prepared on every core while this thread consumes the one before (it writes them
/// in order in the command's transaction): the cores seal while SQLite writes.
enum Pipeline {
    static func run<T>(count: Int, batchSize: Int, prepare: @escaping (Range<Int>) throws -> [T],
                       consume: ([T]) throws -> Void) throws {
        let batches = stride(from: 0, to: count, by: batchSize).map { $0 ..< min($0 + batchSize, count) }
        guard let first = batches.first else { return }
        var current = try prepare(first)
        for index in batches.indices {
            let next = Ahead<[T]>()
            let hasNext = index + 1 < batches.count
            if hasNext {
                let range = batches[index + 1]
                next.start { try prepare(range) }
            }
            do {
                try consume(current)
            } catch {
                // The next batch still reads this command's keys: let it end first.
                if hasNext { _ = try? next.wait() }
                throw error
            }
            current = hasNext ? try next.wait() : []
        }
    }
}

/// Work started on a background thread now, and waited for later.
public final class Ahead<T>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Result<T, any Error>?

    /// Nothing started yet.
    public init() {}

    /// Starts `work` on another thread.
    public func start(_ work: @escaping () throws -> T) {
        group.enter()
        nonisolated(unsafe) let work = work
        DispatchQueue.global().async {
            self.result = Result { try work() }
            self.group.leave()
        }
    }

    /// Waits for the work; its result, or its error.
    public func wait() throws -> T {
        group.wait()
        return try result!.get()
    }
}
