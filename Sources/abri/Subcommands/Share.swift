import AbriVault
import ArgumentParser

/// `abri share`: grant a partner a case.
struct Share: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Share a case you hold with another partner, with the victim's consent."),
        discussion: tr("""
        Grants every record of the case that you can read: --to gives the general part, --locating-to the general \
        and the locating parts (the address). Sharing again records the new consent (the latest wins).

        Example:
          abri share 7K2F… --locating-to bailleur-b --consent "formulaire du 2026-11-20" --until 2027-05-20 --as alice.identity
        Exit codes: 64 missing consent, 77 unknown case, no grant, or a locating share to a never-locating partner.
        """)
    )

    @Argument(help: ArgumentHelp(tr("The case id."), valueName: tr("case-id")))
    var caseID: String

    @OptionGroup var grant: GrantOptions

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
        let readers = try session.share(id, with: to, locating: locating, consent: consent)
        if output.json {
            try Output.json(["case": id.description, "partner": to])
        } else {
            Output.say(tr("Case %@ shared. %@ can now read it.", id, Readers.sentence(readers)))
        }
    }
}
