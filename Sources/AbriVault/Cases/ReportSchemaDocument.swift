import AbriPublic
/// The report schema written out: as JSON Schema (Docs/report.schema.json, `abri report schema`) and as a blank
/// report to fill in (`abri report template`).
extension ReportSchema {
    // MARK: JSON Schema

    /// The schema as JSON Schema (draft 2020-12). Aliases are properties of their own, marked `x-alias-of`;
    /// choices are compared without case or accents by Abri, stricter here.
    public static var jsonSchema: JSONValue {
        var properties = objectProperties(fields)
        properties["locating"] = .object([
            "type": .string("object"),
            "description": .string("Les champs qui situent la victime ; toute clé y est acceptée. Documentées : "
                + locatingFields.map(\.name).joined(separator: ", ") + "."),
        ])
        properties["consent"] = .object([
            "type": .string("object"),
            "description": .string("Le consentement de la victime à ce partage, qui l'emporte sur --consent."),
            "properties": .object([
                "ref": .object(["type": .string("string"), "minLength": .integer(1), "description": .string("sa référence")]),
                "until": .object(["type": .string("string"), "description": .string("sa fin, AAAA-MM-JJ ou JJ/MM/AAAA")]),
            ]),
            "required": .array([.string("ref")]),
            "additionalProperties": .bool(false),
        ])
        return .object([
            "$schema": .string("https://json-schema.org/draft/2020-12/schema"),
            "title": .string("Abri : une fiche (signalement, note, relogement, suivi juridique)"),
            "description": .string("Tout champ hors de locating et consent doit être déclaré ici ; un texte qui contient un "
                + "téléphone, une adresse électronique, un code postal suivi d'une ville ou une adresse est refusé. "
                + "Un nouveau dossier nomme son ménage (menage ou household). Voir Docs/REPORT.md."),
            "type": .string("object"),
            "properties": .object(properties),
            "required": .array([.string("type")]),
            "additionalProperties": .bool(false),
        ])
    }

    private static func objectProperties(_ fields: [Field]) -> [String: JSONValue] {
        var properties: [String: JSONValue] = [:]
        for field in fields {
            var schema = kindSchema(field.kind)
            schema["description"] = .string(field.summary)
            properties[field.name] = .object(schema)
            for alias in field.aliases {
                var aliased = schema
                aliased["x-alias-of"] = .string(field.name)
                properties[alias] = .object(aliased)
            }
        }
        return properties
    }

    private static func kindSchema(_ kind: Kind) -> [String: JSONValue] {
        func types(_ names: String...) -> JSONValue { .array((names + ["null"]).map(JSONValue.string)) }
        func values(_ choices: [Choice]) -> JSONValue {
            .array(choices.flatMap { [$0.value] + $0.aliases }.map(JSONValue.string))
        }
        switch kind {
        case .text: return ["type": types("string")]
        case .integer: return ["type": types("integer")]
        case .boolean: return ["type": types("boolean")]
        case .choice(let choices): return ["enum": .array(values(choices).array + [.null])]
        case .choices(let choices):
            return ["type": types("array"), "items": .object(["enum": values(choices)])]
        case .list(let element):
            return ["type": types("array"), "items": .object(kindSchema(element))]
        case .object(let fields):
            return ["type": types("object"), "properties": .object(objectProperties(fields)),
                    "additionalProperties": .bool(false)]
        case .countOrList(let element):
            return ["type": types("integer", "array"), "items": .object(kindSchema(element))]
        }
    }

    // MARK: Template

    /// A blank report of `type`, as JSON text in the schema's order: strings empty, numbers and yes/no `null`,
    /// lists empty; `menage` to fill in; a `locating` object with the keys that type usually needs.
    public static func template(for type: RecordType) -> String {
        var lines = ["{"]
        var entries = templateEntries(fields, type: type, indent: "  ")
        entries[0] = "  \"type\": \"\(type.rawValue)\""
        let locating: [String] = switch type {
        case .signalement: ["adresse", "telephone", "courriel", "lieuDeTravail", "ecole", "notes"]
        case .note: ["notes"]
        case .relogement: ["nouvelleAdresse", "codePostal", "ville", "telephone", "notes"]
        case .suiviJuridique: ["notes"]
        }
        entries.append("  \"locating\": {\n" + locating.map { "    \"\($0)\": \"\"" }.joined(separator: ",\n") + "\n  }")
        lines.append(entries.joined(separator: ",\n"))
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func templateEntries(_ fields: [Field], type: RecordType, indent: String) -> [String] {
        fields.filter { $0.templates.contains(type) }.map { field in
            "\(indent)\"\(field.name)\": " + blank(field.kind, type: type, indent: indent)
        }
    }

    private static func blank(_ kind: Kind, type: RecordType, indent: String) -> String {
        switch kind {
        case .text: "\"\""
        case .integer, .boolean, .choice, .countOrList: "null"
        case .choices, .list: "[]"
        case .object(let fields):
            "{\n" + templateEntries(fields, type: type, indent: indent + "  ").joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    /// The lines that explain a template of `type`, in French: one per field it shows, then `locating`.
    public static func explanation(for type: RecordType) -> [String] {
        var lines: [String] = []
        func walk(_ fields: [Field], prefix: String) {
            for field in fields where field.templates.contains(type) {
                let names = field.aliases.isEmpty ? field.name : "\(field.name) (\(field.aliases.joined(separator: ", ")))"
                lines.append("  \(prefix)\(names) : \(field.summary)")
                if case .object(let children) = field.kind { walk(children, prefix: prefix + field.name + ".") }
            }
        }
        walk(fields, prefix: "")
        lines.append("  locating : tout ce qui situe la victime, toute clé acceptée ("
            + locatingFields.map(\.name).joined(separator: ", ") + ")")
        return lines
    }
}

extension JSONValue {
    /// The items of an array, or none.
    var array: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }
}
