import Foundation
import AbriPublic
/// The published report schema: every field that a report's `general` part may hold (Docs/REPORT.md).
///
/// A list of forbidden keys can never be complete (people write `adresse`, `tel`, `ville`, `domicile`…); a list
/// of allowed ones can. So the general part accepts only what is declared here, French names first and English
/// ones as aliases, and `locating` accepts anything. Docs/report.schema.json is `jsonSchema` written out (a
/// test keeps them equal), and `abri report template` prints `template(for:)`.
///
/// Keys are stored as the author wrote them: `menage` stays `menage`, `household` stays `household`. What is
/// signed is what was written, and `open --json` gives it back unchanged; the code that reads a field (the
/// household reference) asks for it under either name.
public enum ReportSchema {
    /// What a field holds; `null` is accepted for every field (not filled in).
    public indirect enum Kind: Sendable {
        case text
        case integer
        case boolean
        /// One value of a list (compared without case, accents, spaces or punctuation).
        case choice([Choice])
        /// Several values of a list.
        case choices([Choice])
        case list(Kind)
        case object([Field])
        /// A whole number or a list (`enfants`: how many, or one object each).
        case countOrList(Kind)
    }

    /// One accepted value of a `choice`, French first.
    public struct Choice: Sendable {
        public let value: String
        public let aliases: [String]

        init(_ value: String, _ aliases: String...) {
            self.init(value, aliases: aliases)
        }

        init(_ value: String, aliases: [String]) {
            self.value = value
            self.aliases = aliases
        }
    }

    /// One declared field.
    public struct Field: Sendable {
        /// The French name, the one Abri writes.
        public let name: String
        /// English (or other) names accepted for the same field.
        public let aliases: [String]
        public let kind: Kind
        /// One line, in French, for the documentation and the template.
        public let summary: String
        /// The record types whose template shows this field (every field is accepted in every type).
        public let templates: Set<RecordType>

        init(_ name: String, _ aliases: [String], _ kind: Kind, _ summary: String, in templates: Set<RecordType> = []) {
            self.name = name
            self.aliases = aliases
            self.kind = kind
            self.summary = summary
            self.templates = templates
        }

        /// The name and its aliases.
        public var names: [String] { [name] + aliases }
    }

    /// The kinds of record, as `type` names them.
    public enum RecordType: String, CaseIterable, Sendable {
        case signalement
        case note
        case relogement
        case suiviJuridique = "suivi-juridique"

        /// The English names accepted for the same type.
        public var aliases: [String] {
            switch self {
            case .signalement: ["report"]
            case .note: []
            case .relogement: ["rehousing"]
            case .suiviJuridique: ["legal-follow-up"]
            }
        }

        /// The type a `type` value names, compared without case, accents or punctuation.
        public init?(named value: String) {
            let folded = ReportSchema.fold(value)
            guard let found = Self.allCases.first(where: { ([$0.rawValue] + $0.aliases).map(ReportSchema.fold).contains(folded) }) else {
                return nil
            }
            self = found
        }
    }

    // MARK: The fields

    private static let all: Set<RecordType> = Set(RecordType.allCases)
    private static let cases: Set<RecordType> = [.signalement, .note]

    static let violences: [Choice] = [
        Choice("physiques", "physical"), Choice("psychologiques", "psychological"), Choice("sexuelles", "sexual"),
        Choice("économiques", "economic"), Choice("administratives", "administrative"),
    ]
    static let besoins: [Choice] = [
        Choice("relogement", "rehousing"), Choice("hébergement d'urgence", "emergency shelter"),
        Choice("aide juridique", "legal aid"), Choice("insertion à l'emploi", "employment"),
    ]
    static let orientations: [Choice] = [
        Choice("3919"), Choice("CIDFF"), Choice("SOS Femmes"), Choice("France Victimes"), Choice("115"),
        Choice("avocat", "lawyer"), Choice("service social", "social services"), Choice("autre", "other"),
    ]
    static let niveaux: [Choice] = [
        Choice("faible", "low"), Choice("modéré", "moderate"), Choice("élevé", "high"), Choice("grave", "severe"),
    ]

