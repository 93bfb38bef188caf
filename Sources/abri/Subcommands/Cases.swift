import AbriVault
import ArgumentParser

/// `abri cases`: the cases your partner holds.
struct Cases: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("List the cases your partner holds, or find them by household reference."),
        discussion: tr("""
        The household reference is looked up through your partner's own blind index; it is never stored in clear.

        Example:
          abri cases --household FOH-2021-000123 --as ines.identity
        Exit codes: 77 not a member of a partner of this vault (or removed), 66 no vault.
        """)
    )

    @Option(name: .customLong("household"), help: ArgumentHelp(tr("Only the cases of this household reference."), valueName: tr("ref")))
    var household: String?

    @OptionGroup var acting: PartnerOption

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        try Precheck(options).member(partner: acting.partner)
        let session = try options.memberSession(partner: acting.partner, progress: TerminalProgress())
        let cases = try session.cases(household: household)
        if output.json {
            try Output.json(["cases": cases])
            return
        }
        for item in cases {
            Output.result("\(Visible.text(item.case))\t\(item.household.isEmpty ? "-" : Visible.text(item.household))\t" + Plural.tr(item.records, one: "%@ record", other: "%@ records"))
        }
        if cases.isEmpty { Output.say(household == nil ? tr("Your partner holds no case yet.") : tr("No case of yours for that household.")) }
    }
}
