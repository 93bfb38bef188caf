import AbriVault
import ArgumentParser

/// `abri export`: a case as a sealed bundle for another vault.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Write a case you hold as a sealed, signed bundle for the members of a partner in another vault."),
        discussion: tr("""
        The bundle holds what a share would grant (the locating parts only with --locating-to), sealed to each \
        current member of the partner, so that only they can import it, and only into the vault named with \
        --to-vault (pinned by your administrator, see `abri vault trusted`). It carries this vault's signed roster, \
        which proves you are a member. It needs the victim's consent.

        Example:
          abri export 7K2F… --to cidff-62 --to-vault cidff --out dossier.abri --consent "formulaire du 2026-11-20" --as alice.identity
        Exit codes: 64 missing consent or an unknown vault name, 73 the output exists, 77 unknown case, no grant, \
        or --locating-to a never-locating partner.
        """)
    )

    @Argument(help: ArgumentHelp(tr("The case id."), valueName: tr("case-id")))
    var caseID: String

    @OptionGroup var grant: GrantOptions

    @Option(name: .customLong("to-vault"), help: ArgumentHelp(tr("The pinned vault it goes to (see `abri vault trusted`)."), valueName: tr("name")))
    var toVault: String

    @Option(name: .customLong("out"), help: ArgumentHelp(tr("The bundle file to create."), valueName: tr("file")))
    var out: String

    @OptionGroup var acting: PartnerOption

    @OptionGroup var consent: ConsentOptions
    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        let (to, locating) = try grant.partner()
        let consent = try consent.required()
        let id = try CaseID(parsing: caseID)
        let precheck = try Precheck(options)
        try precheck.recipients(locating ? Recipients(locating: [to]) : Recipients(general: [to]), consent: consent,
                                own: try precheck.member(partner: acting.partner))
        let session = try options.memberSession(partner: acting.partner)
        try session.export(id, to: to, inVault: toVault, locating: locating, consent: consent, out: out)
        if output.json {
            try Output.json(["case": id.description, "bundle": out, "partner": to, "vault": toVault])
        } else {
            Output.say(locating
                ? tr("Case %@ exported to %@. Only the members of %@ can import it, into vault %@; it includes the address.", id, out, to, toVault)
                : tr("Case %@ exported to %@. Only the members of %@ can import it, into vault %@.", id, out, to, toVault))
        }
    }
}
