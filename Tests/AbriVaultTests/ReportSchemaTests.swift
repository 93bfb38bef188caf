@testable import AbriVault
import Foundation
import Testing

/// Reports against the published schema, in process: every key outside `locating` declared, nothing that locates
/// someone in a general string, harmless look-alikes accepted. The same rules run through the binary in
/// `ReportInputTests`.
struct ReportSchemaTests {
    /// One report and what must happen to it.
    struct Variant: Sendable, CustomTestStringConvertible {
        var name: String
        var json: String
        /// Nil: accepted. Otherwise words the message must hold (the path of the key, what was found).
        var refusal: [String]?
        var use: Report.Use = .newCase

        var testDescription: String { name }
    }

    static func ok(_ name: String, _ body: String, use: Report.Use = .newCase) -> Variant {
        Variant(name: name, json: body, refusal: nil, use: use)
    }

    static func no(_ name: String, _ body: String, _ words: String..., use: Report.Use = .newCase) -> Variant {
        Variant(name: name, json: body, refusal: words, use: use)
    }

    /// A report of the victim's household with `extra` added at the top level.
    static func report(_ extra: String) -> String {
        #"{"type": "signalement", "menage": "FOH-2021-000123", \#(extra)}"#
    }

    /// A report whose `faits` is `text`.
    static func facts(_ text: String) -> String { report(#""faits": "\#(text)""#) }

    static let keys: [Variant] = [
        ok("French names", #"{"type": "signalement", "menage": "FOH-2021-000123", "autreMenage": "FOH-2019-000777", "victime": {"nom": "Camille D.", "anneeNaissance": 1988}, "enfants": 2, "faits": "Violences conjugales."}"#),
        ok("English aliases", #"{"type": "signalement", "household": "FOH-2021-000123", "otherHousehold": "FOH-2019-000777", "victim": {"name": "Camille D.", "birthYear": 1988}, "children": 2, "facts": "Violences conjugales."}"#),
        ok("French and English mixed at different levels", #"{"type": "report", "household": "FOH-1", "victime": {"name": "C."}}"#),
        ok("the story's report", #"{"type": "signalement", "household": "FOH-2021-000123", "otherHousehold": "FOH-2019-000777", "victim": {"name": "Camille D.", "birthYear": 1988}, "facts": "Violences conjugales signalées par la locataire le 2 mars.", "children": 2, "locating": {"address": "12 rue des Tilleuls, 62100 Calais", "phone": "+33 6 12 34 56 78"}}"#),
        ok("a full signalement", report(#""violences": ["physiques", "psychologiques", "sexuelles", "économiques", "administratives"], "datesDesFaits": ["2026-03-02", "12/03/2026"], "plainte": {"deposee": true, "mainCourante": false, "date": "2026-03-03"}, "ordonnanceProtection": {"demandee": true, "delivree": false, "date": null, "finValidite": ""}, "danger": {"niveau": "élevé", "urgence": true, "evaluation": "grille du 3 mars"}, "besoins": ["relogement", "hébergement d'urgence", "aide juridique", "insertion à l'emploi"], "orientation": ["3919", "CIDFF", "SOS Femmes"], "qpv": true, "enqueteBailleur": {"ouverte": true, "date": "le 4 mars", "conclusions": "voisinage entendu"}"#)),
        ok("the same in English", report(#""violence": ["physical", "economic"], "factDates": ["March 2"], "complaint": {"filed": true, "policeRecord": true}, "protectionOrder": {"requested": true, "granted": true, "validUntil": "2026-09-01"}, "danger": {"level": "high", "urgent": false, "assessment": "x"}, "needs": ["rehousing", "emergency shelter", "legal aid", "employment"], "referral": ["lawyer", "other"], "priorityNeighbourhood": false, "landlordEnquiry": {"opened": false, "findings": ""}"#)),
        ok("choices without case or accents", report(#""violences": ["ECONOMIQUES", "Physiques"], "besoins": ["hebergement d urgence"], "orientation": ["sos femmes"], "danger": {"niveau": "ELEVE"}"#)),
        ok("children as a list of objects", report(#""enfants": [{"prenom": "Léa", "anneeNaissance": 2015}, {"firstName": "Tom", "birthYear": 2018}]"#)),
        ok("null for what is not known", report(#""victime": {"nom": null, "anneeNaissance": null}, "enfants": null, "qpv": null"#)),
        ok("a note added to a case", #"{"type": "note", "objet": "entretien", "notes": "RDV pris avec la conseillère."}"#, use: .record),
        ok("a rehousing record (English type)", #"{"type": "rehousing", "notes": "bail signé", "locating": {"newAddress": "3 allée des Roses, 59000 Lille"}}"#, use: .record),
        ok("a relogement record", #"{"type": "relogement", "bailSigne": true, "dateEntree": "2026-12-01", "typeLogement": "T3"}"#, use: .record),
        ok("a legal follow-up (English type)", #"{"type": "legal-follow-up", "proceeding": "JAF", "hearing": "2027-01-15", "outcome": "", "legalAid": true}"#, use: .record),
        ok("a suivi-juridique", #"{"type": "suivi-juridique", "procedure": "divorce", "audience": "le 15 janvier", "decision": "renvoi", "aideJuridictionnelle": false}"#, use: .record),
        ok("consent carried by the report", report(#""consent": {"ref": "formulaire signé", "until": "2099-01-01"}"#)),
        ok("locating accepts any key", report(#""locating": {"adresse": "3 rue Basse", "telephone": "06 11 22 33 44", "ville": "Lens", "codePostal": "62300", "domicile": "chez sa sœur", "gps": "50.43,2.83", "anything": {"nested": [1, 2]}}"#)),
        no("adresse in the victim", report(#""victim": {"adresse": "3 rue Basse"}"#), "victim.adresse", "locating"),
        no("telephone in the victim", report(#""victime": {"telephone": "x"}"#), "victime.telephone"),
        no("téléphone with its accent", report(#""téléphone": "x""#), "téléphone"),
        no("tel at the top", report(#""tel": "x""#), "`tel`"),
        no("ville in the victim", report(#""victim": {"ville": "Lens"}"#), "victim.ville"),
        no("codePostal in the victim", report(#""victim": {"codePostal": "62300"}"#), "victim.codePostal"),
        no("Code_Postal in another spelling", report(#""Code_Postal": "x""#), "Code_Postal"),
        no("CODEPOSTAL in capitals", report(#""CODEPOSTAL": "x""#), "CODEPOSTAL"),
        no("cp", report(#""cp": "x""#), "cp"),
        no("nouvelleAdresse at the top", report(#""nouvelleAdresse": "x""#), "nouvelleAdresse"),
        no("domicile", report(#""domicile": "x""#), "domicile"),
        no("courriel", report(#""courriel": "x""#), "courriel"),
        no("mail", report(#""mail": "x""#), "mail"),
        no("portable", report(#""portable": "x""#), "portable"),
        no("mobile", report(#""mobile": "x""#), "mobile"),
        no("employeur", report(#""employeur": "x""#), "employeur"),
        no("école in a child", report(#""enfants": [{"prenom": "Léa", "école": "Jean Jaurès"}]"#), "enfants[0].école"),
        no("school in a child (English)", report(#""children": [{"school": "x"}]"#), "children[0].school"),
        no("gps", report(#""gps": "50.4,2.8""#), "gps"),
        no("latitude", report(#""latitude": 50.4"#), "latitude"),
        no("localisation", report(#""localisation": "x""#), "localisation"),
        no("commune", report(#""commune": "x""#), "commune"),
        no("rue", report(#""rue": "x""#), "rue"),
        no("street", report(#""street": "x""#), "street"),
        no("zip", report(#""zip": "x""#), "zip"),
        no("address (the contract's own)", report(#""address": "x""#), "address"),
        no("email nested in an undeclared array", report(#""contacts": [{"role": "sœur", "email": "x@example.org"}]"#), "contacts"),
        no("an undeclared key at the top", report(#""hebergeur": "Mme X""#), "hebergeur", "faits", "menage"),
        no("an undeclared key in the victim", report(#""victime": {"nom": "C.", "nationalite": "x"}"#), "victime.nationalite", "anneeNaissance"),
        no("an undeclared key in a child", report(#""enfants": [{"prenom": "Léa", "classe": "CE2"}]"#), "enfants[0].classe"),
        no("an undeclared key in the complaint", report(#""plainte": {"commissariat": "Calais"}"#), "plainte.commissariat", "deposee"),
        no("the new landlord's name in general", #"{"type": "relogement", "bailleur": "Habitat du Nord"}"#, "bailleur", use: .record),
        no("a key written twice, French and English", report(#""faits": "a", "facts": "b""#), "faits", "facts", "same field"),
        no("menage and household both", #"{"type": "note", "menage": "A-1", "household": "A-1"}"#, "same field"),
        no("consent inside the victim", report(#""victime": {"consent": "oui"}"#), "victime.consent"),
        no("locating inside the victim", report(#""victime": {"locating": {"adresse": "x"}}"#), "victime.locating"),
        no("an unknown type", #"{"type": "lettre", "menage": "A-1"}"#, "type", "signalement"),
        no("no type", #"{"menage": "A-1"}"#, "type"),
        no("no household for a new case", #"{"type": "signalement", "faits": "x"}"#, "menage"),
        no("an empty household for a new case", #"{"type": "signalement", "menage": " "}"#, "menage"),
        no("an empty object", #"{}"#, "type"),
        no("a number for a text", report(#""faits": 3"#), "faits", "text"),
        no("a text for a year", report(#""victime": {"anneeNaissance": "1988"}"#), "victime.anneeNaissance", "whole number"),
        no("a text for yes or no", report(#""qpv": "oui""#), "qpv", "true or false"),
        no("a text for a list of needs", report(#""besoins": "relogement""#), "besoins", "list"),
        no("an unknown need", report(#""besoins": ["voiture"]"#), "besoins[0]", "relogement"),
        no("an unknown danger level", report(#""danger": {"niveau": "énorme"}"#), "danger.niveau"),
        no("a list for the victim", report(#""victime": ["C."]"#), "victime", "object"),
        no("a text for children", report(#""enfants": "deux""#), "enfants"),
        no("a report that is an array", #"[{"type": "note"}]"#, "object"),
        no("a locating that is a string", report(#""locating": "12 rue X""#), "locating"),
        no("a consent with an extra key", report(#""consent": {"ref": "x", "adresse": "y"}"#), "consent"),
        no("a key that is an address is not shown", report(#""12 rue des Tilleuls": 1"#), "…"),
    ]

    static let phones: [Variant] = [
        no("a French mobile with spaces", facts("appeler le 06 12 34 56 78"), "faits", "phone"),
        no("a French mobile in one piece", facts("tel 0612345678"), "phone"),
        no("with dots", facts("06.12.34.56.78"), "phone"),
        no("with dashes", facts("06-12-34-56-78"), "phone"),
        no("with no-break spaces", facts("06\u{A0}12\u{A0}34\u{A0}56\u{A0}78"), "phone"),
        no("with narrow no-break spaces", facts("06\u{202F}12\u{202F}34\u{202F}56\u{202F}78"), "phone"),
        no("a landline", facts("fixe : 03 21 00 00 00"), "phone"),
        no("+33 with spaces", facts("+33 6 12 34 56 78"), "phone"),
        no("+33 in one piece", facts("+33612345678"), "phone"),
        no("+33 (0)", facts("+33 (0)6 12 34 56 78"), "phone"),
        no("0033", facts("0033 6 12 34 56 78"), "phone"),
        no("a Belgian number", facts("+32 470 12 34 56"), "phone"),
        no("a British number", facts("+44 20 7946 0958"), "phone"),
        no("grouped in fours", facts("06 12 34 5678"), "phone"),
        no("inside a longer sentence with a number after", facts("rappeler au 06 12 34 56 78 3 fois"), "phone"),
        no("a phone in the victim's name", report(#""victime": {"nom": "C. 06 12 34 56 78"}"#), "victime.nom", "phone"),
        no("a phone in a child's first name", report(#""enfants": [{"prenom": "0612345678"}]"#), "enfants[0].prenom"),
        no("a phone in the dates of the facts", report(#""datesDesFaits": ["2026-03-02", "06 12 34 56 78"]"#), "datesDesFaits[1]"),
        no("a phone in the danger assessment", report(#""danger": {"evaluation": "joignable au 07.11.22.33.44"}"#), "danger.evaluation"),
        no("a phone in a note", #"{"type": "note", "notes": "nouveau numéro : 07 11 22 33 44"}"#, "notes", use: .record),
        no("a phone in the household reference", #"{"type": "note", "menage": "0612345678"}"#, "menage"),
    ]

    static let emails: [Variant] = [
        no("an e-mail address", facts("écrire à camille.d@example.org"), "faits", "e-mail"),
        no("an e-mail in capitals", facts("CAMILLE@EXAMPLE.FR"), "e-mail"),
        no("an e-mail with a plus", facts("c+abri@mail.example.com"), "e-mail"),
        no("an e-mail in the hearing", #"{"type": "suivi-juridique", "audience": "convocation envoyée à c@x.fr"}"#, "audience", use: .record),
    ]

    static let postcodes: [Variant] = [
        no("a postcode and a town", facts("partie vivre à 62100 Calais"), "faits", "postcode"),
        no("a postcode and a town in capitals", facts("59000 LILLE"), "postcode"),
        no("a postcode with an accented town", facts("62300 Éleu-dit-Leauwette"), "postcode"),
        no("a postcode, comma, town", facts("62100, Calais"), "postcode"),
        no("a Corsican postcode", facts("20000 Ajaccio"), "postcode"),
        no("a town with its postcode in brackets", facts("hébergée à Arras (62000)"), "postcode"),
        no("a postcode and a town in the conclusions", report(#""enqueteBailleur": {"conclusions": "mutation vers 59100 Roubaix"}"#), "enqueteBailleur.conclusions"),
    ]

    static let streets: [Variant] = [
        no("a rue", facts("elle vit 12 rue des Tilleuls"), "faits", "street"),
        no("a rue in lower case", facts("12 rue des tilleuls"), "street"),
        no("a RUE in capitals", facts("12 RUE DES TILLEULS"), "street"),
        no("an avenue", facts("3 avenue Foch"), "street"),
        no("an av.", facts("3 av. Foch"), "street"),
        no("a bd", facts("45 bd Gambetta"), "street"),
        no("a boulevard", facts("45 Boulevard Gambetta"), "street"),
        no("an allée with its accent", facts("3 allée des Roses"), "street"),
        no("an ALLEE without it", facts("3 ALLEE DES ROSES"), "street"),
        no("an impasse", facts("7 impasse du Moulin"), "street"),
        no("a chemin", facts("150 chemin des Vignes"), "street"),
        no("a place with a name", facts("5 place de la République"), "street"),
        no("a PLACE in capitals", facts("5 PLACE DE LA REPUBLIQUE"), "street"),
        no("a route", facts("1250 route de Boulogne"), "street"),
        no("a quai", facts("8 quai du Commerce"), "street"),
        no("a cours with a name", facts("12 cours Mirabeau"), "street"),
        no("a résidence", facts("4 résidence les Pins"), "street"),
        no("a RESIDENCE", facts("4 RESIDENCE LES PINS"), "street"),
        no("a lieu-dit", facts("2 lieu-dit Les Granges"), "street"),
        no("a lieu dit in two words", facts("2 lieu dit les Granges"), "street"),
        no("bis", facts("12 bis rue Jean Jaurès"), "street"),
        no("bis glued", facts("12bis rue Jean Jaurès"), "street"),
        no("a comma after the number", facts("12, rue Jean Jaurès"), "street"),
        no("a letter glued", facts("12b avenue de la Gare"), "street"),
        no("a faubourg", facts("30 faubourg Saint-Antoine"), "street"),
        no("a street in the enquiry", report(#""enqueteBailleur": {"conclusions": "voisins du 14 rue Haute entendus"}"#), "enqueteBailleur.conclusions"),
        no("a street in a list", report(#""datesDesFaits": ["le 2 mars au 3 rue Basse"]"#), "datesDesFaits[0]"),
        no("a street in a rehousing note", #"{"type": "relogement", "notes": "entrée au 3 allée des Roses"}"#, "notes", use: .record),
    ]

    static let lookAlikes: [Variant] = [
        ok("children", facts("3 enfants au foyer")),
        ok("a complaint date", facts("plainte du 12/03")),
        ok("a birth year", facts("née en 1988")),
        ok("a household reference", facts("ancien dossier FOH-2021-000123")),
        ok("an ISO date", facts("faits du 2026-03-02")),
        ok("a French date", facts("faits du 02/03/2026")),
        ok("a date with a time", facts("le 05.03.2024 12h30")),
        ok("a date in words", facts("le 2 mars")),
        ok("the 3919", facts("orientée vers le 3919")),
        ok("the 115 and the 17", facts("a appelé le 115 puis le 17")),
        ok("an article of the penal code", facts("article 222-33-2-1 du code pénal")),
        ok("a procedure number", facts("RG 24/01234, PV 2024/012345")),
        ok("an amount in euros", facts("dette de 15000 euros, soit 15000 Euros")),
        ok("an amount with the sign", facts("loyer de 450 € et 1 200 €")),
        ok("French lessons", facts("suit 2 cours de français par semaine")),
        ok("a place in a shelter", facts("1 place en CHRS, 2 places en foyer")),
        ok("a parking place", facts("1 place de parking")),
        ok("a route in a sentence", facts("3 routes possibles")),
        ok("an age", facts("âgée de 37 ans, 2 enfants de 5 et 8 ans")),
        ok("hours", facts("appel à 14h30, rappel à 16 h")),
        ok("a duration", facts("ordonnance pour 6 mois, renouvelable")),
        ok("a dwelling type", #"{"type": "relogement", "typeLogement": "T3 de 65 m2", "dateEntree": "1er décembre"}"#, use: .record),
        ok("a floor", facts("au 3e étage, 2ème porte")),
        ok("a social security number", facts("NIR 2 88 03 62 193 005 42")),
        ok("a bank account", facts("IBAN FR76 3000 6000 0112 3456 7890 189")),
        ok("an allowance number", facts("allocataire CAF 1234567")),
        ok("a list of dates", report(#""datesDesFaits": ["2026-03-02", "2026-03-05", "le 2 mars", "mi-février"]"#)),
        ok("an at sign alone", facts("RDV @ 14h")),
        ok("an at sign without a domain", facts("voir @camille sur le réseau")),
        ok("a year and a capitalised word", facts("en 2024 Camille a quitté le domicile")),
        ok("a number before a capitalised word", facts("reçue le 2 Mars par 2 Conseillères")),
        ok("quotes and escapes", facts(#"elle dit \"il me suit\"\n\ttous les jours"#)),
        ok("right-to-left text and emoji", facts("שלום 😀")),
        ok("the victim's name with initials", report(#""victime": {"nom": "Camille D.", "anneeNaissance": 1988}"#)),
        ok("a long realistic signalement", facts("Mme D., locataire depuis 2015, signale le 2 mars des violences conjugales répétées (insultes, coups, confiscation de ses papiers). Plainte déposée le 3 mars ; main courante en janvier. 2 enfants de 6 et 9 ans. Elle demande un relogement hors de la commune et une aide juridique. Orientation vers le CIDFF et le 3919.")),
    ]

    static var all: [Variant] { keys + phones + emails + postcodes + streets + lookAlikes }

    @Test func theTableHoldsAtLeastAHundredVariants() {
        #expect(Self.all.count >= 100, "\(Self.all.count)")
    }

    @Test(arguments: all)
    func reportIsAcceptedOrRefusedByTheSchema(_ variant: Variant) {
        do {
            let report = try Report(json: Data(variant.json.utf8), source: "r.json", use: variant.use)
            #expect(variant.refusal == nil, "accepted, but should be refused: \(variant.json)")
            // Nothing locating ever lands in the general part.
            #expect(!JSONValue.object(report.general).allKeys.contains { ReportSchema.locatingKeyNames.contains(ReportSchema.fold($0)) })
        } catch let error as AbriError {
            guard let words = variant.refusal else {
                Issue.record("refused, but should be accepted: \(error.message)")
                return
            }
            #expect(error.exitCode == 65)
            for word in words { #expect(error.message.contains(word), "\(word) in: \(error.message)") }
            // A refusal never quotes the content it refuses.
            for secret in ["12 rue", "06 12", "0612", "example.org", "62100 Calais", "Tilleuls"] {
                #expect(!error.message.contains(secret), "\(error.message)")
            }
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func freeTextRefusalSaysWhereToMoveIt() throws {
        let error = #expect(throws: AbriError.self) {
            try Report(json: Data(Self.facts("appeler le 06 12 34 56 78").utf8), source: "r.json", use: .newCase)
        }
        #expect(error?.message.contains("move this passage into locating.notes") == true)
    }

    @Test func householdIsReadUnderEitherName() throws {
        for name in ["menage", "household"] {
            let report = try Report(json: Data(#"{"type": "note", "\#(name)": "FOH-2021-000123"}"#.utf8), source: "r", use: .newCase)
            #expect(report.household == "FOH-2021-000123")
            // Stored as written.
            #expect(report.general[name] == .string("FOH-2021-000123"))
        }
    }

    @Test func theTemplateOfEveryTypeParsesAndIsRefusedOnlyForItsMissingHousehold() throws {
        for type in ReportSchema.RecordType.allCases {
            let text = ReportSchema.template(for: type)
            let value = try StrictJSON.parse(Array(text.utf8))
            #expect(value.object?["type"] == .string(type.rawValue))
            // Added to a case, the blank record is accepted as it is.
            _ = try Report(json: Data(text.utf8), source: "t", use: .record)
            if value.object?["menage"] != nil {
                #expect(throws: AbriError.self) { try Report(json: Data(text.utf8), source: "t", use: .newCase) }
                let filled = text.replacingOccurrences(of: #""menage": """#, with: #""menage": "FOH-1""#)
                #expect(try Report(json: Data(filled.utf8), source: "t", use: .newCase).household == "FOH-1")
            }
        }
    }

    /// Docs/report.schema.json is the schema the code applies, written out; `abri report schema` prints it.
    @Test func publishedSchemaFileMatchesTheCode() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Docs/report.schema.json")
        let published = try StrictJSON.parse(Array(try Data(contentsOf: url)))
        #expect(published == ReportSchema.jsonSchema, "Docs/report.schema.json drifted: run `abri report schema > Docs/report.schema.json`")
    }

    /// Every field the schema declares is documented in Docs/REPORT.md, under its French name and its aliases.
    @Test func reportDocumentationNamesEveryField() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Docs/REPORT.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        func walk(_ fields: [ReportSchema.Field]) {
            for field in fields {
                for name in field.names {
                    #expect(text.contains("`\(name)`") || text.contains(".\(name)`"), "Docs/REPORT.md does not name `\(name)`")
                }
                if case .object(let children) = field.kind { walk(children) }
                if case .countOrList(.object(let children)) = field.kind { walk(children) }
            }
        }
        walk(ReportSchema.fields)
    }
}
