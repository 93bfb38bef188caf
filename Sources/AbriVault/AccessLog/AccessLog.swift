import AbriCrypto
import Foundation
import GRDB

/// What an action wants written to the log; sealed and signed when the command commits.
struct LogDraft {
    var details: LogDetails
    /// The case's keys, so that its holders can read the entry; nil for administrator-only entries.
    var caseKeys: CaseKeys?
    /// The entry already sealed for the place it will take, by work that knew it (a bulk deposit seals
    /// each report's entry with the report); `append` uses it only if its seq is the one it gets.
    var sealed: AccessLog.SealedEntry? = nil
}

/// An identity's signing key, shareable across threads for the length of one command.
final class Signer: @unchecked Sendable {
    private let pair: SigningKeyPair

    init(_ identity: borrowing Identity) throws {
        pair = try SigningKeyPair(seed: try identity.signingKeyPair.seed())
    }

    func sign(_ message: [UInt8]) throws -> [UInt8] { try pair.sign(message) }
}

/// The administrator's slots of one command's entries (Docs/FORMAT.md §3.6): one ephemeral X25519 key per
/// command, one key shared with the administrator, and each entry key sealed under it with the entry's
/// associated data. The administrator opens a command's entries for one scalar multiplication, not one each.
final class AdminSlots: @unchecked Sendable {
    private let ephemeralPublicKey: [UInt8]
    private let key: Key

    init(vault: Vault) throws {
        let ephemeral = try BoxKeyPair.generate()
        key = Key(try ephemeral.sharedKey(with: vault.admin.boxPublicKey))
        ephemeralPublicKey = ephemeral.publicKey
    }

    /// `epk(32) ‖ AEAD(shared, entryKey, ad)`.
    func seal(_ entryKey: Key, associatedData: [UInt8]) throws -> [UInt8] {
        ephemeralPublicKey + (try AEAD.seal(secret: entryKey.bytes, key: key.bytes, associatedData: associatedData))
    }

    /// Opens slots for the administrator, remembering the key shared with each command's ephemeral key.
    struct Opener {
        private var shared: [[UInt8]: Key] = [:]

        /// What opens one slot: the entry key itself (a format-1 slot, opened here), or the key shared with the
        /// slot's command, computed here once per command; the rest of the work can go to any thread.
        enum Opening: @unchecked Sendable {
            case entryKey(Key)
            case shared(Key)

            func entryKey(_ slot: [UInt8], associatedData: [UInt8]) throws -> SecureBytes {
                switch self {
                case .entryKey(let key): return try key.bytes.copy()
                case .shared(let key):
                    return try AEAD.openSecret(Array(slot[BoxKeyPair.publicKeyBytes...]), key: key.bytes, associatedData: associatedData)
                }
            }
        }

        mutating func prepare(_ slot: [UInt8], administrator: borrowing Identity) throws -> Opening {
            // Format 1 sealed each entry key to the administrator on its own: a sealed box of 80 bytes.
            if slot.count == SealedBox.overhead + 32 { return .entryKey(Key(try SealedBox.open(slot, with: administrator.boxKeyPair))) }
            guard slot.count > BoxKeyPair.publicKeyBytes else { throw AbriCryptoError.authenticationFailed }
            let ephemeral = Array(slot[0..<BoxKeyPair.publicKeyBytes])
            if let known = shared[ephemeral] { return .shared(known) }
            let key = Key(try administrator.boxKeyPair.sharedKey(with: ephemeral))
            shared[ephemeral] = key
            return .shared(key)
        }
    }
}

/// Who signs the tree head at the end of a command.
enum HeadSigner {
    /// A member, with the vault's current log key.
    case logKey(Key, generation: Int)
    /// The administrator: the head is a checkpoint.
    case administrator
}

/// The append-only, hash-chained, signed access log (Docs/FORMAT.md §3.6, §3.7).
enum AccessLog {
    static let entryContext = Array("abri-log-entry-v1".utf8)

    static func associatedData(vault: [UInt8], seq: Int) -> [UInt8] {
        var writer = ByteWriter()
        writer.raw(vault)
        writer.u64(UInt64(seq))
        return writer.bytes
    }

