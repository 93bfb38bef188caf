@_spi(Testing) import AbriCrypto
import Testing

/// libsodium-independent known answers: BLAKE2b's own KATs and the Argon2 reference's.
struct KnownAnswerTests {
    /// blake2b-kat.txt holds blocks of "in:", "key:", "hash:" lines.
    @Test func blake2bKeyedMatchesAll256ReferenceAnswers() throws {
        var input: [UInt8]? = nil, key: [UInt8]? = nil
        var run = 0
        for line in try Vectors.text("blake2b/blake2b-kat.txt").split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? String(parts[1]) : ""
            switch parts.first {
            case "in:": input = hex(value)
            case "key:": key = hex(value)
            case "hash:":
                let hash = try BLAKE2b.keyedHash(try #require(input), key: try #require(key), length: 64)
                #expect(hash == hex(value), "case \(run)")
                let secretKey = try SecureBytes(copying: try #require(key))
                #expect(try BLAKE2b.keyedHash(try #require(input), key: secretKey, length: 64) == hash)
                run += 1
            default: continue
            }
        }
        #expect(run == 256)
    }

    @Test func blake2bIncrementalHashingMatchesOneShot() throws {
        let message = Random.bytes(1000)
        let key = try SecureBytes.random(count: 32)
        var keyed = try BLAKE2bHasher(length: 32, key: key)
        var plain = try BLAKE2bHasher(length: 64)
        for piece in stride(from: 0, to: message.count, by: 77) {
            let slice = Array(message[piece..<min(piece + 77, message.count)])
            keyed.update(slice)
            plain.update(slice)
        }
        #expect(keyed.finalize() == (try BLAKE2b.keyedHash(message, key: key)))
        #expect(plain.finalize() == BLAKE2b.hash(message, length: 64))
    }

    @Test func blake2bOfEmptyInputIsTheKnownValue() {
        #expect(BLAKE2b.hash([], length: 64) == hex(
            "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce"))
    }

    /// The TSV's 8-byte salts do not fit crypto_pwhash, so the encoded strings are checked instead.
    @Test func argon2idAcceptsEveryReferenceEncodingAndRejectsOtherPasswords() throws {
        var run = 0
        for line in try Vectors.text("argon2id/phc-argon2id.tsv").split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t").map(String.init)
            try #require(columns.count == 7)
            let password = Array(columns[3].utf8), encoded = columns[6]
            #expect(Argon2id.verify(encoded: encoded, password: password), "row \(run)")
            #expect(!Argon2id.verify(encoded: encoded, password: password + [0x21]), "row \(run)")
            run += 1
        }
        #expect(run == 8)
    }

    @Test func argon2idDerivationIsDeterministicAndDependsOnEveryInput() throws {
        let passphrase = try SecureBytes(copying: Array("correct horse battery staple".utf8))
        let salt = [UInt8](repeating: 7, count: Argon2id.saltBytes)
        let a = try Argon2id.deriveKey(passphrase: passphrase, salt: salt, parameters: .minimum)
        let b = try Argon2id.deriveKey(passphrase: passphrase, salt: salt, parameters: .minimum)
        #expect(a.count == 32)
        #expect(revealed(a) == revealed(b))
        let otherSalt = try Argon2id.deriveKey(passphrase: passphrase, salt: flipping(salt, bit: 0), parameters: .minimum)
        #expect(revealed(a) != revealed(otherSalt))
        let otherPassphrase = try Argon2id.deriveKey(
            passphrase: try SecureBytes(copying: Array("correct horse battery stapler".utf8)), salt: salt, parameters: .minimum)
        #expect(revealed(a) != revealed(otherPassphrase))
        let slower = try Argon2id.deriveKey(
            passphrase: passphrase, salt: salt,
            parameters: .init(opsLimit: Argon2id.Parameters.minimum.opsLimit + 1, memLimit: Argon2id.Parameters.minimum.memLimit))
        #expect(revealed(a) != revealed(slower))
    }

    @Test func argon2idRefusesShortSaltsAndAcceptsAnEmptyPassphrase() throws {
        let passphrase = try SecureBytes(count: 0)
        #expect(throws: AbriCryptoError.invalidLength("salt must be 16 bytes")) {
            _ = try Argon2id.deriveKey(passphrase: passphrase, salt: [1, 2, 3], parameters: .minimum)
        }
        let key = try Argon2id.deriveKey(passphrase: passphrase, salt: Random.bytes(16), parameters: .minimum, length: 64)
        #expect(key.count == 64)
    }

    @Test func productionArgon2idParametersAreLibsodiumsNamedLevels() {
        #expect(Argon2id.Parameters.interactive == .init(opsLimit: 2, memLimit: 64 << 20))
        #expect(Argon2id.Parameters.moderate == .init(opsLimit: 3, memLimit: 256 << 20))
        #expect(Argon2id.Parameters.sensitive == .init(opsLimit: 4, memLimit: 1 << 30))
    }

    @Test func sha256MatchesKnownAnswersAndIncrementalHashing() {
        #expect(SHA256.hash([]) == hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
        #expect(SHA256.hash(Array("abc".utf8)) == hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        var hasher = SHA256Hasher()
        hasher.update(Array("a".utf8))
        let snapshot = hasher
        hasher.update(Array("bc".utf8))
        #expect(hasher.finalize() == SHA256.hash(Array("abc".utf8)))
        #expect(snapshot.finalize() == SHA256.hash(Array("a".utf8)))
    }

    @Test func kdfSubkeysDifferByIdAndContextAndAreStable() throws {
        let master = try SecureBytes.random(count: KDF.masterKeyBytes)
        let a = try KDF.deriveSubkey(from: master, id: 1, context: "abrirecs")
        #expect(try revealed(a) == revealed(KDF.deriveSubkey(from: master, id: 1, context: "abrirecs")))
        #expect(try revealed(a) != revealed(KDF.deriveSubkey(from: master, id: 2, context: "abrirecs")))
        #expect(try revealed(a) != revealed(KDF.deriveSubkey(from: master, id: 1, context: "abrigrnt")))
        #expect(try KDF.deriveSubkey(from: master, id: 1, context: "abrirecs", length: 64).count == 64)
        #expect(throws: AbriCryptoError.self) { _ = try KDF.deriveSubkey(from: try SecureBytes(count: 16), id: 1, context: "abrirecs") }
    }

    /// crypto_kdf is keyed BLAKE2b with the id as salt and the context as personalization;
    /// the expected value was computed apart with Python's hashlib.blake2b(key=00…1f,
    /// salt=LE64(0)‖0⁸, person="KDF test"‖0⁸, digest_size=32).
    @Test func kdfMatchesAnIndependentBLAKE2bComputation() throws {
        let master = try SecureBytes(copying: (0..<32).map { UInt8($0) })
        let subkey = try KDF.deriveSubkey(from: master, id: 0, context: "KDF test", length: 32)
        let expected = try SecureBytes(copying: hex("c13fcc2e6cd0cd0f82d93b163a5696c5105378f8c629d36baf3ae0239de9c280"))
        #expect(revealed(subkey) == revealed(expected))
    }
}

