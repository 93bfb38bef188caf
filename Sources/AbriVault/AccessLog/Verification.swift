import AbriCrypto
import Foundation
import AbriStore
public import AbriPublic

/// What `abri verify` found.
public struct VerificationReport: Sendable, Codable, Equatable {
    /// True when every check passed.
    public var ok: Bool
    /// Entries in the log.
    public var entries: Int
    /// Heads signed by the administrator.
    public var checkpoints: Int
    /// Heads signed with the log key.
    public var heads: Int
    /// Actor signatures checked (with an identity).
    public var signatures: Int
    /// One line per problem, saying where.
    public var problems: [String]
}

/// Who verifies: anyone (no identity), the administrator (every entry), or a member (their partner's cases).
public enum Verifier {
    /// Checks the tree, the heads and the roster.
    case anyone
    /// Also opens every entry and checks each actor's signature.
    case administrator(AdminSession)
    /// Also opens the entries of the cases the member's partner holds.
    case member(MemberSession)
}

extension Vault {
    /// Recomputes the log's tree from its entries and checks every head, checkpoint, roster version and generation,
    /// and that the log extends the last head this machine accepted.
    ///
    /// With `sinceLastAccepted`, the tree is extended from the edge this machine kept when it last accepted a head:
    /// only the entries after it are read. That proves the log grew from what was accepted without rewriting it;
    /// only the full check reads every stored entry again.
    ///
    /// With `checkpoint`, the log must also extend that checkpoint, exported by the administrator and kept outside the
    /// store: same vault, the administrator's signature, the same root at its size.
    public func verify(as verifier: Verifier = .anyone, sinceLastAccepted: Bool = false, checkpoint: ExportedCheckpoint? = nil,
                       progress: (any ProgressListener)? = nil) throws -> VerificationReport {
        var report = VerificationReport(ok: true, entries: 0, checkpoints: 0, heads: 0, signatures: 0, problems: [])
        func problem(_ text: String) {
            report.ok = false
            if report.problems.count < 50 { report.problems.append(text) }
        }
        let accepted = try? history.load()
        try store.read { db in
            verifyRoster(db, problem)
            verifyGenerations(db, problem)
            verifyHeadChain(db, problem)
            do { _ = try boundRoster(db) } catch {
                problem("the roster is not the one the latest signed head names: roster versions were removed, added or altered")
            }
            do { try checkKeyCustody(db) } catch {
                problem("the partners' keys are not the ones the latest signed head names: key generations or seals were removed, added or altered")
            }
            let tomorrow = Day(number: Day.today().number + 1)
            var lastDay: Int32 = .min
            var frontier = LogFrontier()
            // A checkpoint below the edge kept here needs the tree from its first entry.
            if sinceLastAccepted, checkpoint.map({ $0.size >= (accepted?.size ?? 0) }) ?? true, let accepted, let encoded = accepted.frontier.flatMap({ Data(base64Encoded: $0) }),
               let kept = try? LogFrontier(encoded: Array(encoded)), kept.size == accepted.size,
               Data(kept.root).base64EncodedString() == accepted.root {
                frontier = kept
            }
            let start = frontier.size
            let headRows = try db.heads(after: start)
            var headsBySize: [Int: HeadRow] = [:]
            for row in headRows { headsBySize[row.size] = row }
            let total = (try db.logCount(after: start) ?? 0)
            var rootsAt: [Int: [UInt8]] = [start: frontier.root]
            let cursor = try db.entries(after: start)
            var expected = start + 1
            var tagsInEntries = TagDigest()
            while let row = try cursor.next() {
                let seq = row.seq
                if seq != expected {
                    problem("log entry \(expected) is missing or out of order (found entry \(seq) in its place)")
                    expected = seq
                }
                frontier.append(leafHash: LogFrontier.leafHash(AccessLog.leaf(of: row)))
                if let parts = try? LogEntry.Parts(row.entry, seq: seq) {
                    for slot in parts.slots { tagsInEntries.add(tag: slot.tag, seq: seq) }
                } else {
                    problem("log entry \(seq) is not a well-formed entry")
                }
                let day = row.day
                if day < lastDay {
                    problem("log entry \(seq) is dated before the entry it follows: public days went backwards")
                } else if day > tomorrow.number {
                    problem("log entry \(seq) is dated \(Day(number: day)), after tomorrow")
                }
                lastDay = max(lastDay, day)
                if headsBySize[frontier.size] != nil || accepted?.size == frontier.size || checkpoint?.size == frontier.size {
                    rootsAt[frontier.size] = frontier.root
                }
                expected += 1
                if (frontier.size - start) % 65536 == 0 {
                    progress?.report(label: "verifying the log", done: frontier.size - start, total: total)
                }
            }
            if total >= 65536 { progress?.finish(label: "verifying the log") }
            report.entries = frontier.size
            // Head signatures are independent: check them on every core.
            let logKeys = try AccessLog.logPublicKeys(vault: self, db)
            let heads = headRows.map(AccessLog.StoredHead.init)
            let signaturesValid = try Parallel.map(count: heads.count) { index in
                AccessLog.headSignatureIsValid(heads[index], vault: self, logKeys: logKeys)
            }
            var lastHeadDay: Day?
            for (index, row) in headRows.enumerated() {
                let size = row.size
                let signer = row.signer
                if let day = try? Day(parsing: row.day) {
                    if let lastHeadDay, day < lastHeadDay {
                        problem("the head at size \(size) is dated before the head it follows: public days went backwards")
                    } else if day > tomorrow {
                        problem("the head at size \(size) is dated \(day), after tomorrow")
                    }
                    lastHeadDay = max(lastHeadDay ?? day, day)
                } else {
                    problem("the head at size \(size) has no valid day")
                }
                if signer == "admin" { report.checkpoints += 1 } else { report.heads += 1 }
                guard let root = rootsAt[size] else {
                    problem("the head at size \(size) points past the end of the log: entries were cut off")
                    continue
                }
                if row.root != root {
                    problem("the log's first \(size) entries differ from what their signed head says: an entry was edited, removed, inserted or reordered")
                } else if !signaturesValid[index] {
                    problem("the head at size \(size) has a bad signature, or one by a log key not in force at the roster version it names")
                }
            }
            // Readers find their entries through `log_tags`: a row taken out of it hides an entry from its readers.
            var tagsInIndex = TagDigest()
            for row in try db.logTags(after: start) {
                tagsInIndex.add(tag: row.tag, seq: row.seq)
            }
            if tagsInIndex != tagsInEntries {
                problem("the log's tag index differs from the tags inside its entries: an entry was hidden from its readers (or one was added)")
            }
            if frontier.size > start, headsBySize[frontier.size] == nil {
                problem("the last entries (up to \(frontier.size)) are covered by no signed head: entries were added or cut outside abri")
            }
            if let stored = try? AccessLog.frontier(db), stored.head != frontier.head {
                problem("the vault's record of its log does not match the entries: the log was altered")
            }
            if let accepted {
                if frontier.size < accepted.size {
                    problem("the log holds \(frontier.size) entries but this machine already saw \(accepted.size): this is an older or altered copy")
                } else if let root = rootsAt[accepted.size], Data(root).base64EncodedString() != accepted.root {
                    problem("the log's first \(accepted.size) entries differ from what this machine saw: this is an altered copy")
                }
            }
            if let checkpoint {
                checkExtends(checkpoint, entries: frontier.size, root: rootsAt[checkpoint.size], db, problem)
            }
            lastVerifiedFrontier = report.ok ? frontier : nil
            let rosterInForce = try rostersInForce(db)
            switch verifier {
            case .anyone:
                break
            case .administrator(let session):
                let roster = try self.storedRoster(db).roster
                for entry in try session.openAllEntries(db) where entry.seq > start {
                    report.signatures += 1
                    if !entry.signatureValid || !actorMatches(entry.details, roster: roster) {
                        problem("log entry \(entry.seq) is not signed by the member it names")
                    }
                    if let removed = actedAfterRemoval(entry, rosterInForce) { problem(removed) }
                }
            case .member(let session):
                let roster = try self.storedRoster(db).roster
                for entry in try session.entriesOfHeldCases(db) where entry.seq > start {
                    report.signatures += 1
                    if !entry.signatureValid || !actorMatches(entry.details, roster: roster) {
                        problem("log entry \(entry.seq) is not signed by the member it names")
                    }
                    if let removed = actedAfterRemoval(entry, rosterInForce) { problem(removed) }
                }
            }
        }
        return report
    }

