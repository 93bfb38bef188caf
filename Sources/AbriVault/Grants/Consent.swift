import AbriPublic
/// Why a partner may read a case: it is the author's own, the victim consented, or a stated reason overrides.
public enum Consent: Sendable, Equatable {
    /// The author's own partner: no consent needed.
    case own
    /// The reference of the victim's consent and its last day, if any.
    case given(reference: String, until: Day?)
    /// Shared without consent, for the stated reason.
    case without(reason: String)

    var kindByte: UInt8 {
        switch self {
        case .own: 0
        case .given: 1
        case .without: 2
        }
    }

    var text: String {
        switch self {
        case .own: ""
        case .given(let reference, _): reference
        case .without(let reason): reason
        }
    }

    /// The last day of the consent, if it ends.
    public var until: Day? {
        if case .given(_, let until) = self { return until }
        return nil
    }

    var record: ConsentRecord? {
        switch self {
        case .own: nil
        case .given(let reference, let until): ConsentRecord(kind: "consent", text: reference, until: until?.description)
        case .without(let reason): ConsentRecord(kind: "without-consent", text: reason, until: nil)
        }
    }
}
