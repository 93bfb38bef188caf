import AbriPublic
/// Checks a report's general part against `ReportSchema`: a known locating key anywhere, a key the schema does
/// not declare, a value of the wrong kind, and a string that locates someone are each refused, naming the path.
extension ReportSchema {
    /// Why a general part is refused; `path` names the key as `victime.nom` or `enfants[1].ecole`.
    public enum Problem: Error, Equatable, Sendable {
        case locatingKey(path: String)
        case undeclared(path: String, accepted: [String])
        case twice(path: String, other: String)
        case wrongKind(path: String, expected: String)
        case notAChoice(path: String, accepted: [String])
        case locatingText(path: String, finding: LocatingText.Finding)
    }

    /// Checks every key and value of `members`, the general part without `locating` and `consent`.
    static func check(_ members: [String: JSONValue]) throws(Problem) {
        try checkObject(members, fields: fields, path: "")
    }

    /// Key names that locate someone, folded: refused outside `locating` with a message that says so, before the
    /// schema is asked (the schema would refuse them too, as undeclared).
    static let locatingKeyNames: Set<String> = Set(Report.locatingKeys.map(fold))

    private static func checkObject(_ members: [String: JSONValue], fields: [Field], path: String) throws(Problem) {
        var seen: [String: String] = [:]
        for key in members.keys.sorted() {
            let here = path.isEmpty ? display(key) : path + "." + display(key)
            if locatingKeyNames.contains(fold(key)) { throw .locatingKey(path: here) }
            guard let field = field(named: key, in: fields) else {
                throw .undeclared(path: here, accepted: fields.map(\.name))
            }
            if let other = seen[field.name] {
                throw .twice(path: here, other: path.isEmpty ? display(other) : path + "." + display(other))
            }
            seen[field.name] = key
            try checkValue(members[key]!, kind: field.kind, path: here)
        }
    }

    private static func checkValue(_ value: JSONValue, kind: Kind, path: String) throws(Problem) {
        if case .null = value { return }
        switch kind {
        case .text:
            guard case .string(let text) = value else { throw .wrongKind(path: path, expected: "text") }
            if let finding = LocatingText.finding(in: text) { throw .locatingText(path: path, finding: finding) }
        case .integer:
            guard case .integer = value else { throw .wrongKind(path: path, expected: "a whole number") }
        case .boolean:
            guard case .bool = value else { throw .wrongKind(path: path, expected: "true or false") }
        case .choice(let choices):
            guard case .string(let text) = value, matches(text, choices) else {
                throw .notAChoice(path: path, accepted: choices.map(\.value))
            }
        case .choices(let choices):
            guard case .array(let items) = value else { throw .wrongKind(path: path, expected: "a list") }
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item, matches(text, choices) else {
                    throw .notAChoice(path: path + "[\(index)]", accepted: choices.map(\.value))
                }
            }
        case .list(let element):
            guard case .array(let items) = value else { throw .wrongKind(path: path, expected: "a list") }
            for (index, item) in items.enumerated() { try checkValue(item, kind: element, path: path + "[\(index)]") }
        case .object(let fields):
            guard case .object(let members) = value else { throw .wrongKind(path: path, expected: "an object") }
            try checkObject(members, fields: fields, path: path)
        case .countOrList(let element):
            switch value {
            case .integer: return
            case .array(let items):
                for (index, item) in items.enumerated() { try checkValue(item, kind: element, path: path + "[\(index)]") }
            default:
                throw .wrongKind(path: path, expected: "a whole number or a list")
            }
        }
    }

    private static func matches(_ text: String, _ choices: [Choice]) -> Bool {
        let folded = fold(text)
        return choices.contains { choice in ([choice.value] + choice.aliases).contains { fold($0) == folded } }
    }

    /// A key as a message may show it: never one that locates someone (a key can be "12 rue des Tilleuls"), never
    /// a control or invisible character, never a page of text.
    static func display(_ key: String) -> String {
        if LocatingText.finding(in: key) != nil || key.unicodeScalars.count > 64 { return "…" }
        var shown = ""
        for scalar in key.unicodeScalars {
            if scalar.value < 0x20 || (0x7F ... 0x9F).contains(scalar.value) || scalar.properties.generalCategory == .format
                || scalar.properties.generalCategory == .lineSeparator || scalar.properties.generalCategory == .paragraphSeparator {
                shown += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }
}
