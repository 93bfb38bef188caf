import AbriCrypto
public import AbriPublic

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

    static let grantContext = Array("abri-grant-v3".utf8)

    /// `"abri-grant-v3" ‖ locator ‖ i32 expires`: a box moved to another row, or whose public end date was
    /// cleared or moved, fails to open.
    static func grantAssociatedData(locator: [UInt8], expires: Int32?) -> [UInt8] {
        var writer = ByteWriter()
        writer.raw(grantContext)
        writer.raw(locator)
        writer.i32(expires ?? -1)
        return writer.bytes
    }

    /// The box of one of this partner's own rows (Docs/FORMAT.md §3.3). Only the partner's members make or open it.
    func sealGrant(_ plaintext: borrowing SecureBytes, locator: [UInt8], expires: Int32?) throws -> [UInt8] {
        try AEAD.seal(secret: plaintext, key: grantKey.bytes,
                      associatedData: Self.grantAssociatedData(locator: locator, expires: expires))
    }

    /// Opens a grant row's box with this generation; nil when it is not this generation's, or the row was altered.
    func openGrant(_ box: [UInt8], locator: [UInt8], expires: Int32?) -> SecureBytes? {
        try? AEAD.openSecret(box, key: grantKey.bytes, associatedData: Self.grantAssociatedData(locator: locator, expires: expires))
    }

    /// Opens an inbox item sealed to this generation; nil when it is not for it.
    func openInbox(_ box: [UInt8]) -> SecureBytes? {
        try? SealedBox.open(box, with: boxKeyPair)
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

import Foundation
