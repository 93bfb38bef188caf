@_spi(Testing) import AbriCrypto
import Testing

/// Wycheproof vectors (C2SP/wycheproof testvectors_v1), one helper per family; every case runs and is counted.
struct WycheproofTests {
    struct File<Group: Decodable>: Decodable {
        let numberOfTests: Int
        let testGroups: [Group]
    }

    struct AEADGroup: Decodable {
        let ivSize: Int
        let tests: [AEADCase]
    }

    struct AEADCase: Decodable {
        let tcId: Int
        let key, iv, aad, msg, ct, tag, result: String
    }

    /// Runs an AEAD file: valid cases must give the exact ciphertext and tag and open again; invalid ones
    /// (including every nonce of another size) must be refused without releasing plaintext.
    func runAEAD(
        _ path: String, nonceBytes: Int,
        seal: ([UInt8], borrowing SecureBytes, [UInt8], [UInt8]) throws -> [UInt8],
        open: ([UInt8], borrowing SecureBytes, [UInt8], [UInt8]) throws -> [UInt8]
    ) throws -> (run: Int, otherNonceSize: Int) {
        let file = try Vectors.json(File<AEADGroup>.self, path)
        var run = 0, otherNonceSize = 0
        for group in file.testGroups {
            for test in group.tests {
                run += 1
                let key = try SecureBytes(copying: hex(test.key))
                let nonce = hex(test.iv), aad = hex(test.aad), msg = hex(test.msg)
                let sealed = hex(test.ct) + hex(test.tag)
                if group.ivSize != nonceBytes * 8 {
                    otherNonceSize += 1
                    #expect(throws: AbriCryptoError.invalidLength("nonce must be \(nonceBytes) bytes"), "tcId \(test.tcId)") {
                        try open(sealed, key, nonce, aad)
                    }
                    continue
                }
                switch test.result {
                case "valid":
                    #expect(try seal(msg, key, nonce, aad) == sealed, "tcId \(test.tcId)")
                    #expect(try open(sealed, key, nonce, aad) == msg, "tcId \(test.tcId)")
                default:
                    var released: [UInt8]? = nil
                    #expect(throws: AbriCryptoError.authenticationFailed, "tcId \(test.tcId)") {
                        released = try open(sealed, key, nonce, aad)
                    }
                    #expect(released == nil)
                }
            }
        }
        #expect(run == file.numberOfTests)
        return (run, otherNonceSize)
    }

    @Test func xchacha20Poly1305MatchesEveryWycheproofCase() throws {
        let counts = try runAEAD(
            "wycheproof/xchacha20_poly1305_test.json", nonceBytes: AEAD.nonceBytes,
            seal: { m, k, n, ad in try AEAD.seal(m, key: k, nonce: n, associatedData: ad) },
            open: { c, k, n, ad in try AEAD.open(c, key: k, nonce: n, associatedData: ad) })
        #expect(counts.run == 315)
        #expect(counts.otherNonceSize == 9)
    }

    @Test func chacha20Poly1305MatchesEveryWycheproofCase() throws {
        let counts = try runAEAD(
            "wycheproof/chacha20_poly1305_test.json", nonceBytes: ChaChaPolyIETF.nonceBytes,
            seal: { m, k, n, ad in try ChaChaPolyIETF.seal(m, key: k, nonce: n, associatedData: ad) },
            open: { c, k, n, ad in try ChaChaPolyIETF.open(c, key: k, nonce: n, associatedData: ad) })
        #expect(counts.run == 325)
        #expect(counts.otherNonceSize == 9)
    }

    struct X25519Group: Decodable {
        let tests: [X25519Case]
    }

    struct X25519Case: Decodable {
        let tcId: Int
        let `public`, `private`, shared, result: String
    }

    /// Valid cases must match; acceptable ones must match or be refused (libsodium refuses the all-zero results).
    @Test func x25519MatchesEveryWycheproofCase() throws {
        let file = try Vectors.json(File<X25519Group>.self, "wycheproof/x25519_test.json")
        var run = 0, refused = 0
        for test in file.testGroups.flatMap(\.tests) {
            run += 1
            let secretKey = try SecureBytes(copying: hex(test.private))
            let expected = hex(test.shared)
            switch test.result {
            case "valid":
                let shared = try X25519.sharedSecret(secretKey: secretKey, publicKey: hex(test.public))
                #expect(revealed(shared) == expected, "tcId \(test.tcId)")
            case "acceptable":
                do {
                    let shared = try X25519.sharedSecret(secretKey: secretKey, publicKey: hex(test.public))
                    #expect(revealed(shared) == expected, "tcId \(test.tcId)")
                } catch {
                    #expect(error as? AbriCryptoError == .failure("weak public key"))
                    #expect(expected.allSatisfy { $0 == 0 }, "only all-zero results are refused, tcId \(test.tcId)")
                    refused += 1
                }
            default:
                Issue.record("unexpected result \(test.result) in tcId \(test.tcId)")
            }
        }
        #expect(run == file.numberOfTests)
        #expect(refused == 31)
    }

    struct Ed25519Group: Decodable {
        struct PublicKey: Decodable { let pk: String }
        let publicKey: PublicKey
        let tests: [Ed25519Case]
    }

    struct Ed25519Case: Decodable {
        let tcId: Int
        let msg, sig, result: String
    }

    @Test func ed25519VerifiesEveryWycheproofCase() throws {
        let file = try Vectors.json(File<Ed25519Group>.self, "wycheproof/ed25519_test.json")
        var run = 0
        for group in file.testGroups {
            let publicKey = hex(group.publicKey.pk)
            for test in group.tests {
                run += 1
                let valid = Ed25519.isValidSignature(hex(test.sig), for: hex(test.msg), publicKey: publicKey)
                #expect(valid == (test.result == "valid"), "tcId \(test.tcId)")
            }
        }
        #expect(run == file.numberOfTests)
    }

    struct MACGroup: Decodable {
        let tagSize: Int
        let tests: [MACCase]
    }

    struct MACCase: Decodable {
        let tcId: Int
        let key, msg, tag, result: String
    }

    /// Tags may be truncated: compare the first tagSize bits.
    @Test func hmacSHA256MatchesEveryWycheproofCase() throws {
        let file = try Vectors.json(File<MACGroup>.self, "wycheproof/hmac_sha256_test.json")
        var run = 0
        for group in file.testGroups {
            for test in group.tests {
                run += 1
                let tag = HMACSHA256.authenticate(hex(test.msg), key: hex(test.key))
                let matches = Array(tag.prefix(group.tagSize / 8)) == hex(test.tag)
                #expect(matches == (test.result == "valid"), "tcId \(test.tcId)")
            }
        }
        #expect(run == file.numberOfTests)
    }

    struct HKDFGroup: Decodable {
        let tests: [HKDFCase]
    }

    struct HKDFCase: Decodable {
        let tcId: Int
        let ikm, salt, info, okm, result: String
        let size: Int
    }

    @Test func hkdfSHA256MatchesEveryWycheproofCase() throws {
        let file = try Vectors.json(File<HKDFGroup>.self, "wycheproof/hkdf_sha256_test.json")
        var run = 0
        for test in file.testGroups.flatMap(\.tests) {
            run += 1
            let derive = { try HKDF.sha256(inputKeyMaterial: hex(test.ikm), salt: hex(test.salt), info: hex(test.info), length: test.size) }
            if test.result == "valid" {
                #expect(try derive() == hex(test.okm), "tcId \(test.tcId)")
            } else {
                #expect(throws: AbriCryptoError.self, "tcId \(test.tcId)") { try derive() }
            }
        }
        #expect(run == file.numberOfTests)
    }
}
