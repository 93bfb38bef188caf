import AbriCrypto
import Foundation
public import AbriPublic

/// One section of an entry: details, and the keys whose holders read them (Docs/FORMAT.md §3.6).
struct LogSection {
    var details: LogDetails
    var readers: [ReaderKey]
}

/// A key that reads a section, and where its chain of tags stands.
struct ReaderKey {
    var key: Key
    /// True for a key made in this command: its chain starts here, at 0, with nothing to look up.
    var fresh: Bool
}

/// What an action wants written to the log; sealed and signed when the command commits.
struct LogDraft {
    /// Sections for the case's readers; empty for an entry only the administrator reads.
    var sections: [LogSection]
    /// What the administrator reads of it.
    var summary: LogDetails
    /// A deposit, an addition, a share or an export: the larger class, whatever the number of grants.
    var grantBearing: Bool
    /// The entry already sealed for the place it will take, by work that knew it (a bulk deposit seals each
    /// report's entry with the report); `append` uses it only if its seq is the one it gets.
    var sealed: AccessLog.SealedEntry? = nil

    /// An action on a case, read by `readers`; each grant it made read through the grant's link key.
    static func caseAction(_ details: LogDetails, readers: [ReaderKey], grants: [(details: LogDetails, link: ReaderKey)] = []) -> LogDraft {
        // The administrator reads the day of an action on a case, not its time: counts by partner and day are what
        // it needs, and times to the second would line up one partner's share with another's first open.
        var summary = LogDetails(action: details.action, actor: details.actor, actorKey: details.actorKey,
                                 at: Day.today().description)
        let without = grants.filter { $0.details.consent?.kind == "without-consent" }.count
        if without > 0 { summary.withoutConsent = without }
        return LogDraft(sections: [LogSection(details: details, readers: readers)]
                            + grants.map { LogSection(details: $0.details, readers: [$0.link]) },
                        summary: summary, grantBearing: ["deposit", "add", "share", "export"].contains(details.action))
    }

    /// An entry the administrator reads whole and nobody else: roster operations, the administrator's own
    /// actions, refusals (their actor holds no key of the case).
    static func operatorOnly(_ details: LogDetails) -> LogDraft {
        LogDraft(sections: [], summary: details, grantBearing: false)
    }
}

/// The layout of a stored entry (Docs/FORMAT.md §3.6).
enum LogEntry {
    static let version: UInt8 = 3
    static let tagBytes = 16
    static let slotBytes = tagBytes + AEAD.overhead + 1 + 32
    static let adminSlotBytes = BoxKeyPair.publicKeyBytes + AEAD.overhead + 32
    static let sectionContext = Array("abri-log-entry-v3".utf8)
    static let adminContext = Array("abri-log-admin-v3".utf8)
    static let tagContext = Array("abri-log-tag-v3".utf8)

    static func associatedData(vault: [UInt8], seq: Int) -> [UInt8] {
        var writer = ByteWriter()
        writer.raw("abri-log-v3")
        writer.raw(vault)
        writer.u64(UInt64(seq))
        return writer.bytes
    }

    /// The tag of the `counter`-th entry sealed to `key`: a chain only the key's holders can compute.
    static func tag(_ key: Key, counter: Int) throws -> [UInt8] {
        var writer = ByteWriter()
        writer.raw(tagContext)
        writer.u32(UInt32(counter))
        return try key.label(writer.bytes, length: tagBytes)
    }

    /// Slots and sections of a class: the smallest of (4, 1), (8, 5), (16, 10)… that holds the draft.
    static func shape(of draft: LogDraft) -> (slots: Int, sections: Int) {
        var shape = draft.grantBearing ? (8, 5) : (4, 1)
        let slots = draft.sections.reduce(0) { $0 + $1.readers.count }
        while shape.0 < slots || shape.1 < draft.sections.count { shape = (shape.0 * 2, shape.1 * 2) }
        return shape
    }

    /// `u32 len ‖ json ‖ signature` padded to `size`.
    static func signedPlaintext(_ json: [UInt8], context: [UInt8], ad: [UInt8], signer: Signer) throws -> [UInt8] {
        let signature = try signer.sign(context + ad + json)
        var writer = ByteWriter()
        writer.blob32(json)
        writer.raw(signature)
        return writer.bytes
    }

    static func padded(_ plaintext: [UInt8], to size: Int) -> [UInt8] { Padding.pad(plaintext, blockSize: size) }

    static func paddedSize(_ length: Int) -> Int { max(512, Padding.bucket(for: length)) }

