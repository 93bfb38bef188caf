import AbriCrypto
import Foundation
import AbriStore
public import AbriPublic

/// An identity's signing key, shareable across threads for the length of one command (in this process's memory or
/// behind the agent: no key is copied).
final class Signer: Sendable {
    private let keys: any IdentityKeys

    init(_ identity: borrowing Identity) throws {
        keys = identity.keys
    }

    func sign(_ message: [UInt8]) throws -> [UInt8] { try keys.sign(message) }
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

        /// The key shared with a slot's command, computed here once per command; the rest of the work can go to
        /// any thread.
        struct Opening: @unchecked Sendable {
            let key: Key

            func entryKey(_ slot: [UInt8], associatedData: [UInt8]) throws -> SecureBytes {
                try AEAD.openSecret(Array(slot[BoxKeyPair.publicKeyBytes...]), key: key.bytes, associatedData: associatedData)
            }
        }

        mutating func prepare(_ slot: [UInt8], administrator: borrowing Identity) throws -> Opening {
            guard slot.count > BoxKeyPair.publicKeyBytes else { throw AbriCryptoError.authenticationFailed }
            let ephemeral = Array(slot[0..<BoxKeyPair.publicKeyBytes])
            if let known = shared[ephemeral] { return Opening(key: known) }
            let key = Key(try administrator.sharedKey(with: ephemeral))
            shared[ephemeral] = key
            return Opening(key: key)
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
    /// The bytes hashed into the tree for one stored entry: its tags are inside, so moving one changes the tree.
    static func leaf(seq: Int, day: Int32, entry: [UInt8]) -> [UInt8] { LogLeaf.leaf(seq: seq, day: day, entry: entry) }

    static func leaf(of row: LogEntryRow) -> [UInt8] {
        leaf(seq: row.seq, day: row.day, entry: row.entry)
    }

    static func frontier(_ db: any VaultTransaction) throws -> LogFrontier {
        guard let data = try db.logFrontier() else { return LogFrontier() }
        return try LogFrontier(encoded: data)
    }

    /// One entry sealed and signed, waiting to be written with its tags.
    struct SealedEntry: Sendable {
        var seq: Int
        var entry: [UInt8]
        /// Every slot's tag, the unused slots' random ones included: all go to `log_tags`, so that `verify` can tell
        /// that none was taken out of it.
        var tags: [[UInt8]]

        init(seq: Int, entry: [UInt8]) throws {
            self.seq = seq
            self.entry = entry
            tags = try LogEntry.Parts(entry, seq: seq).slots.map(\.tag)
        }
    }

    /// Seals, signs and appends the drafts, then stores a signed head: all inside the caller's transaction.
    /// The cryptography of a batch (a bulk deposit logs one entry per case) runs on every core.
    static func append(_ drafts: [LogDraft], vault: Vault, actor: borrowing Identity, headSigner: HeadSigner,
                       _ db: any VaultTransaction) throws -> LogFrontier {
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
        var counters = TagCounters()
        let tags = try drafts.map { draft in
            try draft.sections.flatMap { section in try section.readers.map { try counters.next($0, db) } }
        }
        let seal = { (index: Int) throws -> SealedEntry in
            if let sealed = drafts[index].sealed, sealed.seq == first + index, Array(sealed.tags.prefix(tags[index].count)) == tags[index] {
                return sealed
            }
            return try SealedEntry(seq: first + index, entry: LogEntry.seal(drafts[index], seq: first + index, tags: tags[index],
                                                                            vault: vault, signer: signer, adminSlots: adminSlots))
        }
        let entries: [SealedEntry]
        if drafts.count > 8 && drafts.contains(where: { $0.sealed == nil }) {
            entries = try Parallel.map(count: drafts.count, seal)
        } else {
            entries = try drafts.indices.map(seal)
        }
        try db.appendEntries(entries.map { (row: LogEntryRow(seq: $0.seq, day: day.number, entry: $0.entry), tags: $0.tags) })
        for entry in entries {
            frontier.append(leafHash: LogFrontier.leafHash(leaf(seq: entry.seq, day: day.number, entry: entry.entry)))
        }
        try db.storeLogFrontier(frontier.encoded())
        try storeHead(frontier.head, vault: vault, actor: actor, signer: headSigner, db)
        return frontier
    }

    /// Where each reader key's chain of tags stands, within one command (Docs/FORMAT.md §3.6).
    struct TagCounters {
        private var next: [[UInt8]: Int] = [:]

        /// The next tag of `reader`: a fresh key starts at 0; another is walked in `log_tags` to its first free link.
        mutating func next(_ reader: ReaderKey, _ db: any VaultTransaction) throws -> [UInt8] {
            let first = try LogEntry.tag(reader.key, counter: 0)
            var counter: Int
            if let known = next[first] {
                counter = known
            } else {
                counter = 0
                if !reader.fresh {
                    while try db.logTagExists(try LogEntry.tag(reader.key, counter: counter)) {
                        counter += 1
                    }
                }
            }
            next[first] = counter + 1
            return try LogEntry.tag(reader.key, counter: counter)
        }
    }

    /// Every entry sealed to `key`, in order: its chain of tags walked through `log_tags`, each tag checked
    /// against the entry it points to.
    static func entries(readBy key: Key, vault: Vault, _ db: any VaultTransaction) throws -> [OpenedEntry] {
        try sealedEntries(readBy: key, db).map { try $0.open(vault: vault) }
    }

    /// One entry found through a reader key's chain of tags, not opened yet: the reads are the database's, the
    /// opening can go to any thread.
    struct Found: @unchecked Sendable {
        var seq: Int
        var day: Int32
        var entry: [UInt8]
        var tag: [UInt8]
        var key: Key

        func open(vault: Vault) throws -> OpenedEntry {
            let parts = try LogEntry.Parts(entry, seq: seq)
            guard let (details, valid, section) = try LogEntry.openSection(parts, tag: tag, readerKey: key, vault: vault, seq: seq) else {
                throw AbriError.badData("log entry \(seq) is damaged: the vault was altered (run `abri verify`)")
            }
            return OpenedEntry(seq: seq, day: Day(number: day), details: details, signatureValid: valid, section: section)
        }
    }

    /// The entries sealed to `key`, in order, read but not opened.
    static func sealedEntries(readBy key: Key, _ db: any VaultTransaction) throws -> [Found] {
        var result: [Found] = []
        var counter = 0
        while true {
            let tag = try LogEntry.tag(key, counter: counter)
            guard let row = try db.entry(taggedWith: tag) else { break }
            result.append(Found(seq: row.seq, day: row.day, entry: row.entry, tag: tag, key: key))
            counter += 1
        }
        return result
    }

    private static func storeHead(_ head: Head, vault: Vault, actor: borrowing Identity, signer: HeadSigner, _ db: any VaultTransaction) throws {
        let day = Day.today().description
        // The roster in force is the latest version: an administrator's roster change stored it in this transaction,
        // so the checkpoint that closes the change names it.
        let roster = try vault.storedRoster(db)
        let previous = try db.previousHeadSize(before: head.size) ?? 0
        // The key custody as this command leaves it: every change to generations and seals ends in a head.
        let binding = HeadBinding(rosterVersion: roster.roster.version, rosterHash: roster.hash, keys: try Custody.digest(db),
                                  previous: previous)
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
        try db.storeHead(HeadRow(size: head.size, root: head.root, day: day, signer: signerName, keyGeneration: generation,
                                 rosterVersion: binding.rosterVersion, rosterHash: binding.rosterHash, keys: binding.keys,
                                 previous: binding.previous, signature: signature))
    }

    /// The latest stored head, its signature checked under the roster version it binds; nil for an empty log.
    /// Entries past it, or a stored tree edge that does not give its root, are refused: the next append builds on both.
    static func latestHead(_ db: any VaultTransaction, vault: Vault) throws -> StoredHead? {
        let (count, last) = try db.logCount().map { ($0.count, $0.lastSeq) } ?? (0, 0)
        guard let row = try db.latestHead() else {
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
        guard try headSignatureIsValid(head, vault: vault, db), try frontier(db).head == head.head else {
            throw AbriError.badData("the log's latest head does not check out: the vault was altered (run `abri verify`)")
        }
        // The head it follows must still be there: a checkpoint row deleted under it is seen at once.
        if head.binding.previous > 0,
           try !db.headExists(size: head.binding.previous) {
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

        init(_ row: HeadRow) {
            size = row.size
            root = row.root
            day = row.day
            signer = row.signer
            keyGeneration = row.keyGeneration
            binding = HeadBinding(rosterVersion: row.rosterVersion, rosterHash: row.rosterHash, keys: row.keys,
                                  previous: row.previous)
            signature = row.signature
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
    static func headSignatureIsValid(_ head: StoredHead, vault: Vault, _ db: any VaultTransaction) throws -> Bool {
        headSignatureIsValid(head, vault: vault, logKeys: try logPublicKeys(vault: vault, db))
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
    static func logPublicKeys(vault: Vault, _ db: any VaultTransaction) throws -> [Int: SignedRosterVersion] {
        var versions: [Int: SignedRosterVersion] = [
            0: SignedRosterVersion(hash: HeadBinding.empty.rosterHash, logKey: LogKeyInfo(generation: 0, publicKey: "")),
        ]
        for row in try db.rosterVersions() {
            let body = row.body
            guard Ed25519.isValidSignature(row.signature, for: Roster.signatureContext + body,
                                           publicKey: vault.admin.signingPublicKey),
                  let roster = try? Roster.decode(body: body), roster.version == row.version,
                  roster.vault == vault.idHex else { continue }
            versions[roster.version] = SignedRosterVersion(hash: Roster.hash(body: body), logKey: roster.logKey)
        }
        return versions
    }
}