    /// The bytes hashed into the tree for one stored entry.
    static func leaf(seq: Int, day: Int32, tag: [UInt8]?, details: [UInt8], adminSlot: [UInt8], caseSlot: [UInt8]?) -> [UInt8] {
        var writer = ByteWriter()
        writer.raw("abri-log-v1")
        writer.u64(UInt64(seq))
        writer.i32(day)
        writer.blob16(tag ?? [])
        writer.blob32(details)
        writer.blob16(adminSlot)
        writer.blob16(caseSlot ?? [])
        return writer.bytes
    }

    static func leaf(of row: Row) -> [UInt8] {
        leaf(seq: row["seq"], day: row["day"], tag: (row["tag"] as Data?).map(Array.init),
             details: Array(row["details"] as Data), adminSlot: Array(row["admin_slot"] as Data),
             caseSlot: (row["case_slot"] as Data?).map(Array.init))
    }

    static func frontier(_ db: Database) throws -> LogFrontier {
        guard let data = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'frontier'") else { return LogFrontier() }
        return try LogFrontier(encoded: Array(data))
    }

    /// One entry sealed and signed, waiting to be written.
    struct SealedEntry: Sendable {
        var seq: Int
        var tag: [UInt8]?
        var details: [UInt8]
        var adminSlot: [UInt8]
        var caseSlot: [UInt8]?
    }

    /// Seals, signs and appends the drafts, then stores a signed head: all inside the caller's transaction.
    /// The cryptography of a batch (a bulk deposit logs one entry per case) runs on every core.
    static func append(_ drafts: [LogDraft], vault: Vault, actor: borrowing Identity, headSigner: HeadSigner,
                       _ db: Database) throws -> LogFrontier {
        #if DEBUG
        // Test hook (debug builds only): the log cannot be written, as on a full disk.
        if ProcessInfo.processInfo.environment["ABRI_TEST_LOG_UNWRITABLE"] == "1" {
            throw AbriError.io("the disk is full; nothing was changed (free some space and try again)")
        }
        #endif
        var frontier = try frontier(db)
        let day = Day.today()
        let first = frontier.size + 1
        let signer = try Signer(actor)
        let adminSlots = try AdminSlots(vault: vault)
        let seal = { (index: Int) throws -> SealedEntry in
            if let sealed = drafts[index].sealed, sealed.seq == first + index { return sealed }
            return try sealEntry(drafts[index], seq: first + index, vault: vault, signer: signer, adminSlots: adminSlots)
        }
        let entries: [SealedEntry]
        if drafts.count > 8 && drafts.contains(where: { $0.sealed == nil }) {
            entries = try Parallel.map(count: drafts.count, seal)
        } else {
            entries = try drafts.indices.map(seal)
        }
        let insert = try db.cachedStatement(sql: "INSERT INTO log (seq, day, tag, details, admin_slot, case_slot) VALUES (?, ?, ?, ?, ?, ?)")
        for entry in entries {
            try insert.execute(arguments: [entry.seq, day.number, entry.tag.map { Data($0) }, Data(entry.details),
                                           Data(entry.adminSlot), entry.caseSlot.map { Data($0) }])
            frontier.append(leafHash: LogFrontier.leafHash(
                leaf(seq: entry.seq, day: day.number, tag: entry.tag, details: entry.details, adminSlot: entry.adminSlot,
                     caseSlot: entry.caseSlot)))
        }
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('frontier', ?)", arguments: [Data(frontier.encoded())])
        try storeHead(frontier.head, vault: vault, actor: actor, signer: headSigner, db)
        return frontier
    }

    /// Seals one entry for place `seq`: its details signed by the actor and sealed under a fresh key, that key
    /// sealed to the administrator and, for an entry about a case, under the case's log key.
    static func sealEntry(_ draft: LogDraft, seq: Int, vault: Vault, signer: Signer, adminSlots: AdminSlots) throws -> SealedEntry {
        let json = canonicalJSON(draft.details)
        var signed = ByteWriter()
        signed.raw(entryContext)
        signed.raw(vault.id)
        signed.u64(UInt64(seq))
        signed.raw(json)
        let signature = try signer.sign(signed.bytes)
        var plaintext = ByteWriter()
        plaintext.blob32(json)
        plaintext.raw(signature)
        let entryKey = try Key.random()
        let ad = associatedData(vault: vault.id, seq: seq)
        let details = try AEAD.seal(Padding.pad(plaintext.bytes, blockSize: Padding.bucket(for: plaintext.bytes.count)),
                                    key: entryKey.bytes, associatedData: ad)
        let adminSlot = try adminSlots.seal(entryKey, associatedData: ad)
        var entry = SealedEntry(seq: seq, tag: nil, details: details, adminSlot: adminSlot, caseSlot: nil)
        if let caseKeys = draft.caseKeys {
            entry.caseSlot = try AEAD.seal(secret: entryKey.bytes, key: caseKeys.logKey.bytes, associatedData: ad)
            entry.tag = caseKeys.logTag
        }
        return entry
    }