    /// Seals one draft for place `seq`; `tags` gives each reader key's tag, in the order of the sections' readers.
    static func seal(_ draft: LogDraft, seq: Int, tags: [[UInt8]], vault: Vault, signer: Signer,
                     adminSlots: AdminSlots) throws -> [UInt8] {
        let ad = associatedData(vault: vault.id, seq: seq)
        let (slotCount, sectionCount) = shape(of: draft)
        let plaintexts = try draft.sections.enumerated().map { index, section in
            try signedPlaintext(CanonicalJSON.encode(section.details.json), context: sectionContext, ad: ad + [UInt8(index)],
                                signer: signer)
        }
        let sectionSize = paddedSize(plaintexts.map(\.count).max() ?? 0)
        guard sectionSize <= Int(UInt16.max) else {
            throw AbriError.badData("a log entry has grown past its largest size (shorten the consent text or purpose)")
        }
        var writer = ByteWriter()
        writer.u8(version)
        writer.u8(UInt8(slotCount))
        writer.u8(UInt8(sectionCount))
        writer.u16(UInt16(sectionSize))
        var sectionKeys: [Key] = []
        for _ in 0 ..< draft.sections.count { sectionKeys.append(try Key.random()) }
        var slotIndex = 0
        for (index, section) in draft.sections.enumerated() {
            for reader in section.readers {
                let tag = tags[slotIndex]
                var plaintext = try SecureBytes(count: 33)
                plaintext.withUnsafeMutableBytes { out in
                    out[0] = UInt8(index)
                    sectionKeys[index].bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: out[1 ..< 33]).copyMemory(from: $0) }
                }
                writer.raw(tag)
                writer.raw(try AEAD.seal(secret: plaintext, key: reader.key.bytes, associatedData: ad + tag))
                slotIndex += 1
            }
        }
        // Unused slots and sections are noise of the same length: the number of readers does not show.
        for _ in slotIndex ..< slotCount { writer.raw(Random.bytes(slotBytes)) }
        let adminKey = try Key.random()
        writer.raw(try adminSlots.seal(adminKey, associatedData: ad))
        let summary = try signedPlaintext(CanonicalJSON.encode(draft.summary.json), context: adminContext, ad: ad, signer: signer)
        writer.raw(try AEAD.seal(padded(summary, to: paddedSize(summary.count)), key: adminKey.bytes, associatedData: ad))
        for (index, plaintext) in plaintexts.enumerated() {
            writer.raw(try AEAD.seal(padded(plaintext, to: sectionSize), key: sectionKeys[index].bytes, associatedData: ad + [UInt8(index)]))
        }
        for _ in draft.sections.count ..< sectionCount { writer.raw(Random.bytes(sectionSize + AEAD.overhead)) }
        return writer.bytes
    }

    /// A stored entry, cut into its parts; no key needed.
    struct Parts {
        var slots: [(tag: [UInt8], box: [UInt8])]
        var adminSlot: [UInt8]
        var adminPart: [UInt8]
        var sections: [[UInt8]]

        init(_ entry: [UInt8], seq: Int) throws {
            let damaged = AbriError.badData("log entry \(seq) is damaged: the vault was altered (run `abri verify`)")
            var reader = ByteReader(entry, malformed: damaged)
            guard try reader.u8() == LogEntry.version else { throw damaged }
            let slotCount = Int(try reader.u8())
            let sectionCount = Int(try reader.u8())
            let sectionSize = Int(try reader.u16())
            guard slotCount > 0, sectionCount > 0, sectionSize >= 512 else { throw damaged }
            slots = []
            for _ in 0 ..< slotCount {
                slots.append((try reader.raw(LogEntry.tagBytes), try reader.raw(LogEntry.slotBytes - LogEntry.tagBytes)))
            }
            adminSlot = try reader.raw(LogEntry.adminSlotBytes)
            // The administrator's part is the one of variable size: what is left once the sections are counted.
            let sectionsBytes = sectionCount * (sectionSize + AEAD.overhead)
            let adminBytes = reader.remaining - sectionsBytes
            guard adminBytes >= 512 + AEAD.overhead else { throw damaged }
            adminPart = try reader.raw(adminBytes)
            sections = []
            for _ in 0 ..< sectionCount { sections.append(try reader.raw(sectionSize + AEAD.overhead)) }
            try reader.expectEnd()
        }
    }

    /// Opens the details of one signed part; returns them with whether the actor's signature checks out.
    static func openSigned(_ sealed: [UInt8], key: borrowing SecureBytes, ad: [UInt8], context: [UInt8],
                           seq: Int) throws -> (LogDetails, signatureValid: Bool) {
        let damaged = AbriError.badData("log entry \(seq) is damaged: the vault was altered (run `abri verify`)")
        guard let padded = try? AEAD.open(sealed, key: key, associatedData: ad), !padded.isEmpty,
              let plaintext = try? Padding.unpad(padded, blockSize: padded.count) else { throw damaged }
        var reader = ByteReader(plaintext, malformed: damaged)
        let json = try reader.blob32()
        let signature = try reader.raw(64)
        try reader.expectEnd()
        guard let details = try? JSONDecoder().decode(LogDetails.self, from: Data(json)),
              CanonicalJSON.encode(details.json) == json else { throw damaged }
        let key = Data(base64Encoded: details.actorKey).map(Array.init) ?? []
        return (details, Ed25519.isValidSignature(signature, for: context + ad + json, publicKey: key))
    }

    /// Opens the section that `readerKey` reads through the slot tagged `tag`; nil when no slot carries it.
    static func openSection(_ parts: Parts, tag: [UInt8], readerKey: Key, vault: Vault,
                            seq: Int) throws -> (LogDetails, signatureValid: Bool, section: Int)? {
        let ad = associatedData(vault: vault.id, seq: seq)
        guard let slot = parts.slots.first(where: { $0.tag == tag }) else { return nil }
        let damaged = AbriError.badData("log entry \(seq) is damaged: the vault was altered (run `abri verify`)")
        guard let opened = try? AEAD.openSecret(slot.box, key: readerKey.bytes, associatedData: ad + tag), opened.count == 33 else {
            throw damaged
        }
        let index = opened.withUnsafeBytes { Int($0[0]) }
        guard index < parts.sections.count else { throw damaged }
        let sectionKey = try opened.slice(1 ..< 33)
        let (details, valid) = try openSigned(parts.sections[index], key: sectionKey, ad: ad + [UInt8(index)],
                                              context: sectionContext, seq: seq)
        return (details, valid, index)
    }
}
