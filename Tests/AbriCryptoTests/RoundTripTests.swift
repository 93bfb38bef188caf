@_spi(Testing) import AbriCrypto
import Testing

/// Round trips and tampering for AEAD, sealed boxes, X25519 and signatures.
struct RoundTripTests {
    @Test(arguments: [0, 1, 16, 1000, 65536 + 7])
    func aeadRoundTripsAndBindsAssociatedData(size: Int) throws {
        let key = try SecureBytes.random(count: AEAD.keyBytes)
        let plaintext = Random.bytes(size)
        let sealed = try AEAD.seal(plaintext, key: key, associatedData: [1, 2, 3])
        #expect(sealed.count == size + AEAD.overhead)
        #expect(try AEAD.open(sealed, key: key, associatedData: [1, 2, 3]) == plaintext)
        #expect(try revealed(AEAD.openSecret(sealed, key: key, associatedData: [1, 2, 3])) == plaintext)
        #expect(throws: AbriCryptoError.authenticationFailed) { try AEAD.open(sealed, key: key, associatedData: [1, 2]) }
        #expect(throws: AbriCryptoError.authenticationFailed) {
            try AEAD.open(sealed, key: try SecureBytes.random(count: 32), associatedData: [1, 2, 3])
        }
    }

    @Test func aeadNoncesAreFreshForEachSealing() throws {
        let key = try SecureBytes.random(count: 32)
        let a = try AEAD.seal([1, 2, 3], key: key, associatedData: [])
        let b = try AEAD.seal([1, 2, 3], key: key, associatedData: [])
        #expect(a.prefix(AEAD.nonceBytes) != b.prefix(AEAD.nonceBytes))
    }

    @Test func everyFlippedBitOfASealedMessageFails() throws {
        let key = try SecureBytes.random(count: 32)
        let sealed = try AEAD.seal(Array("a small message".utf8), key: key, associatedData: [7])
        for bit in 0..<(sealed.count * 8) {
            #expect(throws: AbriCryptoError.authenticationFailed, "bit \(bit)") {
                try AEAD.open(flipping(sealed, bit: bit), key: key, associatedData: [7])
            }
        }
        #expect(throws: AbriCryptoError.authenticationFailed) { try AEAD.open(Array(sealed.dropLast()), key: key, associatedData: [7]) }
        #expect(throws: AbriCryptoError.authenticationFailed) { try AEAD.open([], key: key, associatedData: [7]) }
    }

    @Test func aeadSealsSecretsAndRefusesWrongKeyLengths() throws {
        let key = try SecureBytes.random(count: 32)
        let secret = try SecureBytes.random(count: 32)
        let sealed = try AEAD.seal(secret: secret, key: key, associatedData: [])
        let opened = try AEAD.openSecret(sealed, key: key, associatedData: [])
        let same = opened.constantTimeEquals(secret)
        #expect(same)
        #expect(throws: AbriCryptoError.invalidLength("aead key must be 32 bytes")) {
            try AEAD.seal([1], key: try SecureBytes.random(count: 16), associatedData: [])
        }
    }

    @Test(arguments: [0, 1, 32, 5000])
    func sealedBoxesRoundTripOnlyForTheirKeyPair(size: Int) throws {
        let recipient = try BoxKeyPair.generate()
        let stranger = try BoxKeyPair.generate()
        let message = Random.bytes(size)
        let box = try SealedBox.seal(message, to: recipient.publicKey)
        #expect(box.count == size + SealedBox.overhead)
        #expect(try revealed(SealedBox.open(box, with: recipient)) == message)
        #expect(throws: AbriCryptoError.authenticationFailed) { _ = try SealedBox.open(box, with: stranger) }
        if size > 0 {
            #expect(throws: AbriCryptoError.authenticationFailed) { _ = try SealedBox.open(flipping(box, bit: 8 * box.count - 1), with: recipient) }
        }
    }

    @Test func everyFlippedBitOfASealedBoxFails() throws {
        let recipient = try BoxKeyPair.generate()
        let box = try SealedBox.seal(secret: try SecureBytes(copying: [1, 2, 3, 4]), to: recipient.publicKey)
        for bit in 0..<(box.count * 8) {
            #expect(throws: AbriCryptoError.authenticationFailed, "bit \(bit)") { _ = try SealedBox.open(flipping(box, bit: bit), with: recipient) }
        }
    }

    @Test func boxKeyPairsRebuildFromSeedOrSecretKey() throws {
        let seed = try SecureBytes.random(count: 32)
        let a = try BoxKeyPair(seed: seed)
        let b = try BoxKeyPair(seed: seed)
        #expect(a.publicKey == b.publicKey)
        let c = try BoxKeyPair(secretKey: a.secretKey)
        #expect(c.publicKey == a.publicKey)
        #expect(throws: AbriCryptoError.self) { try SealedBox.seal([1], to: [1, 2, 3]) }
    }

    @Test func x25519AgreesBothWaysAndRefusesLowOrderPoints() throws {
        let alice = try BoxKeyPair.generate(), bob = try BoxKeyPair.generate()
        let ab = try X25519.sharedSecret(secretKey: alice.secretKey, publicKey: bob.publicKey)
        let ba = try X25519.sharedSecret(secretKey: bob.secretKey, publicKey: alice.publicKey)
        #expect(revealed(ab) == revealed(ba))
        #expect(throws: AbriCryptoError.failure("weak public key")) {
            _ = try X25519.sharedSecret(secretKey: alice.secretKey, publicKey: [UInt8](repeating: 0, count: 32))
        }
    }

    @Test func signaturesVerifyOnlyForTheirMessageAndKey() throws {
        let signer = try SigningKeyPair.generate()
        let message = Array("grant record 42 to partner 7".utf8)
        let signature = try signer.sign(message)
        #expect(signature.count == 64)
        #expect(Ed25519.isValidSignature(signature, for: message, publicKey: signer.publicKey))
        #expect(!Ed25519.isValidSignature(signature, for: message + [0], publicKey: signer.publicKey))
        #expect(!Ed25519.isValidSignature(signature, for: message, publicKey: try SigningKeyPair.generate().publicKey))
        #expect(!Ed25519.isValidSignature(Array(signature.dropLast()), for: message, publicKey: signer.publicKey))
        for bit in stride(from: 0, to: 512, by: 7) {
            #expect(!Ed25519.isValidSignature(flipping(signature, bit: bit), for: message, publicKey: signer.publicKey))
        }
        #expect(Ed25519.isValidSignature(try signer.sign([]), for: [], publicKey: signer.publicKey))
    }

    @Test func signingKeyPairsRebuildFromTheirSeed() throws {
        let signer = try SigningKeyPair.generate()
        let rebuilt = try SigningKeyPair(seed: signer.seed())
        #expect(rebuilt.publicKey == signer.publicKey)
        // Ed25519 signatures are deterministic.
        #expect(try rebuilt.sign([1, 2, 3]) == signer.sign([1, 2, 3]))
    }

    /// RFC 8032 test 1: the empty message under a known seed.
    @Test func ed25519MatchesRFC8032TestOne() throws {
        let seed = try SecureBytes(copying: hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
        let signer = try SigningKeyPair(seed: seed)
        #expect(signer.publicKey == hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))
        #expect(try signer.sign([]) == hex(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"))
    }
}

@Test func sealingASecretUnderAChosenNonceMatchesSealingItsBytes() throws {
    let key = try SecureBytes.random(count: AEAD.keyBytes)
    let nonce = Random.bytes(AEAD.nonceBytes)
    let bytes = Random.bytes(64)
    let secret = try SecureBytes(copying: bytes)
    let fromSecret = try AEAD.seal(secret: secret, key: key, nonce: nonce, associatedData: [1, 2, 3])
    #expect(fromSecret == (try AEAD.seal(bytes, key: key, nonce: nonce, associatedData: [1, 2, 3])))
    #expect((try AEAD.open(fromSecret, key: key, nonce: nonce, associatedData: [1, 2, 3])) == bytes)
}
