/// The body of a create or a push (FORMAT §7.2): `u64 base ‖ u32 n ‖ n × change`.
public struct ChangeList: Hashable, Sendable {
    /// The hub's sequence the changes build on (0 for a vault's creation).
    public var base: UInt64
    /// The changed rows, in the order the client sends them.
    public var changes: [WireChange]

    public init(base: UInt64, changes: [WireChange]) {
        self.base = base
        self.changes = changes
    }

    /// The encoded body.
    public func encoded() -> [UInt8] {
        var writer = WireWriter()
        writer.u64(base)
        precondition(changes.count <= Int(UInt32.max), "at most 2^32 - 1 changes")
        writer.u32(UInt32(changes.count))
        for change in changes { change.encode(into: &writer) }
        return writer.bytes
    }

    /// Decodes exactly `bytes`; anything malformed, short or long throws.
    public init(decoding bytes: [UInt8]) throws(WireError) {
        var reader = WireReader(bytes)
        base = try reader.u64()
        changes = try Self.decodeChanges(from: &reader, perChangeOverhead: 0)
        try reader.expectEnd()
    }

    /// `u32 n ‖ n × ([overhead bytes, read by the caller] ‖ change)`, with `n` checked against the bytes left first.
    static func decodeChanges(from reader: inout WireReader, perChangeOverhead: Int,
                              prefix: (inout WireReader) throws(WireError) -> Void = { _ throws(WireError) in })
        throws(WireError) -> [WireChange]
    {
        let count = Int(try reader.u32())
        guard count <= reader.remaining / (WireChange.minimumEncodedSize + perChangeOverhead) else { throw .truncated }
        var changes: [WireChange] = []
        changes.reserveCapacity(count)
        for _ in 0 ..< count {
            try prefix(&reader)
            changes.append(try WireChange.decode(from: &reader))
        }
        return changes
    }
}
