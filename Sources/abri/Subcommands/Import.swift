import AbriVault
import ArgumentParser

/// `abri import`: bring a bundle into this vault.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import a bundle addressed to you into this vault.",
        discussion: """
        Checks, in order: the bundle is whole (65), it is addressed to you (77), its signature (65), and that it \
        was not imported before nor its case shredded here (65). Name your partner with --partner when you are a \
        member of several.

        Example:
          abri import dossier.abri --as ines.identity
        """
    )

    @Argument(help: ArgumentHelp("The bundle file.", valueName: "file"))
    var file: String

    @Option(name: .customLong("partner"), help: ArgumentHelp("The partner that receives the case.", valueName: "partner"))
    var partner: String?

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        let session = try options.memberSession(partner: partner)
        let result = try session.importBundle(at: file)
        if output.json {
            try Output.json(ImportJSON(case: result.caseID.description, records: result.records, exporter: result.exporter))
        } else {
            Output.result(result.caseID.description)
            Output.say("Case \(result.caseID) imported (\(result.records) record\(result.records == 1 ? "" : "s"), exported by \(result.exporter)). Your partner can now open it.")
        }
    }

    struct ImportJSON: Encodable {
        var `case`: String
        var records: Int
        var exporter: String
    }
}
