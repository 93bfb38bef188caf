import AbriCrypto
import Foundation
public import AbriPublic

/// The bytes of a bundle file (Docs/FORMAT.md §4): a case sealed to the members of one partner, signed by its exporter.
struct BundleFormat {
    static let magic = Array("ABRIBNDL".utf8) + [0x03]
    static let signatureContext = Array("abri-bundle-v3".utf8)
    static let damaged = AbriError.badData("the bundle is damaged or truncated (ask for it to be exported again)")

    var bundleID: [UInt8]
    var recipientSeals: [[UInt8]]
    var sealedKeys: [UInt8]
    var sealedContent: [UInt8]

    /// Everything before the sealed parts: what both AEADs and the signature bind.
    var header: [UInt8] {
        var writer = ByteWriter()
        writer.raw(BundleFormat.magic)
        writer.raw(bundleID)
        writer.u8(UInt8(recipientSeals.count))
        for seal in recipientSeals { writer.raw(seal) }
        return writer.bytes
    }

    func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.raw(header)
        writer.blob32(sealedKeys)
        writer.u64(UInt64(sealedContent.count))
        writer.raw(sealedContent)
        writer.raw(BLAKE2b.hash(writer.bytes))
        return writer.bytes
    }

    /// Parses a bundle; anything malformed or a wrong checksum is 65.
    init(parsing bytes: [UInt8]) throws {
        guard bytes.count > BundleFormat.magic.count + 16 + 1 + 32,
              Array(bytes[0 ..< BundleFormat.magic.count]) == BundleFormat.magic else { throw BundleFormat.damaged }
        let body = Array(bytes[0 ..< bytes.count - 32])
        guard ConstantTime.equals(BLAKE2b.hash(body), Array(bytes[bytes.count - 32 ..< bytes.count])) else {
            throw BundleFormat.damaged
        }
        var reader = ByteReader(body, malformed: BundleFormat.damaged)
        _ = try reader.raw(BundleFormat.magic.count)
        bundleID = try reader.raw(16)
        let count = Int(try reader.u8())
        guard count > 0 else { throw BundleFormat.damaged }
        recipientSeals = []
        for _ in 0 ..< count { recipientSeals.append(try reader.raw(SealedBox.overhead + 32)) }
        sealedKeys = try reader.blob32()
        let contentLength = try reader.u64()
        guard contentLength <= UInt64(reader.remaining) else { throw BundleFormat.damaged }
        sealedContent = try reader.raw(Int(contentLength))
        try reader.expectEnd()
    }

    init(bundleID: [UInt8], recipientSeals: [[UInt8]], sealedKeys: [UInt8], sealedContent: [UInt8]) {
        self.bundleID = bundleID
        self.recipientSeals = recipientSeals
        self.sealedKeys = sealedKeys
        self.sealedContent = sealedContent
    }

    static func keysAD(_ header: [UInt8]) -> [UInt8] { header + Array("keys".utf8) }
    static func contentAD(_ header: [UInt8]) -> [UInt8] { header + Array("content".utf8) }

    /// What the exporter signs: the header and both sealed parts' plaintext digests.
    static func signedMessage(header: [UInt8], keysDigest: [UInt8], content: [UInt8]) -> [UInt8] {
        signatureContext + header + keysDigest + SHA256.hash(content)
    }
}

/// The records and attachments a bundle carries, with who exported them, from which vault, to which vault, and the
/// signed rosters that prove the exporter's and the authors' membership.
struct BundleContent {
    struct StoredRecord {
        var id: [UInt8]
        var origin: [UInt8]
        var general: [UInt8]
        var locating: [UInt8]
    }

    struct StoredChunk {
        var blob: [UInt8]
        var n: Int
        var data: [UInt8]
    }

    /// The exporting vault's id.
    var sourceVault: [UInt8]
    /// The public identity line of the destination vault's administrator, as the exporting vault pinned it.
    var destinationAdmin: String
    /// The exporting vault's current roster first, then stored rosters of other vaults whose records it carries.
    var rosters: [SignedRoster]
    var exporter: String
    var exporterIdentity: String
    var caseKey: [UInt8]
    var records: [StoredRecord]
    var chunks: [StoredChunk]

    func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.raw(sourceVault)
        writer.str16(destinationAdmin)
        writer.u16(UInt16(rosters.count))
        for roster in rosters {
            writer.blob32(roster.body)
            writer.raw(roster.signature)
        }
        writer.str16(exporter)
        writer.str16(exporterIdentity)
        writer.raw(caseKey)
        writer.u32(UInt32(records.count))
        for record in records {
            writer.raw(record.id)
            writer.raw(record.origin)
            writer.blob32(record.general)
            writer.blob32(record.locating)
        }
        writer.u32(UInt32(chunks.count))
        for chunk in chunks {
            writer.raw(chunk.blob)
            writer.u32(UInt32(chunk.n))
            writer.blob32(chunk.data)
        }
        return writer.bytes
    }

    init(sourceVault: [UInt8], destinationAdmin: String, rosters: [SignedRoster], exporter: String, exporterIdentity: String,
         caseKey: [UInt8], records: [StoredRecord], chunks: [StoredChunk]) {
        self.sourceVault = sourceVault
        self.destinationAdmin = destinationAdmin
        self.rosters = rosters
        self.exporter = exporter
        self.exporterIdentity = exporterIdentity
        self.caseKey = caseKey
        self.records = records
        self.chunks = chunks
    }

    init(parsing bytes: [UInt8]) throws {
        var reader = ByteReader(bytes, malformed: BundleFormat.damaged)
        sourceVault = try reader.raw(16)
        destinationAdmin = try reader.str16()
        rosters = []
        for _ in 0 ..< Int(try reader.u16()) {
            rosters.append(SignedRoster(body: try reader.blob32(), signature: try reader.raw(64)))
        }
        guard !rosters.isEmpty else { throw BundleFormat.damaged }
        exporter = try reader.str16()
        exporterIdentity = try reader.str16()
        caseKey = try reader.raw(32)
        // Counts come from the file: loop and append, never reserve what a forged count asks for.
        records = []
        for _ in 0 ..< Int(try reader.u32()) {
            records.append(StoredRecord(id: try reader.raw(16), origin: try reader.raw(16), general: try reader.blob32(),
                                        locating: try reader.blob32()))
        }
        chunks = []
        for _ in 0 ..< Int(try reader.u32()) {
            chunks.append(StoredChunk(blob: try reader.raw(16), n: Int(try reader.u32()), data: try reader.blob32()))
        }
        try reader.expectEnd()
    }
}