    /// The fields of the general part, in the order the documentation and the templates give them.
    public static let fields: [Field] = [
        Field("type", [], .choice(RecordType.allCases.map { Choice($0.rawValue, aliases: $0.aliases) }),
              "le type de la fiche : signalement, note, relogement ou suivi-juridique (obligatoire)", in: all),
        Field("menage", ["household"], .text,
              "la référence du ménage de la victime chez le bailleur, ex. FOH-2021-000123 (obligatoire pour un nouveau dossier)",
              in: cases),
        Field("autreMenage", ["otherHousehold"], .text,
              "la référence du ménage où s'exercent les violences, si elle est connue (jamais indexée)", in: [.signalement]),
        Field("victime", ["victim"], .object([
            Field("nom", ["name"], .text, "le nom d'usage, ou l'initiale", in: [.signalement]),
            Field("anneeNaissance", ["birthYear"], .integer, "l'année de naissance, ex. 1988", in: [.signalement]),
        ]), "la victime", in: [.signalement]),
        Field("enfants", ["children"], .countOrList(.object([
            Field("prenom", ["firstName"], .text, "le prénom"),
            Field("anneeNaissance", ["birthYear"], .integer, "l'année de naissance"),
        ])), "le nombre d'enfants, ou une liste { prenom, anneeNaissance } ; jamais leur école (elle va dans locating)",
              in: [.signalement]),
        Field("faits", ["facts"], .text, "les faits, tels que rapportés, sans adresse ni téléphone", in: cases),
        Field("violences", ["violence"], .choices(violences),
              "les formes de violence : physiques, psychologiques, sexuelles, économiques, administratives", in: [.signalement]),
        Field("datesDesFaits", ["factDates"], .list(.text), "les dates des faits, ex. [\"2026-03-02\", \"mi-février\"]",
              in: [.signalement]),
        Field("plainte", ["complaint"], .object([
            Field("deposee", ["filed"], .boolean, "une plainte a été déposée", in: [.signalement]),
            Field("mainCourante", ["policeRecord"], .boolean, "une main courante a été déposée", in: [.signalement]),
            Field("date", [], .text, "la date du dépôt", in: [.signalement]),
        ]), "la plainte ou la main courante (le récépissé se joint avec --attach)", in: [.signalement]),
        Field("ordonnanceProtection", ["protectionOrder"], .object([
            Field("demandee", ["requested"], .boolean, "une ordonnance de protection a été demandée", in: [.signalement]),
            Field("delivree", ["granted"], .boolean, "elle a été délivrée", in: [.signalement]),
            Field("date", [], .text, "la date de la décision", in: [.signalement]),
            Field("finValidite", ["validUntil"], .text, "la fin de validité", in: [.signalement]),
        ]), "l'ordonnance de protection", in: [.signalement]),
        Field("danger", [], .object([
            Field("niveau", ["level"], .choice(niveaux), "le danger évalué : faible, modéré, élevé, grave", in: [.signalement]),
            Field("urgence", ["urgent"], .boolean, "une mise à l'abri est urgente", in: [.signalement]),
            Field("evaluation", ["assessment"], .text, "qui a évalué le danger, quand, comment", in: [.signalement]),
        ]), "le danger évalué et l'urgence", in: [.signalement]),
        Field("besoins", ["needs"], .choices(besoins),
              "les besoins : relogement, hébergement d'urgence, aide juridique, insertion à l'emploi", in: [.signalement]),
        Field("orientation", ["referral"], .choices(orientations),
              "l'orientation donnée : 3919, CIDFF, SOS Femmes, France Victimes, 115, avocat, service social, autre",
              in: [.signalement]),
        Field("qpv", ["priorityNeighbourhood"], .boolean, "le logement est en quartier prioritaire de la ville (QPV)",
              in: [.signalement]),
        Field("enqueteBailleur", ["landlordEnquiry"], .object([
            Field("ouverte", ["opened"], .boolean, "le bailleur a ouvert une enquête", in: [.signalement]),
            Field("date", [], .text, "la date d'ouverture", in: [.signalement]),
            Field("conclusions", ["findings"], .text, "ce qu'elle a établi", in: [.signalement]),
        ]), "l'enquête du bailleur", in: [.signalement]),
        Field("objet", ["subject"], .text, "l'objet de la note", in: [.note]),
        Field("bailSigne", ["leaseSigned"], .boolean, "le nouveau bail est signé", in: [.relogement]),
        Field("dateEntree", ["moveInDate"], .text, "la date d'entrée dans les lieux", in: [.relogement]),
        Field("typeLogement", ["dwellingType"], .text, "le type de logement, ex. T3 (jamais le bailleur ni la ville)",
              in: [.relogement]),
        Field("procedure", ["proceeding"], .text, "la procédure, ex. JAF, divorce, ordonnance de protection",
              in: [.suiviJuridique]),
        Field("audience", ["hearing"], .text, "la date de l'audience", in: [.suiviJuridique]),
        Field("decision", ["outcome"], .text, "la décision rendue", in: [.suiviJuridique]),
        Field("aideJuridictionnelle", ["legalAid"], .boolean, "l'aide juridictionnelle est accordée", in: [.suiviJuridique]),
        Field("notes", [], .text, "le suivi, en texte libre, sans adresse ni téléphone", in: [.note, .relogement, .suiviJuridique]),
    ]

    /// The keys that `locating` documents (it accepts any key).
    public static let locatingFields: [(name: String, summary: String)] = [
        ("adresse", "l'adresse actuelle"), ("nouvelleAdresse", "l'adresse après relogement"),
        ("telephone", "le téléphone"), ("courriel", "l'adresse électronique"), ("lieuDeTravail", "le lieu de travail"),
        ("ecole", "l'école, la crèche ou le collège des enfants"), ("codePostal", "le code postal"), ("ville", "la ville"),
        ("notes", "tout autre passage qui situe la victime (et le nouveau bailleur)"),
    ]

    // MARK: Names

    /// Lower case, no accents, letters and digits only: "Hébergement d'urgence" and "hebergement-d-urgence" match.
    static func fold(_ text: String) -> String {
        var folded = ""
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.isAlphabetic || (0x30 ... 0x39).contains(scalar.value) {
            if (0x300 ... 0x36F).contains(scalar.value) { continue }
            folded.unicodeScalars.append(scalar)
        }
        return folded
    }

    /// The field that `key` names among `fields`, by its exact name or alias.
    static func field(named key: String, in fields: [Field]) -> Field? {
        fields.first { $0.name == key || $0.aliases.contains(key) }
    }

    /// The value of the household reference in a report's general part, under either name.
    static let householdNames = ["menage", "household"]
}
