/// One page of a vault's changes (FORMAT §7.2):
/// `"abri-feed-v1\n" ‖ u64 seq ‖ u8 more ‖ u32 n ‖ n × (u64 changeSeq ‖ change)`.
public struct FeedPage: Hashable, Sendable {
    /// A change with the sequence number of the push that made it.
    public struct Entry: Hashable, Sendable {
        public var seq: UInt64
        public var change: WireChange

        public init(seq: UInt64, change: WireChange) {
            self.seq = seq
            self.change = change
        }
    }

    static let magic = "abri-feed-v1\n"

    /// The hub's sequence when the page was read.
    public var seq: UInt64
    /// True when another page follows.
    public var more: Bool
    /// The changes, in order of sequence, table and key.
    public var entries: [Entry]

    public init(seq: UInt64, more: Bool, entries: [Entry]) {
        self.seq = seq
        self.more = more
        self.entries = entries
    }

    /// The encoded page.
    public func encoded() -> [UInt8] {
        var writer = WireWriter()
        writer.raw(Self.magic)
        writer.u64(seq)
        writer.u8(more ? 1 : 0)
        precondition(entries.count <= Int(UInt32.max), "at most 2^32 - 1 changes")
        writer.u32(UInt32(entries.count))
        for entry in entries {
            writer.u64(entry.seq)
            entry.change.encode(into: &writer)
        }
        return writer.bytes
    }

    /// Decodes exactly `bytes`; anything malformed, short or long throws.
    public init(decoding bytes: [UInt8]) throws(WireError) {
        var reader = WireReader(bytes)
        try reader.expect(Self.magic, "not a feed page")
        seq = try reader.u64()
        switch try reader.u8() {
        case 0: more = false
        case 1: more = true
        default: throw .invalid("a more flag other than 0 or 1")
        }
        var sequences: [UInt64] = []
        let changes = try ChangeList.decodeChanges(from: &reader, perChangeOverhead: 8) { reader throws(WireError) in
            sequences.append(try reader.u64())
        }
        entries = zip(sequences, changes).map { Entry(seq: $0, change: $1) }
        try reader.expectEnd()
    }

    /// The bytes a page's header takes before its first change.
    public static let headerSize = magic.utf8.count + 8 + 1 + 4
}
