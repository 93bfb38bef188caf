import AbriCrypto
import AbriStore
import Foundation
public import AbriPublic

/// An Abri vault: one SQLite file, its roster, its cases and its access log.
public final class Vault: @unchecked Sendable {
    /// The store underneath.
    public let store: Store
    /// 16 random bytes that bind every ciphertext and log entry to this vault.
    public let id: [UInt8]
    /// The administrator, the vault's trust anchor.
    public let admin: PublicIdentity
    /// Where this machine keeps the last log head it accepted for each vault.
    public let history: HistoryGuard
    /// The day of the administrator's restore this machine followed as it opened the vault, if it did: the command
    /// says so in one line.
    public private(set) var followedRestore: String?
    /// A restore this process followed and has not logged yet (a command may open the vault more than once: the
    /// first opening follows, the session's logs).
    nonisolated(unsafe) static var unloggedFollowedRestore = false

    /// The `restore` entry a machine writes when it follows its administrator's restore: once, with its first command.
    func followedRestoreEntry(actor: String, actorKey: String) -> LogDraft? {
        guard Vault.unloggedFollowedRestore else { return nil }
        Vault.unloggedFollowedRestore = false
        var entry = LogDetails(action: "restore", actor: actor, actorKey: actorKey, at: Clock.now())
        entry.purpose = "followed"
        return .operatorOnly(entry)
    }
    /// The tree the last successful `verify` computed, which `acceptCurrentHead` records.
    var lastVerifiedFrontier: LogFrontier?

    /// The vault id in hex, as in heads and state files.
    public var idHex: String { id.map { String(format: "%02x", $0) }.joined() }

    private init(store: Store, id: [UInt8], admin: PublicIdentity, stateDirectory: String) {
        self.store = store
        self.id = id
        self.admin = admin
        history = HistoryGuard(directory: stateDirectory, vaultHex: id.map { String(format: "%02x", $0) }.joined())
    }

    /// A vault over a store whose header was just read inside a transaction: for a replica's pull, which checks
    /// what it applied before it commits.
    convenience init(checking store: Store, id: [UInt8], admin: PublicIdentity, stateDirectory: String) {
        self.init(store: store, id: id, admin: admin, stateDirectory: stateDirectory)
    }

    /// Creates a vault whose administrator is `admin`.
    public static func create(path: String, admin: PublicIdentity, stateDirectory: String) throws -> Vault {
        let store = try Store.create(path: path)
        let id = Random.bytes(16)
        do {
            try store.write { db in
                try db.insertVaultHeader(format: Array(String(Schema.formatVersion).utf8), vault: id, admin: Array(admin.line.utf8))
            }
        } catch {
            unlink(path)
            unlink(path + "-wal")
            unlink(path + "-shm")
            throw error
        }
        let vault = Vault(store: store, id: id, admin: admin, stateDirectory: stateDirectory)
        try vault.history.accept(HistoryGuard.Seen(frontier: LogFrontier(), binding: .empty), admin: admin.line)
        return vault
    }

    /// Opens an existing vault and checks its log against the last head this machine accepted (65 on rollback).
    public static func open(path: String, stateDirectory: String, checkHistory: Bool = true) throws -> Vault {
        let store = try Store.open(path: path)
        let (id, adminLine) = try store.read { db -> ([UInt8], String) in
            let header = try db.vaultHeader()
            guard let id = header.vault, id.count == 16, let admin = header.admin, let line = String(data: Data(admin), encoding: .utf8) else {
                throw AbriError.badData("the vault's header is damaged (restore the vault from a backup)")
            }
            return (id, line)
        }
        let admin = try PublicIdentity(parsing: adminLine)
        let vault = Vault(store: store, id: id, admin: admin, stateDirectory: stateDirectory)
        if checkHistory {
            // Read what this machine accepted before the vault's head: a command that commits in between
            // only makes the vault newer than what was read, never older.
            let accepted = try vault.history.load()
            do {
                let seen = try vault.store.read { db in
                    // The roster first, so that a roster rolled back under the latest head is named as such.
                    _ = try vault.roster(db)
                    return try vault.history.check(try AccessLog.latestHead(db, vault: vault), accepted: accepted, admin: adminLine, db)
                }
                // Read-only commands record the head they saw too: a later rollback below it is refused.
                try vault.history.accept(seen, admin: adminLine)
            } catch let refusal as AbriError {
                // A restore the administrator accepted elsewhere is followed here once, and said; anything else
                // that does not extend what this machine saw stays refused.
                guard case .badData = refusal, let followed = try vault.followRestore(accepted: accepted) else { throw refusal }
                try vault.history.accept(followed.seen, admin: adminLine, allowShorter: true, followedRestore: followed.digest)
                vault.followedRestore = followed.day
                Vault.unloggedFollowedRestore = true
            }
        }
        return vault
    }

