import AbriCrypto
import AbriVault
import Foundation
import Testing

/// The committed test identities in `Keys/`: format v1 files that must keep opening.
struct IdentityKeysTests {
    static let keys = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Keys").path
    static let passphrase = "abri public test passphrase"

    @Test(arguments: ["alice", "bob"])
    func committedIdentityStillOpens(_ who: String) throws {
        let path = "\(Self.keys)/test-\(who).identity"
        let line = try String(contentsOfFile: "\(Self.keys)/test-\(who).pub", encoding: .utf8)
        let published = try PublicIdentity(parsing: line)
        let (shown, name) = try Identity.readPublic(contentsOf: path)
        #expect(shown == published)
        #expect(name.hasPrefix("Test ") && name.hasSuffix("(public test identity)"))
        let identity = try Identity.unlock(contentsOf: path, passphrase: SecureBytes(copying: Array(Self.passphrase.utf8)))
        #expect(identity.publicIdentity == published)
    }
}
