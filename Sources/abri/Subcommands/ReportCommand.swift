import AbriVault
import ArgumentParser
import Foundation

/// `abri report`: the report schema, as a blank report to fill in or as JSON Schema.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: tr("Print a blank report to fill in, or the report schema."),
        discussion: tr("""
        A report's general part accepts only the fields of the published schema (Docs/REPORT.md; French names, \
        English aliases); everything that locates the victim goes in `locating`.

        Example:
          abri report template --type signalement > signalement.json
        Exit codes: 64 an unknown type.
        """),
        subcommands: [ReportTemplate.self, ReportSchemaCommand.self]
    )
}

struct ReportTemplate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: tr("Print a blank report to fill in (JSON on stdout, what each field is for on stderr, in French)."),
        discussion: tr("""
        Standard output is the JSON alone, ready to be saved, filled in and deposited; the explanation of each \
        field goes to standard error. Leave a field empty, null, or delete it when you do not know it; \
        `menage` is required for a new case.

        Example:
          abri report template --type relogement > relogement.json
        Exit codes: 64 an unknown type.
        """)
    )

    @Option(name: .customLong("type"), help: ArgumentHelp(tr("signalement, relogement, note or suivi-juridique."), valueName: tr("type")))
    var type = "signalement"

    func validate() throws {
        guard ReportSchema.RecordType(named: type) != nil else {
            throw ValidationError("unknown report type \(type): use signalement, relogement, note or suivi-juridique")
        }
    }

    func run() throws {
        guard let type = ReportSchema.RecordType(named: type) else { return }
        Output.write(ReportSchema.template(for: type), to: 1)
        // The explanation is in French whatever the locale: the field names it explains are French.
        var lines = ["Fiche « \(type.rawValue) » à remplir (enregistrez la sortie standard dans un fichier .json) :"]
        lines += ReportSchema.explanation(for: type)
        lines.append("Laissez vide (\"\" ou null) ou supprimez ce que vous ne savez pas. Aucun téléphone, courriel, code postal")
        lines.append("ni adresse hors de locating : la fiche serait refusée. Tous les champs : Docs/REPORT.md.")
        Output.write(lines.joined(separator: "\n") + "\n", to: 2)
    }
}

struct ReportSchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: tr("Print the report schema as JSON Schema (the content of Docs/report.schema.json)."),
        discussion: tr("""
        Example:
          abri report schema > report.schema.json
        Exit codes: 0.
        """)
    )

    func run() throws {
        let encoder = Output.jsonEncoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        Output.write(String(decoding: try encoder.encode(ReportSchema.jsonSchema), as: UTF8.self) + "\n", to: 1)
    }
}
