/// Where a feed page resumes (FORMAT §7.2): `after=<seq>.<table>.<key hex>`, the last change the previous page held.
public struct FeedCursor: Hashable, Sendable {
    public var seq: UInt64
    public var table: String
    /// The change's encoded primary key (`values` of §7.1).
    public var key: [UInt8]

    public init(seq: UInt64, table: String, key: [UInt8]) {
        self.seq = seq
        self.table = table
        self.key = key
    }

    /// The query value: decimal sequence, table name, lower-case hex of the key.
    public var text: String {
        "\(seq).\(table).\(Hex.encode(key))"
    }

    /// Parses `text` strictly: a decimal sequence without sign or leading zero, a table name of lower-case letters
    /// and underscores (the schema's), and an even number of hex digits.
    public init(parsing text: String) throws(WireError) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let seq = Hex.decimal(parts[0]) else { throw .invalid("a cursor that is not seq.table.key") }
        let table = String(parts[1])
        guard !table.isEmpty, table.utf8.count <= 255,
              table.utf8.allSatisfy({ ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || $0 == UInt8(ascii: "_") })
        else { throw .invalid("a cursor's table name") }
        guard let key = Hex.decode(parts[2]) else { throw .invalid("a cursor's key") }
        self.init(seq: seq, table: table, key: key)
    }
}

/// Lower-case hexadecimal and plain decimal numbers, as the hub's paths and queries spell them.
public enum Hex {
    /// Lower-case hex digits of `bytes`.
    public static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of an even number of lower-case hex digits; nil for anything else.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    /// A decimal `UInt64` without sign, space or leading zero; nil for anything else.
    public static func decimal(_ text: some StringProtocol) -> UInt64? {
        let utf8 = Array(text.utf8)
        guard !utf8.isEmpty, utf8.count <= 20, utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              utf8.count == 1 || utf8[0] != UInt8(ascii: "0") else { return nil }
        return UInt64(String(decoding: utf8, as: UTF8.self))
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