    func actorMatches(_ details: LogDetails, roster: Roster) -> Bool {
        guard let key = Data(base64Encoded: details.actorKey).map(Array.init) else { return false }
        if details.actor == "admin" { return key == admin.signingPublicKey }
        return roster.member(signingKey: key)?.handle == details.actor
    }

    private func verifyRoster(_ db: any VaultTransaction, _ problem: (String) -> Void) {
        guard let rows = try? db.rosterVersions() else {
            problem("the roster cannot be read")
            return
        }
        for (index, row) in rows.enumerated() {
            let version = row.version
            let body = row.body
            if version != index + 1 { problem("roster version \(index + 1) is missing") }
            if !Ed25519.isValidSignature(row.signature, for: Roster.signatureContext + body, publicKey: admin.signingPublicKey) {
                problem("roster version \(version) is not signed by the administrator")
            } else if let roster = try? Roster.decode(body: body), roster.vault != idHex || roster.version != version {
                problem("roster version \(version) belongs to another vault or version")
            } else if let roster = try? Roster.decode(body: body) {
                let expected = index == 0 ? nil : Data(Roster.hash(body: rows[index - 1].body)).base64EncodedString()
                if roster.previous != expected {
                    problem("roster version \(version) does not name the version before it: the roster's chain is broken")
                }
            }
        }
    }

