/// The answer to `GET …/head` (FORMAT §7.2): `u64 seq ‖ u32 length ‖ head text ‖ signature (64)`, or `u64 seq ‖ u32 0`
/// before any head.
public struct HeadAnswer: Hashable, Sendable {
    /// The newest head's signed-note text (§3.7) and its 64-byte signature.
    public struct SignedHead: Hashable, Sendable {
        public var text: [UInt8]
        public var signature: [UInt8]

        public init(text: [UInt8], signature: [UInt8]) {
            self.text = text
            self.signature = signature
        }
    }

    static let signatureBytes = 64

    /// The hub's sequence.
    public var seq: UInt64
    /// The newest head the hub holds, nil before any.
    public var head: SignedHead?

    public init(seq: UInt64, head: SignedHead?) {
        self.seq = seq
        self.head = head
    }

    /// The encoded answer; a head with an empty text or a signature of another length is a programmer error.
    public func encoded() -> [UInt8] {
        var writer = WireWriter()
        writer.u64(seq)
        if let head {
            precondition(!head.text.isEmpty && head.signature.count == Self.signatureBytes, "a head has a text and a signature")
            writer.blob32(head.text)
            writer.raw(head.signature)
        } else {
            writer.u32(0)
        }
        return writer.bytes
    }

    /// Decodes exactly `bytes`.
    public init(decoding bytes: [UInt8]) throws(WireError) {
        var reader = WireReader(bytes)
        seq = try reader.u64()
        let text = try reader.blob32()
        head = text.isEmpty ? nil : SignedHead(text: text, signature: try reader.raw(Self.signatureBytes))
        try reader.expectEnd()
    }
}
