public import AbriCrypto
import Foundation
public import AbriPublic

/// What performs an identity's secret-key operations: this process, with the keys in its secure memory, or an agent
/// (`abri agent start`) that performs each operation and never hands a key out (Docs/FORMAT.md §6).
public protocol IdentityKeys: AnyObject, Sendable {
    /// Signs `message` with the Ed25519 key; returns the 64-byte signature.
    func sign(_ message: [UInt8]) throws -> [UInt8]
    /// Opens a sealed box sent to the X25519 key.
    func openSealed(_ box: [UInt8]) throws -> SecureBytes
    /// The X25519 key shared with `publicKey` (`crypto_box_beforenm`).
    func sharedKey(with publicKey: [UInt8]) throws -> SecureBytes
}

/// An identity's two key pairs in this process's secure memory, wiped when the last reference goes.
///
/// `@unchecked Sendable`: the key pairs are immutable after `init` and libsodium only reads them, so any thread
/// may sign or open with them at the same time.
final class LocalIdentityKeys: IdentityKeys, @unchecked Sendable {
    let boxKeyPair: BoxKeyPair
    let signingKeyPair: SigningKeyPair

    init(boxKeyPair: consuming BoxKeyPair, signingKeyPair: consuming SigningKeyPair) {
        self.boxKeyPair = boxKeyPair
        self.signingKeyPair = signingKeyPair
    }

    func sign(_ message: [UInt8]) throws -> [UInt8] { try signingKeyPair.sign(message) }
    func openSealed(_ box: [UInt8]) throws -> SecureBytes { try SealedBox.open(box, with: boxKeyPair) }
    func sharedKey(with publicKey: [UInt8]) throws -> SecureBytes { try boxKeyPair.sharedKey(with: publicKey) }
}

/// A person's secret identity: an X25519 key pair that opens what is sealed to them, an Ed25519
/// key pair that signs what they do, and the name they chose.
///
/// The secret keys live in secure memory, here or in an agent's (see `IdentityKeys`), and the type cannot
/// be copied: pass it `borrowing`. On disk it is an identity file sealed under a passphrase (see `IdentityFile`).
public struct Identity: ~Copyable {
    /// The name given at creation (may be empty), in NFC, at most 255 bytes.
    public let name: String
    /// The public identity: what others seal to and check signatures with.
    public let publicIdentity: PublicIdentity
    /// Who performs the secret-key operations.
    let keys: any IdentityKeys

    /// An identity from its two key pairs; `name` must already be valid (see `validatedName`).
    public init(name: String, boxKeyPair: consuming BoxKeyPair, signingKeyPair: consuming SigningKeyPair) {
        self.name = name
        self.publicIdentity = PublicIdentity(boxPublicKey: boxKeyPair.publicKey, signingPublicKey: signingKeyPair.publicKey)
        self.keys = LocalIdentityKeys(boxKeyPair: boxKeyPair, signingKeyPair: signingKeyPair)
    }

    /// An identity whose secret keys stay elsewhere (an agent): every signature and opening is asked of `keys`.
    public init(name: String, publicIdentity: PublicIdentity, delegatingTo keys: any IdentityKeys) {
        self.name = name
        self.publicIdentity = publicIdentity
        self.keys = keys
    }

    /// A new identity with fresh random keys.
    ///
    /// - Parameter name: what to call it; checked and normalised with `validatedName(_:)`.
    public static func generate(name: String) throws -> Identity {
        Identity(name: try validatedName(name), boxKeyPair: try BoxKeyPair.generate(), signingKeyPair: try SigningKeyPair.generate())
    }

    /// Another handle on the same secret keys, which are not copied: for a command that runs again in the same process.
    public func sameKeys() -> Identity {
        Identity(name: name, publicIdentity: publicIdentity, delegatingTo: keys)
    }

    /// Whether the secret keys are in another process (an agent) rather than here.
    public var isDelegated: Bool { !(keys is LocalIdentityKeys) }

    /// Signs `message` with the Ed25519 key; returns the 64-byte signature.
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        try keys.sign(message)
    }

    /// Opens a sealed box sent to this identity's X25519 key; throws
    /// `AbriCryptoError.authenticationFailed` when it was not sealed to it or was altered.
    public func openSealed(_ box: [UInt8]) throws -> SecureBytes {
        try keys.openSealed(box)
    }

    /// The X25519 key this identity shares with `publicKey` (`crypto_box_beforenm`).
    public func sharedKey(with publicKey: [UInt8]) throws -> SecureBytes {
        try keys.sharedKey(with: publicKey)
    }

    /// Lends the two key pairs of an identity held in this process; `AbriError.usage` (64) for one held by an agent.
    public func withLocalKeys<R>(_ body: (borrowing BoxKeyPair, borrowing SigningKeyPair) throws -> R) throws -> R {
        guard let local = keys as? LocalIdentityKeys else {
            throw AbriError.usage("this identity is held by the agent, which never hands its keys out (unlock the identity file instead)")
        }
        return try body(local.boxKeyPair, local.signingKeyPair)
    }

    /// Reads and unlocks the identity file at `path`.
    ///
    /// Throws `AbriError.noInput` (66) when it cannot be read, `.badData` (65) when it is damaged,
    /// `.notPermitted` (77) for a wrong passphrase.
    public static func unlock(contentsOf path: String, passphrase: borrowing SecureBytes) throws -> Identity {
        try IdentityFile.unlock(IdentityFile.read(path), passphrase: passphrase)
    }

    /// Seals the identity under `passphrase` and writes it to a new file at `path` (mode 0600).
    ///
    /// Throws `AbriError.cannotCreate` (73) when the file exists or cannot be created, `.io` (74)
    /// when writing fails; nothing is left behind on failure.
    public func save(to path: String, passphrase: borrowing SecureBytes,
                     parameters: Argon2id.Parameters = Identity.creationParameters) throws {
        let bytes = try IdentityFile.seal(self, passphrase: passphrase, parameters: parameters)
        try ExclusiveFile.create(path, contents: bytes, what: "the identity file")
    }

    /// The Argon2id parameters a new identity file is sealed with: MODERATE.
    ///
    /// Debug builds only: `ABRI_TEST_FAST_KDF=1` picks the minimum parameters so that tests run
    /// fast. Release builds do not contain the hook. Unlocking always uses the file's parameters.
    public static var creationParameters: Argon2id.Parameters {
        #if DEBUG
        if ProcessInfo.processInfo.environment["ABRI_TEST_FAST_KDF"] == "1" { return .minimum }
        #endif
        return .moderate
    }

    /// `name` in NFC, or `AbriError.usage` (64) when it is longer than 255 bytes or holds a control character.
    public static func validatedName(_ name: String) throws -> String {
        let normalised = name.precomposedStringWithCanonicalMapping
        guard normalised.utf8.count <= IdentityFile.maximumNameBytes else {
            throw AbriError.usage("the name is longer than 255 bytes (choose a shorter one)")
        }
        guard !normalised.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw AbriError.usage("the name holds a control character (use letters, digits and spaces)")
        }
        return normalised
    }
}
