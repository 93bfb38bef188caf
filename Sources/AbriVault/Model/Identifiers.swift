import AbriCrypto
public import AbriPublic

/// A case's id: 16 random bytes, written in Crockford base32 (26 characters).
public struct CaseID: Hashable, Sendable, CustomStringConvertible {
    /// The id's bytes.
    public let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    static func random() -> CaseID { CaseID(bytes: Random.bytes(16)) }

    /// Parses a case id as the user typed it. A malformed one (a wrong length, a letter outside the alphabet, its
    /// last character's spare bits set) is a typo, said as such (64): no case can have that id, so saying so tells
    /// nothing about which cases exist.
    public init(parsing text: String) throws {
        guard let bytes = Crockford.decode(text.trimmingCharacters(in: .whitespaces), byteCount: 16) else {
            throw AbriError.usage("\(text) is not a case id: it looks mistyped (a case id is 26 letters and digits; copy it from `abri cases`)")
        }
        self.bytes = bytes
    }

    /// The one answer for an unknown case and a case without a grant, so that they cannot be told apart.
    public static let unknownMessage = "no case with that id is open to you (check the id, or ask a partner who holds it to share it)"

    public var description: String { Crockford.encode(bytes) }
}

/// A record's id within a case.
public struct RecordID: Hashable, Sendable, CustomStringConvertible {
    /// The id's bytes.
    public let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    static func random() -> RecordID { RecordID(bytes: Random.bytes(16)) }

    public var description: String { Crockford.encode(bytes) }
}

/// The two parts of every record: what anyone holding the case may read, and what locates the victim.
public enum Compartment: UInt8, Sendable, CaseIterable, Codable {
    /// Everything but the locating fields.
    case general = 0
    /// The locating fields and, unless marked general, the attachments.
    case locating = 1

    /// The name used in JSON output and log details.
    public var name: String { self == .general ? "general" : "locating" }
}

import Foundation
