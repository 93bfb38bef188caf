import AbriCrypto
import Foundation
import AbriPublic

/// Sign, then encrypt: one compartment of one record under its data key (Docs/FORMAT.md §3.4).
enum RecordSealing {
    static let version: UInt8 = 1
    static let damaged = AbriError.badData("a stored record failed its integrity check: the vault was altered (run `abri verify`)")

    static func associatedData(origin: [UInt8], caseID: CaseID, record: RecordID, compartment: Compartment) -> [UInt8] {
        var writer = ByteWriter()
        writer.raw("abri-record-v1")
        writer.raw(origin)
        writer.raw(caseID.bytes)
        writer.raw(record.bytes)
        writer.u8(compartment.rawValue)
        writer.u8(version)
        return writer.bytes
    }

    /// The data key: the grant's half, keyed over the case key kept in the vault.
    static func dataKey(half: Key, caseKey: [UInt8], record: RecordID, compartment: Compartment) throws -> Key {
        var writer = ByteWriter()
        writer.raw("abri-dek-v1")
        writer.raw(caseKey)
        writer.raw(record.bytes)
        writer.u8(compartment.rawValue)
        return try half.derive(writer.bytes)
    }

    static func seal(_ body: RecordBody, author: borrowing Identity, dataKey: Key, associatedData ad: [UInt8]) throws -> [UInt8] {
        let json = CanonicalJSON.encode(body.json)
        let signature = try author.sign(ad + json)
        var plaintext = ByteWriter()
        plaintext.blob32(json)
        plaintext.raw(signature)
        let compartment: Compartment = body.compartment == Compartment.locating.name ? .locating : .general
        let padded = Padding.pad(plaintext.bytes, blockSize: paddedSize(plaintext.bytes.count, compartment: compartment))
        return try AEAD.seal(padded, key: dataKey.bytes, associatedData: ad)
    }

    /// Decrypts and checks the author's signature, and that the author belongs to the roster of the record's origin
    /// vault: this vault's, or for a record imported from another vault, a roster of that vault signed by an
    /// administrator pinned here (`AuthorCheck`); any failure is 65.
    static func open(_ sealed: [UInt8], dataKey: Key, associatedData ad: [UInt8], authors: AuthorCheck) throws -> RecordBody {
        guard let padded = try? AEAD.open(sealed, key: dataKey.bytes, associatedData: ad), !padded.isEmpty,
              let plaintext = try? Padding.unpad(padded, blockSize: padded.count) else { throw damaged }
        var reader = ByteReader(plaintext, malformed: damaged)
        let json = try reader.blob32()
        let signature = try reader.raw(64)
        try reader.expectEnd()
        guard let body = try? JSONDecoder().decode(RecordBody.self, from: Data(json)),
              let authorKey = Data(base64Encoded: body.authorKey).map(Array.init),
              authors.vouches(author: body.author, key: authorKey, origin: Array(ad[14 ..< 30])),
              Ed25519.isValidSignature(signature, for: ad + json, publicKey: authorKey) else { throw damaged }
        return body
    }

    /// The smallest padded size of a locating part: an empty one and one of up to about 7 KiB of fields look alike.
    static let locatingFloor = 8192

    /// Padding size of a compartment's plaintext (Docs/FORMAT.md §3.4).
    static func paddedSize(_ length: Int, compartment: Compartment) -> Int {
        let bucket = Padding.bucket(for: length)
        return compartment == .locating ? max(locatingFloor, bucket) : bucket
    }

    /// Random bytes the size of an empty locating part: stands where a record has no locating part.
    static func filler() -> [UInt8] { Random.bytes(locatingFloor + AEAD.overhead) }
}
