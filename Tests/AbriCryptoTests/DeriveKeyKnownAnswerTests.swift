import AbriCrypto
import Testing

/// Known answers for `Argon2id.deriveKey`, the function identity files are unlocked with
/// (IdentityFile.unlock and IdentityFile.seal call it with the parameters and the 16-byte salt of the file).
///
/// Source: the Argon2 reference implementation's command-line tool (Debian's `argon2` package, P-H-C
/// phc-winner-argon2, not libsodium), run as
/// `printf %s PASSPHRASE | argon2 SALT -id -t OPS -k MEM_KIB -p 1 -l 32 -r`
/// (libsodium's Argon2id is version 1.3, one lane; its memory limit is in bytes, the tool's in KiB).
struct DeriveKeyKnownAnswerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var passphrase: String
        var salt: String
        var opsLimit: UInt64
        var memKiB: UInt64
        var key: String
        var testDescription: String { "t=\(opsLimit) m=\(memKiB) KiB" }
    }

    static let cases = [
        // The minimum costs, which the tests' fast KDF uses.
        Case(passphrase: "correct horse battery staple", salt: "abri-kat-salt-16", opsLimit: 1, memKiB: 8,
             key: "28c67f2865e25c8435d70cccd5af43f9eee556483c67edca0d7069574646151a"),
        Case(passphrase: "correct horse battery staple", salt: "abri-kat-salt-16", opsLimit: 3, memKiB: 64,
             key: "8787514d2939892de646d974ba08079bce2288a85cd1e4e6d91aae2b3f6406ee"),
        // A UTF-8 passphrase (NFC), as the CLI passes it.
        Case(passphrase: "phrase secrète à Calais", salt: "0123456789abcdef", opsLimit: 2, memKiB: 256,
             key: "f728811491910805b20771f3530431e79d521a2a3d3f8fc27a063930b63e4677"),
    ]

    @Test(arguments: cases)
    func deriveKeyMatchesTheArgon2Reference(_ known: Case) throws {
        let passphrase = try SecureBytes(copying: Array(known.passphrase.utf8))
        let key = try Argon2id.deriveKey(passphrase: passphrase, salt: Array(known.salt.utf8),
                                         parameters: .init(opsLimit: known.opsLimit, memLimit: known.memKiB * 1024), length: 32)
        let bytes = key.withUnsafeBytes { Array($0) }
        #expect(bytes == hex(known.key))
    }
}
