public import Foundation
import AbriPublic

/// A report or record as a user writes it: `locating` holds the locating fields, everything else is general and
/// must be declared by the report schema (Docs/REPORT.md).
public struct Report: Sendable {
    /// What the report is for: a new case must name its household, a record added to a case need not.
    public enum Use: Sendable {
        /// `deposit`: a new case.
        case newCase
        /// `add`: a record in a case that exists.
        case record
    }

    /// `signalement`, `note`, `relogement`, `suivi-juridique`, or an English alias, as written.
    public var type: String
    /// The general compartment's content: the report without `locating` and `consent`, keys as written.
    public var general: [String: JSONValue]
    /// The locating compartment's content, empty when there is none.
    public var locating: [String: JSONValue]
    /// The landlord's reference of the victim's household (`menage` or `household`), if given.
    public var household: String?
    /// The consent the report carries itself, which wins over the command's flags.
    public var consent: Consent?

    /// Key names that locate someone, refused anywhere outside `locating` with a message that says so; compared
    /// without case, accents or punctuation (`Code_Postal` is `codePostal`). Any other key outside `locating`
    /// that the schema does not declare is refused too.
    public static let locatingKeys: Set<String> = [
        "address", "newAddress", "oldAddress", "homeAddress", "street", "phone", "telephone", "mobile", "cellphone",
        "email", "mail", "workplace", "employer", "school", "postcode", "postalCode", "zip", "zipCode", "city", "town",
        "location", "gps", "latitude", "longitude", "coordinates",
        "adresse", "nouvelleAdresse", "ancienneAdresse", "domicile", "rue", "téléphone", "tel", "tél", "portable",
        "courriel", "mél", "lieuDeTravail", "employeur", "école", "collège", "lycée", "crèche", "codePostal", "cp",
        "ville", "commune", "localisation", "coordonnées", "géolocalisation",
    ]

    /// Parses a report; `source` names it in messages (a file name, never its content).
    public init(json data: Data, source: String, use: Use) throws {
        let value: JSONValue
        do {
            value = try StrictJSON.parse(Array(data))
        } catch {
            throw Report.error(error, source: source)
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
                  reference.utf8.count <= 4096, Set(object.keys).isSubset(of: ["ref", "until"]) else {
                throw AbriError.badData("in \(source), `consent` must be an object with a `ref` (nothing was written)")
            }
            var until: Day?
            if let text = object["until"]?.string { until = try Day(parsing: text) }
            consent = .given(reference: reference, until: until)
        }
        do {
            try ReportSchema.check(members)
        } catch {
            throw Report.error(error, source: source)
        }
        guard case .string(let type)? = members["type"] else {
            throw AbriError.badData("in \(source), the report names no `type` (add one: signalement, note, relogement or suivi-juridique; nothing was written)")
        }
        self.type = type
        for name in ReportSchema.householdNames {
            guard let field = members[name], field != .null else { continue }
            guard let text = field.string, text.utf8.count <= 256 else {
                throw AbriError.badData("in \(source), `\(name)` must be a reference of at most 256 bytes (nothing was written)")
            }
            if !text.trimmingCharacters(in: .whitespaces).isEmpty { household = text }
        }
        if use == .newCase && household == nil {
            throw AbriError.badData("in \(source), the report names no household (add `menage`, the landlord's reference of the victim's household; nothing was written)")
        }
        general = members
        self.locating = locating
    }

    /// The message for a fault of the JSON itself, with its line and column.
    static func error(_ fault: StrictJSON.Fault, source: String) -> AbriError {
        let what: String
        switch fault.kind {
        case .notUTF8(latin1: true):
            return .badData("\(source) is not UTF-8 text at line \(fault.line), column \(fault.column): it looks like Latin-1 (save it as UTF-8 in your editor; nothing was written)")
        case .notUTF8(latin1: false):
            return .badData("\(source) is not UTF-8 text at line \(fault.line), column \(fault.column) (save it as UTF-8; nothing was written)")
        case .unexpectedEnd: what = "the JSON ends too early"
        case .unexpected(let character): what = "unexpected `\(ReportSchema.display(String(character)))`"
        case .comment: what = "JSON has no comments"
        case .trailingComma: what = "a comma before a closing bracket or brace"
        case .duplicateKey(let key): what = "the key `\(ReportSchema.display(key))` appears twice"
        case .badEscape: what = "an invalid escape in a string"
        case .controlInString: what = "a control character inside a string"
        case .badNumber: what = "an invalid number"
        case .tooDeep: what = "nesting too deep"
        case .trailingContent: what = "more after the JSON object"
        }
        return .badData("\(source) is not valid JSON at line \(fault.line), column \(fault.column): \(what) (fix it; nothing was written)")
    }

    /// The message for a general part the schema refuses.
    static func error(_ problem: ReportSchema.Problem, source: String) -> AbriError {
        switch problem {
        case .locatingKey(let path):
            .badData("in \(source), `\(path)` is a locating field outside `locating` (move it into the `locating` object; nothing was written)")
        case .undeclared(let path, let accepted):
            .badData("in \(source), `\(path)` is not a field of the report schema (accepted here: \(accepted.joined(separator: ", ")); see abri report template; nothing was written)")
        case .twice(let path, let other):
            .badData("in \(source), `\(path)` and `\(other)` are the same field (keep one; nothing was written)")
        case .wrongKind(let path, let expected):
            .badData("in \(source), `\(path)` must be \(expected) (nothing was written)")
        case .notAChoice(let path, let accepted):
            .badData("in \(source), `\(path)` must be one of: \(accepted.joined(separator: ", ")) (nothing was written)")
        case .locatingText(let path, let finding):
            .badData("in \(source), `\(path)` holds \(finding.rawValue) (move this passage into locating.notes; nothing was written)")
        }
    }
}