    /// The current roster, its administrator's signature checked, and the one the latest signed head names, with the
    /// key custody that head names (65 otherwise: the roster and the keys are part of the log, and either rolled back
    /// under it is refused). Every command calls this before anything else.
    func roster(_ db: any VaultTransaction) throws -> Roster {
        let roster = try boundRoster(db)
        try checkKeyCustody(db)
        return roster
    }

    /// Refuses generations, generation seals or log-key seals that are not the ones the latest signed head names: a
    /// writer of the file who deletes the generations made after a removal and puts older seals back would have
    /// everyone grant to keys a removed member holds (Docs/FORMAT.md §3.7).
    func checkKeyCustody(_ db: any VaultTransaction) throws {
        let bound = try db.latestHeadKeys() ?? HeadBinding.empty.keys
        guard try Custody.digest(db) == bound else {
            throw AbriError.badData("the partners' keys are not the ones the latest signed head names: key generations or seals were rolled back or altered (run `abri verify`)")
        }
    }

    /// The current roster, checked against the one the latest signed head names (the keys are `checkKeyCustody`'s).
    func boundRoster(_ db: any VaultTransaction) throws -> Roster {
        let stored = try storedRoster(db)
        let bound = try db.latestHeadRoster().map { (version: $0.rosterVersion, hash: $0.rosterHash) }
            ?? (version: HeadBinding.empty.rosterVersion, hash: HeadBinding.empty.rosterHash)
        guard stored.roster.version == bound.version, stored.hash == bound.hash else {
            throw AbriError.badData("the vault's roster is not the one its latest signed head names: the roster was rolled back or altered (run `abri verify`)")
        }
        return stored.roster
    }

    /// The highest stored roster version and the hash of its body, its administrator's signature checked (an empty
    /// roster before the first change), whether or not a head names it yet.
    func storedRoster(_ db: any VaultTransaction) throws -> (roster: Roster, hash: [UInt8]) {
        guard let row = try db.latestRoster() else {
            return (Roster(vault: idHex, version: 0, admin: admin.line, logKey: LogKeyInfo(generation: 0, publicKey: ""),
                           partners: [], members: []), HeadBinding.empty.rosterHash)
        }
        let body = row.body
        let signature = row.signature
        guard Ed25519.isValidSignature(signature, for: Roster.signatureContext + body, publicKey: admin.signingPublicKey) else {
            throw AbriError.badData("the roster's signature does not check out: the vault was altered (run `abri verify`)")
        }
        let roster = try Roster.decode(body: body)
        guard roster.vault == idHex, roster.version == row.version, roster.admin == admin.line else {
            throw AbriError.badData("the roster belongs to another vault or version: the vault was altered (run `abri verify`)")
        }
        return (roster, Roster.hash(body: body))
    }

    /// Signs and stores a new roster version, chained to the one before it; returns the hash of its body.
    @discardableResult
    func saveRoster(_ roster: Roster, signedBy administrator: borrowing Identity, _ db: any VaultTransaction) throws -> [UInt8] {
        var next = roster
        next.previous = roster.version > 1 ? Data(try storedRoster(db).hash).base64EncodedString() : nil
        let body = try next.canonicalBody()
        let signature = try administrator.sign(Roster.signatureContext + body)
        try db.insertRoster(RosterVersionRow(version: next.version, body: body, signature: signature))
        return Roster.hash(body: body)
    }

    /// The public roster, for `partner list`.
    public func currentRoster() throws -> Roster {
        try store.read { db in try roster(db) }
    }
}