    private static func storeHead(_ head: Head, vault: Vault, actor: borrowing Identity, signer: HeadSigner, _ db: Database) throws {
        let day = Day.today().description
        // The roster in force is the latest version: an administrator's roster change stored it in this transaction,
        // so the checkpoint that closes the change names it.
        let roster = try vault.storedRoster(db)
        let previous = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(size), 0) FROM heads WHERE size < ?", arguments: [head.size]) ?? 0
        let binding = HeadBinding(rosterVersion: roster.roster.version, rosterHash: roster.hash, previous: previous)
        let text = head.noteText(vaultHex: vault.idHex, day: day, binding: binding)
        let signature: [UInt8]
        let signerName: String
        let generation: Int
        switch signer {
        case .logKey(let key, let keyGeneration):
            let pair = try SigningKeyPair(seed: key.bytes)
            signature = try pair.sign(text)
            signerName = "log"
            generation = keyGeneration
        case .administrator:
            signature = try actor.sign(text)
            signerName = "admin"
            generation = 0
        }
        try db.execute(sql: """
            INSERT OR REPLACE INTO heads (size, root, day, signer, key_generation, roster_version, roster_hash, previous, signature)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [head.size, Data(head.root), day, signerName, generation, binding.rosterVersion,
                             Data(binding.rosterHash), binding.previous, Data(signature)])
    }

    /// The latest stored head, its signature checked under the roster version it binds; nil for an empty log.
    /// Entries past it, or a stored tree edge that does not give its root, are refused: the next append builds on both.
    static func latestHead(_ db: Database, vault: Vault) throws -> StoredHead? {
        let (count, last) = try Row.fetchOne(db, sql: "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM log").map { ($0[0] as Int, $0[1] as Int) } ?? (0, 0)
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM heads ORDER BY size DESC LIMIT 1") else {
            guard count == 0 else {
                throw AbriError.badData("the log holds \(count) entries where its last signed head counts 0: entries were removed or added outside abri (run `abri verify`)")
            }
            return nil
        }
        let head = StoredHead(row)
        // A log cut short, or grown outside abri, no longer matches its last signed head.
        guard count == head.size, last == head.size else {
            throw AbriError.badData("the log holds \(count) entries where its last signed head counts \(head.size): entries were removed or added outside abri (run `abri verify`)")
        }
        guard try headSignatureIsValid(row, vault: vault, db), try frontier(db).head == head.head else {
            throw AbriError.badData("the log's latest head does not check out: the vault was altered (run `abri verify`)")
        }
        // The head it follows must still be there: a checkpoint row deleted under it is seen at once.
        if head.binding.previous > 0,
           try Bool.fetchOne(db, sql: "SELECT 1 FROM heads WHERE size = ?", arguments: [head.binding.previous]) == nil {
            throw AbriError.badData("the signed head before the latest one is missing: the vault was altered (run `abri verify`)")
        }
        return head
    }

    /// One stored head, read out of its row.
    struct StoredHead: Sendable {
        var size: Int
        var root: [UInt8]
        var day: String
        var signer: String
        var keyGeneration: Int
        var binding: HeadBinding
        var signature: [UInt8]

        init(_ row: Row) {
            size = row["size"]
            root = Array(row["root"] as Data)
            day = row["day"]
            signer = row["signer"]
            keyGeneration = row["key_generation"]
            binding = HeadBinding(rosterVersion: row["roster_version"], rosterHash: Array(row["roster_hash"] as Data),
                                  previous: row["previous"])
            signature = Array(row["signature"] as Data)
        }

        var head: Head { Head(size: size, root: root) }

        func noteText(vault: Vault) -> [UInt8] { head.noteText(vaultHex: vault.idHex, day: day, binding: binding) }
    }

    /// One administrator-signed roster version, as a head sees it: the hash it must name and the log key in force.
    struct SignedRosterVersion: Sendable {
        var hash: [UInt8]
        var logKey: LogKeyInfo
    }

    /// Checks one stored head's signature: the administrator's, or the log key of the roster version the head binds.
    static func headSignatureIsValid(_ row: Row, vault: Vault, _ db: Database) throws -> Bool {
        headSignatureIsValid(StoredHead(row), vault: vault, logKeys: try logPublicKeys(vault: vault, db))
    }

    static func headSignatureIsValid(_ head: StoredHead, vault: Vault, logKeys: [Int: SignedRosterVersion]) -> Bool {
        // The roster version the head names must be stored, signed, and hash to what the head says.
        guard let roster = logKeys[head.binding.rosterVersion], roster.hash == head.binding.rosterHash else { return false }
        let text = head.noteText(vault: vault)
        switch head.signer {
        case "admin":
            return Ed25519.isValidSignature(head.signature, for: text, publicKey: vault.admin.signingPublicKey)
        case "log":
            // Only the log key in force at that roster version: an older key, kept by someone who left, signs nothing.
            guard roster.logKey.generation > 0, head.keyGeneration == roster.logKey.generation,
                  let key = Data(base64Encoded: roster.logKey.publicKey) else { return false }
            return Ed25519.isValidSignature(head.signature, for: text, publicKey: Array(key))
        default:
            return false
        }
    }

    /// Every administrator-signed roster version, by version (version 0: the empty roster of a new vault).
    static func logPublicKeys(vault: Vault, _ db: Database) throws -> [Int: SignedRosterVersion] {
        var versions: [Int: SignedRosterVersion] = [
            0: SignedRosterVersion(hash: HeadBinding.empty.rosterHash, logKey: LogKeyInfo(generation: 0, publicKey: "")),
        ]
        for row in try Row.fetchAll(db, sql: "SELECT version, body, signature FROM roster ORDER BY version") {
            let body = Array(row["body"] as Data)
            guard Ed25519.isValidSignature(Array(row["signature"] as Data), for: Roster.signatureContext + body,
                                           publicKey: vault.admin.signingPublicKey),
                  let roster = try? Roster.decode(body: body), roster.version == row["version"] as Int,
                  roster.vault == vault.idHex else { continue }
            versions[roster.version] = SignedRosterVersion(hash: Roster.hash(body: body), logKey: roster.logKey)
        }
        return versions
    }

    /// The signed bytes of an entry's details.
    static func canonicalJSON(_ details: LogDetails) -> [UInt8] {
        CanonicalJSON.encode(details.json)
    }

    /// Opens an entry's details with the entry key, checking the padding and the actor's signature.
    static func openDetails(_ row: Row, entryKey: borrowing SecureBytes, vault: Vault) throws -> (LogDetails, signatureValid: Bool) {
        try openDetails(seq: row["seq"], sealed: Array(row["details"] as Data), entryKey: entryKey, vault: vault)
    }

    /// Opens an entry's details and checks the actor's signature over them.
    static func openDetails(seq: Int, sealed: [UInt8], entryKey: borrowing SecureBytes,
                            vault: Vault) throws -> (LogDetails, signatureValid: Bool) {
        let ad = associatedData(vault: vault.id, seq: seq)
        let damaged = AbriError.badData("log entry \(seq) is damaged: the vault was altered (run `abri verify`)")
        guard let padded = try? AEAD.open(sealed, key: entryKey, associatedData: ad), !padded.isEmpty,
              let plaintext = try? Padding.unpad(padded, blockSize: Padding.bucket(for: padded.count - 1)) else {
            throw damaged
        }
        var reader = ByteReader(plaintext, malformed: damaged)
        let json = try reader.blob32()
        let signature = try reader.raw(64)
        try reader.expectEnd()
        guard let details = try? JSONDecoder().decode(LogDetails.self, from: Data(json)) else { throw damaged }
        var signed = ByteWriter()
        signed.raw(entryContext)
        signed.raw(vault.id)
        signed.u64(UInt64(seq))
        signed.raw(json)
        let key = Data(base64Encoded: details.actorKey).map(Array.init) ?? []
        return (details, Ed25519.isValidSignature(signature, for: signed.bytes, publicKey: key))
    }
}
