/// One changed row (FORMAT §7.1): its table, its primary key, and all its columns, or none for a deletion.
///
/// `change = str8 table ‖ u32 length ‖ values(primary key) ‖ u8 present ‖ [u32 length ‖ values(all columns)]`
public struct WireChange: Hashable, Sendable {
    /// The table's name in the vault's schema (§3).
    public let table: String
    /// The primary key's columns.
    public let key: WireColumns
    /// Every column of the row; nil for a deletion, which carries only the key.
    public let values: WireColumns?

    /// True when the row is deleted.
    public var isDeletion: Bool { values == nil }

    /// A change; a table name that is empty or longer than 255 bytes throws.
    public init(table: String, key: WireColumns, values: WireColumns?) throws(WireError) {
        guard !table.isEmpty, table.utf8.count <= 255 else { throw .invalid("a table name of 0 or more than 255 bytes") }
        self.table = table
        self.key = key
        self.values = values
    }

    /// The change from the stored encodings of its key and values, as the hub keeps them; both are checked.
    public init(table: String, encodedKey: [UInt8], encodedValues: [UInt8]?) throws(WireError) {
        try self.init(table: table, key: try WireColumns(decoding: encodedKey),
                      values: try encodedValues.map { bytes throws(WireError) in try WireColumns(decoding: bytes) })
    }

    /// The encoded bytes of this one change.
    public var encoded: [UInt8] {
        var writer = WireWriter()
        encode(into: &writer)
        return writer.bytes
    }

    func encode(into writer: inout WireWriter) {
        writer.str8(table)
        writer.blob32(key.encoded)
        if let values {
            writer.u8(1)
            writer.blob32(values.encoded)
        } else {
            writer.u8(0)
        }
    }

    static func decode(from reader: inout WireReader) throws(WireError) -> WireChange {
        let table = try reader.str8()
        let key = try WireColumns(decoding: try reader.blob32())
        let values: WireColumns?
        switch try reader.u8() {
        case 0: values = nil
        case 1: values = try WireColumns(decoding: try reader.blob32())
        default: throw .invalid("a present flag other than 0 or 1")
        }
        return try WireChange(table: table, key: key, values: values)
    }

    /// The smallest encoded change (an empty table name is refused, so 1 + 1 + 4 + 2 + 1): the bound on a count.
    static let minimumEncodedSize = 9
}
