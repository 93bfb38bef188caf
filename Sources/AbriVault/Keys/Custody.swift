import AbriCrypto
import AbriStore
import Foundation
public import AbriPublic

/// Who makes and who receives the partners' generation keys and the vault's log key (Docs/FORMAT.md §1, §3.2).
enum Custody {
    static func generationMessage(vault: [UInt8], partner: String, number: Int, publicKey: [UInt8]) -> [UInt8] {
        var writer = ByteWriter()
        writer.raw("abri-generation-v1")
        writer.raw(vault)
        writer.str8(partner)
        writer.u64(UInt64(number))
        writer.raw(publicKey)
        return writer.bytes
    }

    /// The digest of the key custody that every signed head binds (Docs/FORMAT.md §3.7): the `generations` rows, and
    /// a hash of each box of `generation_seals` and `log_key_seals`, in key order. A writer of the file who deletes
    /// newer generations and puts back older seals changes it, and every command refuses the store.
    static func digest(_ db: any VaultTransaction) throws -> [UInt8] {
        var writer = ByteWriter()
        writer.raw("abri-keys-v1")
        let generations = try db.generations()
        writer.u32(UInt32(generations.count))
        for row in generations {
            writer.str16(row.partner)
            writer.u64(UInt64(bitPattern: Int64(row.number)))
            writer.blob32(row.publicKey)
            writer.str16(row.madeBy)
            writer.blob32(row.signerKey)
            writer.blob32(row.signature)
        }
        let seals = try db.generationSeals()
        writer.u32(UInt32(seals.count))
        for row in seals {
            writer.str16(row.partner)
            writer.u64(UInt64(bitPattern: Int64(row.number)))
            writer.blob32(row.memberKey)
            writer.raw(BLAKE2b.hash(row.box))
        }
        let logSeals = try db.logKeySeals()
        writer.u32(UInt32(logSeals.count))
        for row in logSeals {
            writer.u64(UInt64(bitPattern: Int64(row.generation)))
            writer.blob32(row.memberKey)
            writer.raw(BLAKE2b.hash(row.box))
        }
        return BLAKE2b.hash(writer.bytes)
    }

    /// The digest of a vault with no key yet.
    static let emptyDigest: [UInt8] = {
        var writer = ByteWriter()
        writer.raw("abri-keys-v1")
        for _ in 0 ..< 3 { writer.u32(0) }
        return BLAKE2b.hash(writer.bytes)
    }()

    /// Makes a new generation of `partner`'s keys, sealed to each of `members`, signed by `signer`.
    /// The seed is wiped when this returns: whoever made it keeps nothing.
    @discardableResult
    static func makeGeneration(partner: String, members: [Member], vault: Vault, signer: borrowing Identity,
                               madeBy: String, _ db: any VaultTransaction) throws -> GenerationKeys {
        let current = try db.latestGenerationNumber(partner: partner) ?? 0
        let number = current + 1
        let seed = try Key.random()
        let keys = try GenerationKeys(partner: partner, number: number, seed: seed)
        let publicKey = keys.boxKeyPair.publicKey
        let signature = try signer.sign(generationMessage(vault: vault.id, partner: partner, number: number, publicKey: publicKey))
        try db.insertGeneration(GenerationRow(partner: partner, number: number, publicKey: publicKey, madeBy: madeBy,
                                              signerKey: signer.publicIdentity.signingPublicKey, signature: signature))
        for member in members {
            let recipient = try PublicIdentity(parsing: member.identity)
            let box = try SealedBox.seal(secret: seed.bytes, to: recipient.boxPublicKey)
            try db.insertGenerationSeal(GenerationSealRow(partner: partner, number: number, memberKey: recipient.boxPublicKey, box: box))
        }
        return keys
    }

    /// The public key of a partner's current generation, its signature checked against the roster.
    static func currentGenerationKey(partner: String, roster: Roster, vault: Vault, _ db: any VaultTransaction) throws -> (number: Int, publicKey: [UInt8])? {
        guard let row = try db.currentGeneration(partner: partner) else { return nil }
        return (row.number, try signedPublicKey(row, partner: partner, roster: roster, vault: vault))
    }

    /// The public key of one `generations` row, once its signature by the administrator or a member of the partner
    /// checks out (65 otherwise).
    private static func signedPublicKey(_ row: GenerationRow, partner: String, roster: Roster, vault: Vault) throws -> [UInt8] {
        let number = row.number
        let publicKey = row.publicKey
        let signerKey = row.signerKey
        let madeBy = row.madeBy
        let trusted: Bool
        if madeBy == "admin" {
            trusted = signerKey == vault.admin.signingPublicKey
        } else {
            trusted = roster.members.contains { member in
                member.partner == partner && member.name == madeBy
                    && (try? PublicIdentity(parsing: member.identity))?.signingPublicKey == signerKey
            }
        }
        let message = generationMessage(vault: vault.id, partner: partner, number: number, publicKey: publicKey)
        guard trusted, Ed25519.isValidSignature(row.signature, for: message, publicKey: signerKey) else {
            throw AbriError.badData("the keys of partner \(partner) do not check out: the vault was altered (run `abri verify`)")
        }
        return publicKey
    }

