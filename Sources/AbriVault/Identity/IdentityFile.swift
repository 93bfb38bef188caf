public import AbriCrypto
import Foundation
public import AbriPublic

/// The identity file, version 1: public keys and name in clear, both secret keys sealed under a
/// key derived from the passphrase, and a checksum over everything.
///
/// ```
/// offset   size  field
/// 0        8     magic "ABRIID" 0x00 0x01 (the last two bytes are the version)
/// 8        8     Argon2id opsLimit, u64 little-endian (1…16)
/// 16       8     Argon2id memLimit in bytes, u64 little-endian (8 KiB…1 GiB)
/// 24       16    Argon2id salt
/// 40       24    XChaCha20-Poly1305 nonce
/// 64       32    X25519 public key
/// 96       32    Ed25519 public key
/// 128      1     name length n (0…255)
/// 129      n     name, UTF-8, NFC
/// 129+n    80    ciphertext and tag of (X25519 secret key 32 ‖ Ed25519 seed 32); key =
///                Argon2id(passphrase in NFC, salt, opsLimit, memLimit, 32 bytes); associated
///                data = bytes [0, 129+n), so no header byte can change without the tag failing
/// 209+n    32    BLAKE2b-256 (unkeyed) of bytes [0, 209+n)
/// ```
///
/// The checksum lets `abri identity show` tell a damaged file from a good one without the
/// passphrase; it proves nothing against someone who rewrites the file (the AEAD tag does).
enum IdentityFile {
    static let magic: [UInt8] = Array("ABRIID".utf8) + [0x00, 0x01]
    static let headerBytes = 129  // up to and including the name length
    static let sealedBytes = 64 + AEAD.tagBytes
    static let checksumBytes = 32
    static let saltBytes = 16
    static let maximumNameBytes = 255
    static let minimumFileBytes = headerBytes + sealedBytes + checksumBytes
    static let maximumFileBytes = minimumFileBytes + maximumNameBytes

    static let opsLimits: ClosedRange<UInt64> = 1...16
    static let memLimits: ClosedRange<UInt64> = 8 * 1024...1024 * 1024 * 1024

    /// What the file says in clear: readable without the passphrase.
    struct Header {
        var opsLimit: UInt64
        var memLimit: UInt64
        var salt: [UInt8]
        var nonce: [UInt8]
        var publicIdentity: PublicIdentity
        var name: String
        /// Bytes [0, 129+n): the associated data of the sealed keys.
        var authenticated: [UInt8]
        var sealed: [UInt8]
    }

    // MARK: - Reading

