import AbriCrypto
@testable import AbriVault
import Foundation
import Testing

/// The public identity line: one spelling per identity, and typos refused.
struct IdentityPublicTests {
    static let mistyped = AbriError.badData("that public identity is mistyped or damaged (copy it again from `abri identity show`)")

    static func sample() -> PublicIdentity {
        PublicIdentity(boxPublicKey: (0..<32).map { UInt8($0) }, signingPublicKey: (0..<32).map { UInt8(255 - $0) })
    }

    @Test func lineRoundTrips() throws {
        let identity = Self.sample()
        let line = identity.line
        #expect(line.hasPrefix("abri1"))
        #expect(line.count == 5 + 109)
        #expect(line == line.lowercased())
        #expect(try PublicIdentity(parsing: line) == identity)
        #expect(try PublicIdentity(parsing: "  \(line.uppercased())\n") == identity)
    }

    /// A fixed vector, so that the line format cannot drift unnoticed.
    @Test func knownAnswer() throws {
        let keys = Self.sample().boxPublicKey + Self.sample().signingPublicKey
        let checksum = Array(BLAKE2b.hash(Array("abri-public-identity-v1".utf8) + keys, length: 32).prefix(4))
        #expect(Self.sample().line == "abri1" + Base32.encode(keys + checksum))
        #expect(Base32.encode(Array("foobar".utf8)) == "mzxw6ytboi")  // RFC 4648 section 10, lower case, no padding
        #expect(Base32.decode("mzxw6ytboi") == Array("foobar".utf8))
        #expect(Base32.decode("MZXW6YQ") == Array("foob".utf8))
    }

    @Test func everyChangedCharacterIsRefused() throws {
        let line = Array(Self.sample().line)
        for position in line.indices {
            var changed = line
            changed[position] = changed[position] == "a" ? "b" : "a"
            #expect(throws: Self.mistyped, "position \(position)") { _ = try PublicIdentity(parsing: String(changed)) }
        }
    }

    @Test func droppedOrAddedCharacterIsRefused() throws {
        let line = Self.sample().line
        for position in [0, 5, 50, line.count - 1] {
            var dropped = Array(line)
            dropped.remove(at: position)
            #expect(throws: Self.mistyped) { _ = try PublicIdentity(parsing: String(dropped)) }
        }
        for bad in [line + "a", "", "abri1", "abri2" + line.dropFirst(5), line.replacingOccurrences(of: "a", with: "1"),
                    line.replacingOccurrences(of: "abri1", with: "abri1 "), String(line.dropLast()) + "é"] {
            #expect(throws: Self.mistyped) { _ = try PublicIdentity(parsing: bad) }
        }
    }

    @Test func codableAsItsLine() throws {
        let encoded = try JSONEncoder().encode([Self.sample()])
        #expect(String(decoding: encoded, as: UTF8.self) == "[\"\(Self.sample().line)\"]")
        #expect(try JSONDecoder().decode([PublicIdentity].self, from: encoded) == [Self.sample()])
    }
}
