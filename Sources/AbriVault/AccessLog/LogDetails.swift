import Foundation
public import AbriPublic

/// The sealed part of a log entry: who did what to which case, never a field value (Docs/FORMAT.md §3.6).
public struct LogDetails: Codable, Sendable, Equatable {
    /// One of the contract's actions: deposit, add, share, open, reveal, refused, export, import, enrol,
    /// member-add, member-approve, member-remove, rotate, consent-withdraw, consent-expired, shred, restore, vault-trust.
    public var action: String
    /// `partner/name`, or `admin`.
    public var actor: String
    /// The actor's Ed25519 public key, base64.
    public var actorKey: String
    /// The full time, UTC.
    public var at: String
    /// The case id, when the action concerns one.
    public var `case`: String?
    /// Record ids touched.
    public var records: [String]?
    /// Compartments touched (`general`, `locating`).
    public var compartments: [String]?
    /// Why, when the actor said.
    public var purpose: String?
    /// The partner the action concerns (the recipient of a share, the partner rotated).
    public var partner: String?
    /// The consent under which something was granted.
    public var consent: ConsentRecord?
    /// A key generation.
    public var generation: Int?
    /// Whether the case holds a locating compartment after this action.
    public var hasLocating: Bool?
    /// A count, where the action has one (grants re-sealed).
    public var count: Int?
    /// In the administrator's summary: how many of the entry's grants were made without consent.
    public var withoutConsent: Int?
    /// The member a roster change concerns, `partner/name` (member-add, member-remove).
    public var member: String?
    /// base64 of the hash of the roster version a roster change made (Docs/FORMAT.md §3.1).
    public var roster: String?
}

/// The consent recorded with a grant.
public struct ConsentRecord: Codable, Sendable, Equatable {
    /// `consent` or `without-consent`.
    public var kind: String
    /// The reference of the victim's consent, or the reason for sharing without it.
    public var text: String
    /// The consent's last day, YYYY-MM-DD.
    public var until: String?
}

extension LogDetails {
    /// The details as a JSON value, absent fields left out, for `CanonicalJSON`.
    var json: JSONValue {
        var members: [String: JSONValue] = [
            "action": .string(action), "actor": .string(actor), "actorKey": .string(actorKey), "at": .string(at),
        ]
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        if let value = self.case { members["case"] = .string(value) }
        if let records { members["records"] = strings(records) }
        if let compartments { members["compartments"] = strings(compartments) }
        if let purpose { members["purpose"] = .string(purpose) }
        if let partner { members["partner"] = .string(partner) }
        if let consent {
            var object: [String: JSONValue] = ["kind": .string(consent.kind), "text": .string(consent.text)]
            if let until = consent.until { object["until"] = .string(until) }
            members["consent"] = .object(object)
        }
        if let generation { members["generation"] = .integer(generation) }
        if let hasLocating { members["hasLocating"] = .bool(hasLocating) }
        if let count { members["count"] = .integer(count) }
        if let withoutConsent { members["withoutConsent"] = .integer(withoutConsent) }
        if let member { members["member"] = .string(member) }
        if let roster { members["roster"] = .string(roster) }
        return .object(members)
    }
}
