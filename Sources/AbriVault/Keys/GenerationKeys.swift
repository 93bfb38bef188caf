import AbriCrypto

/// One generation of a partner's keys, unlocked from its 32-byte seed (Docs/FORMAT.md §1).
final class GenerationKeys: @unchecked Sendable {
    let partner: String
    let number: Int
    let boxKeyPair: BoxKeyPair
    private let tagKey: Key
    private let indexKey: Key
    private let grantKey: Key

    init(partner: String, number: Int, seed: Key) throws {
        self.partner = partner
        self.number = number
        let boxSeed = try seed.subkey(1, context: "abrigen1")
        boxKeyPair = try BoxKeyPair(seed: boxSeed.bytes)
        tagKey = try seed.subkey(2, context: "abrigen1")
        indexKey = try seed.subkey(3, context: "abrigen1")
        grantKey = try seed.subkey(4, context: "abrigen1")
    }

    static let grantContext = Array("abri-grant-v2".utf8)

    /// The box of one of this partner's own rows: `AEAD(grantKey, Pad(GrantBody), "abri-grant-v2" ‖ locator)`.
    /// Only the partner's members make or open it, and a box moved to another row fails.
    func sealGrant(_ plaintext: borrowing SecureBytes, locator: [UInt8]) throws -> [UInt8] {
        try AEAD.seal(secret: plaintext, key: grantKey.bytes, associatedData: Self.grantContext + locator)
    }

    /// Opens a grant row's box with this generation: an own row (AEAD: its length is 8 past a multiple of 16,
    /// the padded body plus nonce and tag), or an inbox row or a format-1 own row (a sealed box, a multiple
    /// of 16); nil when it is not this generation's.
    func openGrant(_ box: [UInt8], locator: [UInt8]) -> SecureBytes? {
        if box.count % 16 == AEAD.overhead % 16 {
            return try? AEAD.openSecret(box, key: grantKey.bytes, associatedData: Self.grantContext + locator)
        }
        return try? SealedBox.open(box, with: boxKeyPair)
    }

    /// Where this partner's grant on `caseID` lives.
    func locator(_ caseID: CaseID) throws -> [UInt8] {
        try tagKey.label(Array("abri-locator-v1".utf8) + caseID.bytes)
    }

    /// The label on every grant row this generation holds.
    func holderLabel() throws -> [UInt8] {
        try tagKey.label(Array("abri-holder-v1".utf8))
    }

    /// The blind index of a household reference, or nil when there is none.
    func blindIndex(_ household: String) throws -> [UInt8]? {
        let normalized = HouseholdReference.normalize(household)
        guard !normalized.isEmpty else { return nil }
        return try indexKey.label(Array("abri-household-v1".utf8) + Array(normalized.utf8))
    }
}

/// Household references as landlords type them: compared without case or surrounding spaces.
public enum HouseholdReference {
    /// Upper case, trimmed, NFC.
    public static func normalize(_ reference: String) -> String {
        reference.trimmingCharacters(in: .whitespacesAndNewlines).uppercased().precomposedStringWithCanonicalMapping
    }
}

/// The keys derived from a case secret: revokers and the case's share of the log.
final class CaseKeys: @unchecked Sendable {
    let secret: Key
    let logKey: Key
    let logTag: [UInt8]
    private let revokerKey: Key

    init(secret: Key) throws {
        self.secret = secret
        logKey = try secret.subkey(1, context: "abricase")
        logTag = try secret.subkey(2, context: "abricase", length: 16).bytes.withUnsafeBytes { Array($0) }
        revokerKey = try secret.subkey(3, context: "abricase")
    }

    /// The value that lets holders of the case and the administrator find one partner's grant to destroy it.
    func revoker(for partner: String) throws -> [UInt8] {
        var writer = ByteWriter()
        writer.raw("abri-revoker-v1")
        writer.str8(partner)
        return try revokerKey.label(writer.bytes)
    }
}

import Foundation
