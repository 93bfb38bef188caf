public import Foundation

/// A report or record as a user writes it: `locating` holds the locating fields, everything else is general.
public struct Report: Sendable {
    /// `signalement`, `note`, `rehousing`, `legal-follow-up`…
    public var type: String
    /// The general compartment's content: the report without `locating` and `consent`.
    public var general: [String: JSONValue]
    /// The locating compartment's content, empty when there is none.
    public var locating: [String: JSONValue]
    /// The landlord's reference of the victim's household, if given.
    public var household: String?
    /// The consent the report carries itself, which wins over the command's flags.
    public var consent: Consent?

    /// Keys that locate someone: refused anywhere outside `locating`.
    public static let locatingKeys: Set<String> = ["address", "newAddress", "phone", "email", "workplace", "school", "postcode", "city"]

    /// Parses a report; `source` names it in messages (a file name, never its content).
    public init(json data: Data, source: String, defaultType: String) throws {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw AbriError.badData("\(source) is not valid JSON (check the file; nothing was written)")
        }
        guard var members = value.object else {
            throw AbriError.badData("\(source) must hold one JSON object (nothing was written)")
        }
        var locating: [String: JSONValue] = [:]
        if let field = members.removeValue(forKey: "locating") {
            guard let object = field.object else {
                throw AbriError.badData("in \(source), `locating` must be an object (nothing was written)")
            }
            locating = object
        }
        if let consentField = members.removeValue(forKey: "consent") {
            guard let object = consentField.object, let reference = object["ref"]?.string, !reference.isEmpty,
                  reference.utf8.count <= 4096 else {
                throw AbriError.badData("in \(source), `consent` must be an object with a `ref` (nothing was written)")
            }
            var until: Day?
            if let text = object["until"]?.string { until = try Day(parsing: text) }
            consent = .given(reference: reference, until: until)
        }
        let misplaced = JSONValue.object(members).allKeys.filter { Report.locatingKeys.contains($0) }
        if let key = misplaced.sorted().first {
            throw AbriError.badData("in \(source), `\(key)` is a locating field outside `locating` (move it into the `locating` object; nothing was written)")
        }
        if case .string(let text)? = members["type"] {
            type = text
        } else {
            type = defaultType
        }
        if let field = members["household"] {
            guard let text = field.string, text.utf8.count <= 256 else {
                throw AbriError.badData("in \(source), `household` must be a string of at most 256 bytes (nothing was written)")
            }
            household = text
        }
        general = members
        self.locating = locating
    }
}
