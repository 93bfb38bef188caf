import AbriCrypto
import AbriVault
import Foundation
import Testing

/// The passphrase and the secret keys never appear in any output of any identity command.
struct IdentitySecrecyTests {
    @Test func secretsAppearInNoOutput() throws {
        let passphrase = "a very secret passphrase 7f3a"
        let cli = try CLI(passphrase: passphrase)
        let path = cli.home.file("me.identity")
        var outputs: [CLI.Result] = []
        outputs.append(try cli.run(["identity", "new", "--out", path, "--name", "Me"]))
        outputs.append(try cli.run(["identity", "new", "--out", path, "--name", "Me", "--json"]))
        outputs.append(try cli.run(["identity", "show", path]))
        outputs.append(try cli.run(["identity", "show", path, "--json"]))
        outputs.append(try cli.run(["identity", "check", path]))
        outputs.append(try cli.run(["identity", "check", path, "--json"]))
        let wrong = try cli.home.write("wrong", text: passphrase + "x\n")
        outputs.append(try cli.run(["identity", "check", path, "--passphrase-file", wrong]))
        let open = try cli.home.write("open", text: passphrase + "\n", mode: 0o644)
        outputs.append(try cli.run(["identity", "check", path, "--passphrase-file", open]))
        let bom = try cli.home.write("bom", [0xEF, 0xBB, 0xBF] + Array(passphrase.utf8))
        outputs.append(try cli.run(["identity", "new", "--out", cli.home.file("b"), "--passphrase-file", bom]))
        outputs.append(try cli.run(["identity", "check", path], environment: ["ABRI_TEST_CRASH": "1"]))
        #expect(outputs[0].status == 0)

        let identity = try Identity.unlock(contentsOf: path, passphrase: SecureBytes(copying: Array(passphrase.utf8)))
        var secrets: [[UInt8]] = []
        try identity.withLocalKeys { boxKeyPair, signingKeyPair in
            boxKeyPair.secretKey.withUnsafeBytes { secrets.append(Array($0)) }
            try signingKeyPair.seed().withUnsafeBytes { secrets.append(Array($0)) }
        }

        var needles = [passphrase, String(passphrase.prefix(12))]
        for secret in secrets {
            let hex = secret.map { String(format: "%02x", $0) }.joined()
            needles += [hex, hex.uppercased(), String(hex.prefix(16)), Data(secret).base64EncodedString(),
                        String(Data(secret).base64EncodedString().prefix(12)), secret.map(String.init).joined(separator: ", ")]
        }
        for result in outputs {
            for needle in needles {
                #expect(!result.stdout.contains(needle) && !result.stderr.contains(needle), "a secret leaked in \(result)")
            }
        }
    }
}