/// The shared key of a box pair (`crypto_box_beforenm`) against NaCl's own example: RFC 7748's Alice and Bob,
/// whose X25519 secret, through HSalsa20, is NaCl's `firstkey`; and the same key from either side.
struct SharedKeyTests {
    static let aliceSecret = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
    static let bobSecret = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")
    static let firstKey = hex("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389")

    @Test func naclsFirstKeyFromEitherSide() throws {
        let alice = try BoxKeyPair(secretKey: try SecureBytes(copying: Self.aliceSecret))
        let bob = try BoxKeyPair(secretKey: try SecureBytes(copying: Self.bobSecret))
        let fromAlice = try alice.sharedKey(with: bob.publicKey)
        let fromBob = try bob.sharedKey(with: alice.publicKey)
        #expect(fromAlice.withUnsafeBytes { Array($0) } == Self.firstKey)
        #expect(fromBob.withUnsafeBytes { Array($0) } == Self.firstKey)
    }

    @Test func aLowOrderPublicKeyIsRefused() throws {
        let alice = try BoxKeyPair.generate()
        #expect(throws: AbriCryptoError.self) { try alice.sharedKey(with: [UInt8](repeating: 0, count: 32)) }
        #expect(throws: AbriCryptoError.self) { try alice.sharedKey(with: [UInt8](repeating: 0, count: 31)) }
    }
}
