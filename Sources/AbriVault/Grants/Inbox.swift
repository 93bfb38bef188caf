import AbriCrypto
import Foundation
import AbriPublic

/// A signed item for another partner: a grant, or the withdrawal of one (Docs/FORMAT.md §3.3). The box is sealed
/// to the recipient's current generation; the signature tells who sent it, so that nothing is filed that a member
/// of the vault did not send.
struct InboxItem {
    enum Kind: UInt8 {
        case grant = 1
        case withdrawal = 2
    }

    static let context = Array("abri-inbox-v3".utf8)

    /// What an opened item says, its signature checked against the key it names (the roster check is the caller's).
    struct Opened {
        var kind: Kind
        var recipient: String
        var sender: String
        var senderKey: [UInt8]
        /// The grant, for a grant.
        var grant: GrantBody?
        /// The case, for a withdrawal.
        var caseID: CaseID?
    }

    /// The signed message: the public fields and a digest of the payload (the payload holds keys: it is hashed in
    /// secure memory, never copied out).
    static func message(vault: [UInt8], kind: Kind, recipient: String, sender: String, senderKey: [UInt8],
                                payload: borrowing SecureBytes) throws -> [UInt8] {
        var hasher = try BLAKE2bHasher()
        payload.withUnsafeBytes { hasher.update($0) }
        var writer = ByteWriter()
        writer.raw(context)
        writer.raw(vault)
        writer.u8(kind.rawValue)
        writer.str8(recipient)
        writer.str16(sender)
        writer.raw(senderKey)
        writer.raw(hasher.finalize())
        return writer.bytes
    }

    /// Seals an item for `recipient`'s generation key, signed by `sender`.
    static func seal(kind: Kind, payload: borrowing SecureBytes, recipient: String, sender: String, signer: borrowing Identity,
                     vault: [UInt8], to publicKey: [UInt8]) throws -> [UInt8] {
        let senderKey = signer.publicIdentity.signingPublicKey
        let signature = try signer.sign(try message(vault: vault, kind: kind, recipient: recipient, sender: sender,
                                                    senderKey: senderKey, payload: payload))
        var header = ByteWriter()
        header.u8(kind.rawValue)
        header.str8(recipient)
        header.str16(sender)
        header.raw(senderKey)
        header.u32(UInt32(payload.count))
        let length = header.bytes.count + payload.count + signature.count
        var plaintext = try SecureBytes(count: Padding.bucket(for: length))
        plaintext.withUnsafeMutableBytes { out in
            out.copyBytes(from: header.bytes)
            let start = header.bytes.count
            payload.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: out[start ..< start + $0.count]).copyMemory(from: $0) }
            UnsafeMutableRawBufferPointer(rebasing: out[start + payload.count ..< length]).copyBytes(from: signature)
            out[length] = 0x80
        }
        return try SealedBox.seal(secret: plaintext, to: publicKey)
    }

    /// Parses an opened box and checks its signature; nil when it is malformed or its signature fails.
    static func open(_ plaintext: borrowing SecureBytes, vault: [UInt8]) -> Opened? {
        let header: (kind: Kind, recipient: String, sender: String, senderKey: [UInt8], start: Int, length: Int)? = plaintext.withUnsafeBytes { raw in
            var end = raw.count - 1
            while end >= 0 && raw[end] == 0 { end -= 1 }
            guard end >= 0, raw[end] == 0x80 else { return nil }
            // Only the public fields are copied out; the payload stays in secure memory.
            var offset = 0
            func take(_ count: Int) -> [UInt8]? {
                guard count >= 0, offset + count <= end else { return nil }
                defer { offset += count }
                return Array(raw[offset ..< offset + count])
            }
            func integer(_ count: Int) -> Int? {
                take(count).map { $0.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) } }
            }
            guard let kindByte = integer(1), let kind = Kind(rawValue: UInt8(kindByte)),
                  let recipientLength = integer(1), let recipientBytes = take(recipientLength),
                  let recipient = String(validating: recipientBytes, as: UTF8.self),
                  let senderLength = integer(2), let senderBytes = take(senderLength),
                  let sender = String(validating: senderBytes, as: UTF8.self),
                  let senderKey = take(32), let length = integer(4),
                  offset + length + 64 == end else { return nil }
            return (kind, recipient, sender, senderKey, offset, length)
        }
        guard let header, let payload = try? plaintext.slice(header.start ..< header.start + header.length) else { return nil }
        let signature = plaintext.withUnsafeBytes { Array($0[header.start + header.length ..< header.start + header.length + 64]) }
        guard let signed = try? message(vault: vault, kind: header.kind, recipient: header.recipient, sender: header.sender,
                                        senderKey: header.senderKey, payload: payload),
              Ed25519.isValidSignature(signature, for: signed, publicKey: header.senderKey) else { return nil }
        var opened = Opened(kind: header.kind, recipient: header.recipient, sender: header.sender, senderKey: header.senderKey)
        switch header.kind {
        case .grant:
            guard let grant = try? GrantBody.decode(payload) else { return nil }
            opened.grant = grant
        case .withdrawal:
            guard payload.count == 16 else { return nil }
            opened.caseID = CaseID(bytes: payload.withUnsafeBytes { Array($0) })
        }
        return opened
    }
}
