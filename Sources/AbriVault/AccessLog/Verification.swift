import AbriCrypto
import Foundation
import GRDB

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
    public func verify(as verifier: Verifier = .anyone, sinceLastAccepted: Bool = false,
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
            var frontier = LogFrontier()
            if sinceLastAccepted, let accepted, let encoded = accepted.frontier.flatMap({ Data(base64Encoded: $0) }),
               let kept = try? LogFrontier(encoded: Array(encoded)), kept.size == accepted.size,
               Data(kept.root).base64EncodedString() == accepted.root {
                frontier = kept
            }
            let start = frontier.size
            let headRows = try Row.fetchAll(db, sql: "SELECT * FROM heads WHERE size > ? ORDER BY size", arguments: [start])
            var headsBySize: [Int: Row] = [:]
            for row in headRows { headsBySize[row["size"]] = row }
            let total = (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM log WHERE seq > ?", arguments: [start]) ?? 0)
            var rootsAt: [Int: [UInt8]] = [start: frontier.root]
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM log WHERE seq > ? ORDER BY seq", arguments: [start])
            var expected = start + 1
            var tagsInEntries = TagDigest()
            while let row = try cursor.next() {
                let seq: Int = row["seq"]
                if seq != expected {
                    problem("log entry \(expected) is missing or out of order (found entry \(seq) in its place)")
                    expected = seq
                }
                frontier.append(leafHash: LogFrontier.leafHash(AccessLog.leaf(of: row)))
                if let parts = try? LogEntry.Parts(Array(row["entry"] as Data), seq: seq) {
                    for slot in parts.slots { tagsInEntries.add(tag: slot.tag, seq: seq) }
                } else {
                    problem("log entry \(seq) is not a well-formed entry")
                }
                if headsBySize[frontier.size] != nil || accepted?.size == frontier.size {
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
            for (index, row) in headRows.enumerated() {
                let size: Int = row["size"]
                let signer: String = row["signer"]
                if signer == "admin" { report.checkpoints += 1 } else { report.heads += 1 }
                guard let root = rootsAt[size] else {
                    problem("the head at size \(size) points past the end of the log: entries were cut off")
                    continue
                }
                if Array(row["root"] as Data) != root {
                    problem("the log's first \(size) entries differ from what their signed head says: an entry was edited, removed, inserted or reordered")
                } else if !signaturesValid[index] {
                    problem("the head at size \(size) has a bad signature")
                }
            }
            // Readers find their entries through `log_tags`: a row taken out of it hides an entry from its readers.
            var tagsInIndex = TagDigest()
            for row in try Row.fetchAll(db, sql: "SELECT tag, seq FROM log_tags WHERE seq > ?", arguments: [start]) {
                tagsInIndex.add(tag: Array(row["tag"] as Data), seq: row["seq"])
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
            lastVerifiedFrontier = report.ok ? frontier : nil
            switch verifier {
            case .anyone:
                break
            case .administrator(let session):
                let roster = try self.roster(db)
                for entry in try session.openAllEntries(db) where entry.seq > start {
                    report.signatures += 1
                    if !entry.signatureValid || !actorMatches(entry.details, roster: roster) {
                        problem("log entry \(entry.seq) is not signed by the member it names")
                    }
                }
            case .member(let session):
                let roster = try self.roster(db)
                for entry in try session.entriesOfHeldCases(db) where entry.seq > start {
                    report.signatures += 1
                    if !entry.signatureValid || !actorMatches(entry.details, roster: roster) {
                        problem("log entry \(entry.seq) is not signed by the member it names")
                    }
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

    private func verifyRoster(_ db: Database, _ problem: (String) -> Void) {
        guard let rows = try? Row.fetchAll(db, sql: "SELECT version, body, signature FROM roster ORDER BY version") else {
            problem("the roster cannot be read")
            return
        }
        for (index, row) in rows.enumerated() {
            let version: Int = row["version"]
            let body = Array(row["body"] as Data)
            if version != index + 1 { problem("roster version \(index + 1) is missing") }
            if !Ed25519.isValidSignature(Array(row["signature"] as Data), for: Roster.signatureContext + body, publicKey: admin.signingPublicKey) {
                problem("roster version \(version) is not signed by the administrator")
            } else if let roster = try? Roster.decode(body: body), roster.vault != idHex || roster.version != version {
                problem("roster version \(version) belongs to another vault or version")
            }
        }
    }

    private func verifyGenerations(_ db: Database, _ problem: (String) -> Void) {
        guard let roster = try? roster(db), let rows = try? Row.fetchAll(db, sql: "SELECT * FROM generations") else { return }
        for row in rows {
            let partner: String = row["partner"]
            let number: Int = row["number"]
            let signerKey = Array(row["signer_key"] as Data)
            let message = Custody.generationMessage(vault: id, partner: partner, number: number, publicKey: Array(row["public_key"] as Data))
            let trusted = signerKey == admin.signingPublicKey
                || roster.members.contains { $0.partner == partner && (try? PublicIdentity(parsing: $0.identity))?.signingPublicKey == signerKey }
            if !trusted || !Ed25519.isValidSignature(Array(row["signature"] as Data), for: message, publicKey: signerKey) {
                problem("generation \(number) of partner \(partner) is not signed by its administrator or a member")
            }
        }
    }

    /// Accepts the head the last successful verification computed as this machine's reference.
    public func acceptCurrentHead() throws {
        guard let frontier = lastVerifiedFrontier else { return }
        try history.accept(frontier.head, admin: admin.line, frontier: frontier)
    }
}

extension AdminSession {
    func openAllEntries(_ db: Database) throws -> [OpenedEntry] {
        try LogReader.allEntries(administrator: identity, vault: vault, db)
    }

    /// Accepts a restored backup: logs a `restore` entry and makes its head this machine's reference.
    public func acceptRestore() throws {
        try run { context in
            context.drafts.append(.operatorOnly(context.details("restore")))
        }
        // The restored log may be shorter than what this machine saw: that is the point of accepting it.
        let frontier = try vault.store.read { db in try AccessLog.frontier(db) }
        try vault.history.accept(frontier.head, admin: vault.admin.line, frontier: frontier, allowShorter: true)
    }
}

extension MemberSession {
    /// The entries of every case this member's partner holds, read without writing anything.
    func entriesOfHeldCases(_ db: Database) throws -> [OpenedEntry] {
        let roster = try vault.roster(db)
        var entries: [OpenedEntry] = []
        for membership in roster.memberships(of: identity.publicIdentity.line)
        where requestedPartner == nil || membership.partner == requestedPartner {
            let generations = try Custody.unlockGenerations(partner: membership.partner, identity: identity, db)
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
