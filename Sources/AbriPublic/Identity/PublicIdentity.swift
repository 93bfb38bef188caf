import AbriCrypto

/// The public half of an identity: an X25519 key that things are sealed to, and an Ed25519 key
/// that checks what the identity signs.
///
/// Written as one line, `abri1` followed by the base32 of both keys and a 4-byte checksum, so
/// that a person can paste it into an email and a mistyped copy is refused rather than trusted.
public struct PublicIdentity: Hashable, Sendable, CustomStringConvertible {
    /// The X25519 public key (32 bytes).
    public let boxPublicKey: [UInt8]
    /// The Ed25519 public key (32 bytes).
    public let signingPublicKey: [UInt8]

    /// The prefix of every line; the `1` is the version of the line format.
    public static let prefix = "abri1"

    package static let checksumContext = Array("abri-public-identity-v1".utf8)
    package static let checksumBytes = 4
    package static let keyBytes = 32

    /// The message of every refused line: it names the likely cause and the fix.
    package static let mistyped = AbriError.badData(
        "that public identity is mistyped or damaged (copy it again from `abri identity show`)"
    )

    /// A public identity from its two keys; a key of the wrong length is a programmer error.
    public init(boxPublicKey: [UInt8], signingPublicKey: [UInt8]) {
        precondition(boxPublicKey.count == Self.keyBytes && signingPublicKey.count == Self.keyBytes,
                     "public keys are 32 bytes")
        self.boxPublicKey = boxPublicKey
        self.signingPublicKey = signingPublicKey
    }

    /// Parses a line as `abri identity show` prints it; surrounding whitespace and upper case are
    /// accepted, anything else wrong throws `AbriError.badData` (65).
    public init(parsing text: String) throws {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.utf8.count > Self.prefix.utf8.count,
              trimmed.prefix(Self.prefix.count).lowercased() == Self.prefix,
              let decoded = Base32.decode(trimmed.dropFirst(Self.prefix.count)),
              decoded.count == 2 * Self.keyBytes + Self.checksumBytes
        else { throw Self.mistyped }

        let keys = Array(decoded[0..<(2 * Self.keyBytes)])
        let checksum = Array(decoded[(2 * Self.keyBytes)...])
        guard ConstantTime.equals(Self.checksum(of: keys), checksum) else { throw Self.mistyped }
        self.init(boxPublicKey: Array(keys[0..<Self.keyBytes]), signingPublicKey: Array(keys[Self.keyBytes...]))
    }

    /// The line: `abri1` + base32(X25519 key ‖ Ed25519 key ‖ checksum), lower case, no padding.
    public var line: String {
        let keys = boxPublicKey + signingPublicKey
        return Self.prefix + Base32.encode(keys + Self.checksum(of: keys))
    }

    /// The same as `line`.
    public var description: String { line }

    /// What two people read out to each other to compare a public identity out of band: the first 16 bytes of
    /// BLAKE2b-256("abri-fingerprint-v1" ‖ line) in eight groups of four hex digits, such as `3f2a 9c1b …`.
    public var fingerprint: String {
        let digest = BLAKE2b.hash(Array("abri-fingerprint-v1".utf8) + Array(line.utf8), length: 32).prefix(16)
        let digits = Array("0123456789abcdef")
        let hex = String(digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
        return stride(from: 0, to: hex.count, by: 4).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return String(hex[start ..< hex.index(start, offsetBy: 4)])
        }.joined(separator: " ")
    }

    /// The first 4 bytes of BLAKE2b-256("abri-public-identity-v1" ‖ keys): catches typos, not forgeries.
    package static func checksum(of keys: [UInt8]) -> [UInt8] {
        Array(BLAKE2b.hash(checksumContext + keys, length: 32).prefix(checksumBytes))
    }
}

extension PublicIdentity: Codable {
    /// Decodes the line string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(parsing: container.decode(String.self))
    }

    /// Encodes as the line string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(line)
    }
}

extension String {
    /// The string without leading and trailing whitespace or newlines (no Foundation needed).
    package func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