    private func verifyGenerations(_ db: any VaultTransaction, _ problem: (String) -> Void) {
        guard let roster = try? storedRoster(db).roster, let rows = try? db.generations() else { return }
        for row in rows {
            let partner = row.partner
            let number = row.number
            let signerKey = row.signerKey
            let message = Custody.generationMessage(vault: id, partner: partner, number: number, publicKey: row.publicKey)
            let trusted = signerKey == admin.signingPublicKey
                || roster.members.contains { $0.partner == partner && (try? PublicIdentity(parsing: $0.identity))?.signingPublicKey == signerKey }
            if !trusted || !Ed25519.isValidSignature(row.signature, for: message, publicKey: signerKey) {
                problem("generation \(number) of partner \(partner) is not signed by its administrator or a member")
            }
        }
    }

    /// Every head names the size of the head stored before it: a head or checkpoint row deleted from the middle of
    /// the log breaks the chain, and a head's roster version never goes back.
    private func verifyHeadChain(_ db: any VaultTransaction, _ problem: (String) -> Void) {
        guard let rows = try? db.headLinks() else {
            problem("the heads cannot be read")
            return
        }
        var before = 0
        var rosterVersion = 0
        for row in rows {
            let size = row.size
            let previous = row.previous
            let version = row.rosterVersion
            if previous > before {
                problem("the head or checkpoint at size \(previous), which the head at size \(size) follows, is missing")
            } else if previous != before {
                problem("the head at size \(size) does not name the head stored before it (size \(before))")
            }
            if version < rosterVersion {
                problem("the head at size \(size) names roster version \(version), older than an earlier head's")
            }
            before = size
            rosterVersion = max(rosterVersion, version)
        }
    }

    /// Checks that the log extends an exported checkpoint.
    private func checkExtends(_ checkpoint: ExportedCheckpoint, entries: Int, root: [UInt8]?, _ db: any VaultTransaction,
                              _ problem: (String) -> Void) {
        let note = checkpoint.note
        guard note.vaultHex == idHex else {
            problem("the checkpoint belongs to another vault")
            return
        }
        guard Ed25519.isValidSignature(checkpoint.signature, for: note.text(), publicKey: admin.signingPublicKey) else {
            problem("the checkpoint is not signed by this vault's administrator")
            return
        }
        if entries < note.head.size {
            problem("the log holds \(entries) entries, fewer than the \(note.head.size) of the checkpoint: it was cut or rolled back")
        } else if root != note.head.root {
            problem("the log's first \(note.head.size) entries differ from the checkpoint: the log was rewritten")
        }
        let versions = (try? AccessLog.logPublicKeys(vault: self, db)) ?? [:]
        if versions[note.binding.rosterVersion]?.hash != note.binding.rosterHash {
            problem("roster version \(note.binding.rosterVersion) is not the one the checkpoint names: the roster was rolled back or altered")
        }
    }

