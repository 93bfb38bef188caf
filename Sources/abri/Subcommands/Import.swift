import AbriVault
import ArgumentParser

/// `abri import`: bring a bundle into this vault.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Import a bundle addressed to you into this vault."),
        discussion: tr("""
        Checks, in order: the bundle is whole, it is addressed to you, it comes from a vault your administrator \
        pinned (`abri vault trusted`), with that vault's signed roster naming its exporter as a current member, \
        the exporter's signature, that it is meant for this vault, that it was not imported before nor its case \
        shredded here, that its consent has not ended, and that every record opens and its author is vouched for. \
        Name your partner with --partner when you are a member of several.

        Example:
          abri import dossier.abri --as ines.identity
        Exit codes: 65 a damaged or forged bundle, a bad roster proof, one meant for another vault or exported from \
        this one, already imported, whose case was shredded here or whose consent has ended; 77 not addressed to \
        you, from a vault not pinned here, or locating parts for a never-locating partner; 66 the file cannot be read.
        """)
    )

    @Argument(help: ArgumentHelp(tr("The bundle file."), valueName: tr("file")))
    var file: String

    @Option(name: .customLong("partner"), help: ArgumentHelp(tr("The partner that receives the case."), valueName: tr("partner")))
    var partner: String?

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        // A missing, cut or damaged bundle, and who may import at all, are known before any passphrase.
        try MemberSession.checkBundle(at: file)
        try Precheck(options).member(partner: partner)
        let session = try options.memberSession(partner: partner)
        let result = try session.importBundle(at: file)
        if output.json {
            try Output.json(ImportJSON(case: result.caseID.description, records: result.records, exporter: result.exporter))
        } else {
            Output.result(result.caseID.description)
            Output.say(tr("Case %@ imported (%@, exported by %@). Your partner can now open it.", result.caseID,
                          Plural.tr(result.records, one: "%@ record", other: "%@ records"), result.exporter))
        }
    }

    struct ImportJSON: Encodable {
        var `case`: String
        var records: Int
        var exporter: String
    }
}