    /// The bytes of the file at `path`; `AbriError.noInput` (66) when it cannot be read.
    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            throw AbriError.noInput("cannot read the identity file \(path): \(ExclusiveFile.describe(errno)) (check the path)")
        }
        defer { close(fd) }
        // One byte more than the largest valid file, so that a longer file is seen as such.
        var bytes = [UInt8](repeating: 0, count: maximumFileBytes + 1)
        var length = 0
        while length < bytes.count {
            let got = bytes.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
                Foundation.read(fd, raw.baseAddress! + length, raw.count - length)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw AbriError.noInput("cannot read the identity file \(path): \(ExclusiveFile.describe(errno)) (check the path)")
            }
            if got == 0 { break }
            length += got
        }
        return Array(bytes[0..<length])
    }

    static func damaged(_ why: String) -> AbriError {
        .badData("the identity file is damaged (\(why))")
    }

    /// Checks everything that can be checked without the passphrase, and splits the file.
    static func parse(_ bytes: [UInt8]) throws -> Header {
        // Another kind of file (a report given to --as by mistake) is named as such, not as a damaged identity.
        guard bytes.count < 6 || Array(bytes[0..<6]) == Array(magic[0..<6]) else {
            throw AbriError.badData("this file is not an Abri identity file (check the path: an identity file, such as alice.identity, is made by `abri identity new`)")
        }
        guard bytes.count >= minimumFileBytes, bytes.count <= maximumFileBytes else {
            throw damaged("wrong length: restore it from a backup copy")
        }
        guard Array(bytes[6..<8]) == Array(magic[6..<8]) else {
            throw damaged("unknown version: a newer Abri may read it")
        }
        let nameLength = Int(bytes[128])
        guard bytes.count == minimumFileBytes + nameLength else {
            throw damaged("wrong length: restore it from a backup copy")
        }
        let body = Array(bytes[0..<(bytes.count - checksumBytes)])
        let checksum = BLAKE2b.hash(body, length: checksumBytes)
        guard ConstantTime.equals(checksum, Array(bytes[body.count...])) else {
            throw damaged("checksum mismatch: restore it from a backup copy")
        }

        let opsLimit = readUInt64(bytes, at: 8)
        let memLimit = readUInt64(bytes, at: 16)
        guard opsLimits.contains(opsLimit), memLimits.contains(memLimit) else {
            throw damaged("key derivation parameters out of bounds: restore it from a backup copy")
        }
        let nameEnd = headerBytes + nameLength
        guard let name = String(validating: bytes[headerBytes..<nameEnd], as: UTF8.self),
              name == name.precomposedStringWithCanonicalMapping
        else {
            throw damaged("the name is not UTF-8 in NFC: restore it from a backup copy")
        }
        return Header(
            opsLimit: opsLimit,
            memLimit: memLimit,
            salt: Array(bytes[24..<40]),
            nonce: Array(bytes[40..<64]),
            publicIdentity: PublicIdentity(boxPublicKey: Array(bytes[64..<96]), signingPublicKey: Array(bytes[96..<128])),
            name: name,
            authenticated: Array(bytes[0..<nameEnd]),
            sealed: Array(bytes[nameEnd..<(nameEnd + sealedBytes)])
        )
    }

    /// Opens the sealed keys with `passphrase` and checks they match the public keys in clear.
    static func unlock(_ bytes: [UInt8], passphrase: borrowing SecureBytes) throws -> Identity {
        let header = try parse(bytes)
        let key = try Argon2id.deriveKey(
            passphrase: passphrase, salt: header.salt,
            parameters: Argon2id.Parameters(opsLimit: .init(header.opsLimit), memLimit: .init(header.memLimit)),
            length: AEAD.keyBytes
        )
        let secrets: SecureBytes
        do {
            secrets = try AEAD.openSecret(header.nonce + header.sealed, key: key, associatedData: header.authenticated)
        } catch AbriCryptoError.authenticationFailed {
            throw AbriError.notPermitted("wrong passphrase (type it again, and check that this is your identity file)")
        }
        let boxKeyPair = try BoxKeyPair(secretKey: secrets.slice(0..<32))
        let signingKeyPair = try SigningKeyPair(seed: secrets.slice(32..<64))
        // Only the holder of the passphrase could seal a mismatch, but a bug could too: a file
        // whose keys disagree with its public identity must never be used.
        guard boxKeyPair.publicKey == header.publicIdentity.boxPublicKey,
              signingKeyPair.publicKey == header.publicIdentity.signingPublicKey
        else {
            throw damaged("its secret keys do not match its public identity: restore it from a backup copy")
        }
        return Identity(name: header.name, boxKeyPair: boxKeyPair, signingKeyPair: signingKeyPair)
    }

    // MARK: - Writing

    /// The file bytes of `identity` sealed under `passphrase` with fresh salt and nonce.
    static func seal(_ identity: borrowing Identity, passphrase: borrowing SecureBytes,
                     parameters: Argon2id.Parameters) throws -> [UInt8] {
        let name = Array(identity.name.utf8)
        precondition(name.count <= maximumNameBytes, "names are validated at creation")
        let opsLimit = UInt64(parameters.opsLimit)
        let memLimit = UInt64(parameters.memLimit)
        precondition(opsLimits.contains(opsLimit) && memLimits.contains(memLimit), "parameters out of the file's bounds")

        let salt = Random.bytes(saltBytes)
        let nonce = Random.bytes(AEAD.nonceBytes)
        var header = magic
        header += littleEndian(opsLimit)
        header += littleEndian(memLimit)
        header += salt
        header += nonce
        header += identity.publicIdentity.boxPublicKey
        header += identity.publicIdentity.signingPublicKey
        header.append(UInt8(name.count))
        header += name

        let key = try Argon2id.deriveKey(passphrase: passphrase, salt: salt, parameters: parameters, length: AEAD.keyBytes)
        let sealed = try sealSecrets(identity, key: key, nonce: nonce, associatedData: header)
        var file = header + sealed
        file += BLAKE2b.hash(file, length: checksumBytes)
        return file
    }

    /// Seals X25519 secret key ‖ Ed25519 seed under the header's own nonce (the header, nonce
    /// included, is the associated data, so the nonce must be chosen before sealing).
    private static func sealSecrets(_ identity: borrowing Identity, key: borrowing SecureBytes,
                                    nonce: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        // The 64 secret bytes are assembled in secure memory and sealed from there.
        var plaintext = try SecureBytes(count: 64)
        try identity.withLocalKeys { boxKeyPair, signingKeyPair in
            let seed = try signingKeyPair.seed()
            plaintext.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) in
                boxKeyPair.secretKey.withUnsafeBytes { out.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: 32) }
                seed.withUnsafeBytes { (out.baseAddress! + 32).copyMemory(from: $0.baseAddress!, byteCount: 32) }
            }
        }
        return try AEAD.seal(secret: plaintext, key: key, nonce: nonce, associatedData: associatedData)
    }

    private static func readUInt64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }

    private static func littleEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }
}

extension Identity {
    /// The public identity and name of the identity file at `path`, without its passphrase.
    ///
    /// Throws `AbriError.noInput` (66) when it cannot be read, `.badData` (65) when it is damaged.
    public static func readPublic(contentsOf path: String) throws -> (publicIdentity: PublicIdentity, name: String) {
        let header = try IdentityFile.parse(IdentityFile.read(path))
        return (header.publicIdentity, header.name)
    }

    /// The identity sealed in `bytes` (an identity file's contents), unlocked with `passphrase`.
    public static func unlock(fileBytes bytes: [UInt8], passphrase: borrowing SecureBytes) throws -> Identity {
        try IdentityFile.unlock(bytes, passphrase: passphrase)
    }

    /// This identity as identity-file bytes sealed under `passphrase`.
    public func fileBytes(passphrase: borrowing SecureBytes,
                          parameters: Argon2id.Parameters = Identity.creationParameters) throws -> [UInt8] {
        try IdentityFile.seal(self, passphrase: passphrase, parameters: parameters)
    }
}
