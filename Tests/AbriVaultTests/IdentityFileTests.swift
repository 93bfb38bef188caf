import AbriCrypto
@testable import AbriVault
import Foundation
import Testing

/// The identity file format: round trip, and every damaged byte refused.
struct IdentityFileTests {
    static let fast = Argon2id.Parameters.minimum

    static func passphrase(_ text: String = "correct horse battery staple") throws -> SecureBytes {
        try SecureBytes(copying: Array(text.utf8))
    }

    static func sampleFile(name: String = "Alice") throws -> (bytes: [UInt8], publicIdentity: PublicIdentity) {
        let identity = try Identity.generate(name: name)
        let bytes = try identity.fileBytes(passphrase: passphrase(), parameters: fast)
        return (bytes, identity.publicIdentity)
    }

    @Test func roundTripKeepsKeysAndName() throws {
        let identity = try Identity.generate(name: "Élodie")
        let bytes = try identity.fileBytes(passphrase: Self.passphrase(), parameters: Self.fast)
        #expect(bytes.count == 241 + "Élodie".utf8.count)
        let opened = try Identity.unlock(fileBytes: bytes, passphrase: Self.passphrase())
        #expect(opened.publicIdentity == identity.publicIdentity)
        #expect(opened.name == "Élodie")
        let sameSecret = try opened.withLocalKeys { openedBox, _ in
            try identity.withLocalKeys { box, _ in openedBox.secretKey.constantTimeEquals(box.secretKey) }
        }
        #expect(sameSecret)
        let message = Array("signed".utf8)
        let signature = try opened.sign(message)
        #expect(Ed25519.isValidSignature(signature, for: message, publicKey: identity.publicIdentity.signingPublicKey))
    }

    @Test func layoutMatchesTheSpecification() throws {
        let (bytes, publicIdentity) = try Self.sampleFile(name: "Bob")
        #expect(Array(bytes[0..<8]) == Array("ABRIID".utf8) + [0, 1])
        #expect(bytes[8] == UInt8(Self.fast.opsLimit) && bytes[9..<16].allSatisfy { $0 == 0 })
        #expect(Array(bytes[64..<96]) == publicIdentity.boxPublicKey)
        #expect(Array(bytes[96..<128]) == publicIdentity.signingPublicKey)
        #expect(bytes[128] == 3)
        #expect(Array(bytes[129..<132]) == Array("Bob".utf8))
        #expect(Array(bytes[(bytes.count - 32)...]) == BLAKE2b.hash(Array(bytes[..<(bytes.count - 32)]), length: 32))
    }

    @Test func twoSealingsDiffer() throws {
        let identity = try Identity.generate(name: "")
        let a = try identity.fileBytes(passphrase: Self.passphrase(), parameters: Self.fast)
        let b = try identity.fileBytes(passphrase: Self.passphrase(), parameters: Self.fast)
        #expect(a != b)  // fresh salt and nonce each time
        #expect(a.count == 241)
    }

