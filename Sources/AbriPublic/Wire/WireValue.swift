/// One column's value on the wire (FORMAT §7.1): SQLite's four storage classes but REAL, which no table of §3 uses.
public enum WireValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case text(String)
    case blob([UInt8])

    func encode(into writer: inout WireWriter) {
        switch self {
        case .null:
            writer.u8(0)
        case .integer(let value):
            writer.u8(1)
            writer.u64(UInt64(bitPattern: value))
        case .text(let text):
            writer.u8(2)
            writer.blob32(Array(text.utf8))
        case .blob(let bytes):
            writer.u8(3)
            writer.blob32(bytes)
        }
    }

    static func decode(from reader: inout WireReader) throws(WireError) -> WireValue {
        switch try reader.u8() {
        case 0: return .null
        case 1: return .integer(Int64(bitPattern: try reader.u64()))
        case 2: return .text(try WireReader.utf8(try reader.blob32()))
        case 3: return .blob(try reader.blob32())
        default: throw .invalid("an unknown value type")
        }
    }

    /// The bytes a BLOB or TEXT carries, nil for NULL and INTEGER (a vault may hold a meta value as either).
    public var bytes: [UInt8]? {
        switch self {
        case .blob(let bytes): bytes
        case .text(let text): Array(text.utf8)
        case .null, .integer: nil
        }
    }

    /// The integer, nil for any other type.
    public var integer: Int64? {
        if case .integer(let value) = self { value } else { nil }
    }
}

/// A row's columns by name, in the order they travel: `u16 n ‖ n × (str8 column ‖ value)`.
public struct WireColumns: Hashable, Sendable {
    /// The columns, each named once.
    public let columns: [(name: String, value: WireValue)]

    /// Columns from `(name, value)` pairs; a name that is empty, longer than 255 bytes or given twice, or more than
    /// 65,535 columns, throws.
    public init(_ columns: [(name: String, value: WireValue)]) throws(WireError) {
        guard columns.count <= Int(UInt16.max) else { throw .invalid("more than 65,535 columns") }
        var seen = Set<String>()
        for (name, _) in columns {
            guard !name.isEmpty, name.utf8.count <= 255 else { throw .invalid("a column name of 0 or more than 255 bytes") }
            guard seen.insert(name).inserted else { throw .invalid("the column \(name) twice") }
        }
        self.columns = columns
    }

    /// The value of `name`, nil when the row has no such column.
    public subscript(name: String) -> WireValue? {
        columns.first { $0.name == name }?.value
    }

    /// The encoded bytes (`values` of §7.1).
    public var encoded: [UInt8] {
        var writer = WireWriter()
        encode(into: &writer)
        return writer.bytes
    }

    /// Decodes exactly `bytes` as one `values` structure.
    public init(decoding bytes: [UInt8]) throws(WireError) {
        var reader = WireReader(bytes)
        self = try Self.decode(from: &reader)
        try reader.expectEnd()
    }

    func encode(into writer: inout WireWriter) {
        writer.u8(UInt8(columns.count & 0xff))
        writer.u8(UInt8(columns.count >> 8))
        for (name, value) in columns {
            writer.str8(name)
            value.encode(into: &writer)
        }
    }

    static func decode(from reader: inout WireReader) throws(WireError) -> WireColumns {
        let count = Int(try reader.u8()) | Int(try reader.u8()) << 8
        // Each column takes at least 2 bytes (its name's length and the value's type): never reserve more.
        guard count * 2 <= reader.remaining else { throw .truncated }
        var columns: [(name: String, value: WireValue)] = []
        columns.reserveCapacity(count)
        for _ in 0 ..< count {
            let name = try reader.str8()
            columns.append((name, try WireValue.decode(from: &reader)))
        }
        return try WireColumns(columns)
    }

    public static func == (lhs: WireColumns, rhs: WireColumns) -> Bool {
        lhs.columns.count == rhs.columns.count
            && zip(lhs.columns, rhs.columns).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for (name, value) in columns {
            hasher.combine(name)
            hasher.combine(value)
        }
    }
}