    /// For each entry, the roster in force: the one named by the head that closes it.
    private func rostersInForce(_ db: any VaultTransaction) throws -> (Int) -> Roster? {
        var rosters: [Int: Roster] = [:]
        for row in try db.rosterVersions() {
            let body = row.body
            guard Ed25519.isValidSignature(row.signature, for: Roster.signatureContext + body,
                                           publicKey: admin.signingPublicKey),
                  let roster = try? Roster.decode(body: body) else { continue }
            rosters[row.version] = roster
        }
        let heads = try db.headLinks().map { (size: $0.size, version: $0.rosterVersion) }
        return { seq in
            var low = 0, high = heads.count
            while low < high {
                let middle = (low + high) / 2
                if heads[middle].size < seq { low = middle + 1 } else { high = middle }
            }
            return low < heads.count ? rosters[heads[low].version] : nil
        }
    }

    /// A member's action logged after the roster in force at that entry removed them.
    func actedAfterRemoval(_ entry: OpenedEntry, _ rosterInForce: (Int) -> Roster?) -> String? {
        guard entry.details.actor != "admin", let roster = rosterInForce(entry.seq),
              let key = Data(base64Encoded: entry.details.actorKey).map(Array.init),
              let member = roster.members.first(where: {
                  $0.handle == entry.details.actor && (try? PublicIdentity(parsing: $0.identity))?.signingPublicKey == key
              }), member.removed else { return nil }
        return "log entry \(entry.seq) was made by \(entry.details.actor) after their removal"
    }

    /// Accepts the head the last successful verification computed as this machine's reference.
    public func acceptCurrentHead() throws {
        guard let frontier = lastVerifiedFrontier else { return }
        try history.accept(try store.read { db in try seen(after: frontier, db) }, admin: admin.line)
    }
}

extension AdminSession {
    func openAllEntries(_ db: any VaultTransaction) throws -> [OpenedEntry] {
        try LogReader.allEntries(administrator: identity, vault: vault, db)
    }

    /// Accepts a restored backup: logs a `restore` entry and makes its head this machine's reference.
    public func acceptRestore() throws {
        try run { context in
            context.drafts.append(.operatorOnly(context.details("restore")))
        }
        // The restored log may be shorter than what this machine saw: that is the point of accepting it. The signed
        // statement tells every other machine to follow it at its next command.
        let (seen, digest) = try vault.store.write { db -> (HistoryGuard.Seen, String) in
            let seen = try vault.seen(after: try AccessLog.frontier(db), db)
            try RestoreStatement(size: seen.frontier.size, root: seen.frontier.root, day: Day.today().description)
                .store(vault: vault, administrator: identity, db)
            return (seen, try RestoreStatement.load(vault: vault, db)?.digest ?? "")
        }
        try vault.history.accept(seen, admin: vault.admin.line, allowShorter: true, followedRestore: digest)
    }
}

extension MemberSession {
    /// The entries of every case this member's partner holds, read without writing anything.
    func entriesOfHeldCases(_ db: any VaultTransaction) throws -> [OpenedEntry] {
        let roster = try vault.storedRoster(db).roster
        var entries: [OpenedEntry] = []
        for membership in roster.memberships(of: identity.publicIdentity.line)
        where requestedPartner == nil || membership.partner == requestedPartner {
            let generations = try Custody.unlockGenerations(partner: membership.partner, identity: identity, roster: roster,
                                                             vault: vault, db)
            for row in try GrantStore.ownRows(generations: generations, db) {
                entries += try LogReader.entries(of: try row.open(), vault: vault, db)
            }
        }
        return entries.sorted { $0.seq < $1.seq }
    }
}

/// An order-free digest of (tag, seq) pairs: the tags inside the entries and the rows of `log_tags` must give the same.
struct TagDigest: Equatable {
    private var count = 0
    private var sum: UInt64 = 0

    mutating func add(tag: [UInt8], seq: Int) {
        var writer = ByteWriter()
        writer.raw(tag)
        writer.u64(UInt64(seq))
        let hash = BLAKE2b.hash(writer.bytes, length: 16).prefix(8)
        sum &+= hash.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * $1.offset) }
        count += 1
    }
}