    @Test func wrongPassphraseIsNotPermitted() throws {
        let (bytes, _) = try Self.sampleFile()
        #expect(throws: AbriError.self) {
            _ = try Identity.unlock(fileBytes: bytes, passphrase: Self.passphrase("wrong"))
        }
        do {
            _ = try Identity.unlock(fileBytes: bytes, passphrase: Self.passphrase("wrong"))
        } catch let error as AbriError {
            #expect(error.exitCode == 77)
            #expect(error.message.hasPrefix("wrong passphrase ("))
        }
    }

    /// Each byte of the file flipped in turn: every one is refused as damaged (65), before or
    /// after the passphrase, never accepted and never a crash.
    @Test func everyFlippedByteIsRefused() throws {
        let (bytes, _) = try Self.sampleFile(name: "Al")
        for position in bytes.indices {
            var damaged = bytes
            damaged[position] ^= 0x01
            do {
                _ = try Identity.unlock(fileBytes: damaged, passphrase: Self.passphrase())
                Issue.record("byte \(position) flipped was accepted")
            } catch let error as AbriError {
                #expect(error.exitCode == 65, "byte \(position): \(error.message)")
            }
        }
    }

    /// With a valid checksum recomputed, a changed header still fails: the AEAD binds it (77),
    /// or the bounds check refuses it (65).
    @Test func rewrittenHeaderWithFreshChecksumIsRefused() throws {
        let (bytes, _) = try Self.sampleFile()
        for position in [24, 40, 64, 100, 129, 140] {
            var forged = Array(bytes[..<(bytes.count - 32)])
            forged[position] ^= 0x80
            forged += BLAKE2b.hash(forged, length: 32)
            #expect(throws: AbriError.self) { _ = try Identity.unlock(fileBytes: forged, passphrase: Self.passphrase()) }
        }
    }

    @Test func truncatedOrExtendedFilesAreDamaged() throws {
        let (bytes, _) = try Self.sampleFile()
        for candidate in [Array(bytes.dropLast()), bytes + [0], [], Array(bytes.prefix(128))] {
            do {
                _ = try IdentityFile.parse(candidate)
                Issue.record("a file of \(candidate.count) bytes was accepted")
            } catch let error as AbriError {
                #expect(error.exitCode == 65)
                #expect(error.message.hasPrefix("the identity file is damaged ("))
            }
        }
    }

    @Test func outOfBoundsParametersAreDamaged() throws {
        let (bytes, _) = try Self.sampleFile()
        for (offset, value) in [(8, UInt64(0)), (8, 17), (16, 4096), (16, (1 << 30) + 1)] {
            var forged = Array(bytes[..<(bytes.count - 32)])
            for i in 0..<8 { forged[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
            forged += BLAKE2b.hash(forged, length: 32)
            #expect(throws: AbriError.badData("the identity file is damaged (key derivation parameters out of bounds: restore it from a backup copy)")) {
                _ = try IdentityFile.parse(forged)
            }
        }
    }

    @Test func namesAreCheckedAndNormalised() throws {
        #expect(try Identity.validatedName("E\u{301}lodie") == "\u{C9}lodie")
        #expect(throws: AbriError.self) { try Identity.validatedName(String(repeating: "a", count: 256)) }
        #expect(throws: AbriError.self) { try Identity.validatedName("line\nbreak") }
        #expect(try Identity.validatedName(String(repeating: "a", count: 255)).utf8.count == 255)
    }

    @Test func savedFileIsOwnerOnlyAndNeverOverwritten() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("abri-identity-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/me.identity"
        let identity = try Identity.generate(name: "Me")
        try identity.save(to: path, passphrase: Self.passphrase(), parameters: Self.fast)
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: AbriError.self) { try identity.save(to: path, passphrase: Self.passphrase(), parameters: Self.fast) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let (publicIdentity, name) = try Identity.readPublic(contentsOf: path)
        #expect(publicIdentity == identity.publicIdentity && name == "Me")
        let opened = try Identity.unlock(contentsOf: path, passphrase: Self.passphrase())
        #expect(opened.publicIdentity == identity.publicIdentity)
        #expect(throws: AbriError.noInput("cannot read the identity file \(directory)/absent: no such file or directory (check the path)")) {
            _ = try Identity.readPublic(contentsOf: directory + "/absent")
        }
    }

    @Test func symbolicLinkIsNotFollowed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("abri-identity-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory + "/link", withDestinationPath: directory + "/target")
        let identity = try Identity.generate(name: "")
        #expect(throws: AbriError.self) { try identity.save(to: directory + "/link", passphrase: Self.passphrase(), parameters: Self.fast) }
        #expect(!FileManager.default.fileExists(atPath: directory + "/target"))
    }
}

extension IdentityFileTests {
    /// A report given to --as by mistake is not called a damaged identity to restore.
    @Test func anotherKindOfFileIsNamedAsSuch() throws {
        do {
            _ = try IdentityFile.parse(Array(#"{"type": "signalement", "household": "FOH-2021-000123"}"#.utf8))
            Issue.record("a report was accepted as an identity file")
        } catch let error as AbriError {
            #expect(error.exitCode == 65)
            #expect(error.message.hasPrefix("this file is not an Abri identity file ("), "\(error.message)")
        }
    }
}