    /// Every generation of `partner` whose seed is sealed to this identity, newest first. Each seed is checked against
    /// the signed public key of its generation before any use: anyone who can write the store can seal a seed of
    /// their choosing to a member's public key, and the member would then deposit under the writer's keys.
    static func unlockGenerations(partner: String, identity: borrowing Identity, roster: Roster, vault: Vault,
                                  _ db: any VaultTransaction) throws -> [GenerationKeys] {
        let rows = try db.generationSeals(partner: partner, memberKey: identity.publicIdentity.boxPublicKey)
        var result: [GenerationKeys] = []
        for row in rows {
            guard let seed = try? identity.openSealed(row.box) else {
                throw AbriError.badData("a key sealed to you does not open: the vault was altered (run `abri verify`)")
            }
            let number = row.number
            let keys = try GenerationKeys(partner: partner, number: number, seed: Key(seed))
            guard let signed = try db.generation(partner: partner, number: number),
                  try signedPublicKey(signed, partner: partner, roster: roster, vault: vault) == keys.boxKeyPair.publicKey else {
                throw AbriError.badData("a key sealed to you is not the signed key of its generation: the vault was altered (run `abri verify`)")
            }
            result.append(keys)
        }
        return result
    }

    /// Destroys these generations of `partner`: their seeds are deleted from the vault. Only generations whose
    /// rows were re-sealed may go: one that this member never held may still protect grants another member holds.
    static func destroyGenerations(partner: String, _ numbers: [Int], _ db: any VaultTransaction) throws {
        for number in numbers {
            try db.deleteGenerationSeals(partner: partner, number: number)
        }
    }

    /// Makes a new log key sealed to every current, approved member of every partner; returns its public description.
    static func makeLogKey(roster: Roster, vault: Vault, _ db: any VaultTransaction) throws -> LogKeyInfo {
        let generation = roster.logKey.generation + 1
        let seed = try Key.random()
        let pair = try SigningKeyPair(seed: seed.bytes)
        var sealedTo = Set<[UInt8]>()
        let approved = try roster.partners.flatMap { try Approvals.approvedMembers(of: $0.id, roster: roster, vault: vault, db) }
        for member in approved {
            let recipient = try PublicIdentity(parsing: member.identity)
            guard sealedTo.insert(recipient.boxPublicKey).inserted else { continue }
            let box = try SealedBox.seal(secret: seed.bytes, to: recipient.boxPublicKey)
            try db.insertLogKeySeal(LogKeySealRow(generation: generation, memberKey: recipient.boxPublicKey, box: box))
        }
        // Older log keys are destroyed: a member who left cannot sign heads any more.
        try db.deleteLogKeySeals(olderThan: generation)
        return LogKeyInfo(generation: generation, publicKey: Data(pair.publicKey).base64EncodedString())
    }

    /// Seals the current log key, which `identity` holds, to a newly approved member as well.
    static func shareLogKey(roster: Roster, identity: borrowing Identity, with newcomer: Member, _ db: any VaultTransaction) throws {
        guard let box = try db.logKeySeal(generation: roster.logKey.generation, memberKey: identity.publicIdentity.boxPublicKey),
              let seed = try? identity.openSealed(box) else {
            throw AbriError.badData("the vault's log key is not sealed to you: the vault was altered (run `abri verify`)")
        }
        let key = Key(seed)
        let recipient = try PublicIdentity(parsing: newcomer.identity)
        let sealed = try SealedBox.seal(secret: key.bytes, to: recipient.boxPublicKey)
        try db.insertLogKeySealUnlessPresent(LogKeySealRow(generation: roster.logKey.generation, memberKey: recipient.boxPublicKey,
                                                           box: sealed))
    }

    /// The current log key, unsealed for this member.
    static func unlockLogKey(roster: Roster, identity: borrowing Identity, _ db: any VaultTransaction) throws -> HeadSigner {
        guard let box = try db.logKeySeal(generation: roster.logKey.generation, memberKey: identity.publicIdentity.boxPublicKey),
              let seed = try? identity.openSealed(box) else {
            throw AbriError.badData("the vault's log key is not sealed to you: the vault was altered (run `abri verify`)")
        }
        let key = Key(seed)
        let pair = try SigningKeyPair(seed: key.bytes)
        guard Data(pair.publicKey).base64EncodedString() == roster.logKey.publicKey else {
            throw AbriError.badData("the vault's log key does not match its roster: the vault was altered (run `abri verify`)")
        }
        return .logKey(key, generation: roster.logKey.generation)
    }
}
