import AbriVault
import ArgumentParser

/// `abri add`: a new record in a case.
struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Add a record (note, rehousing, legal follow-up) to a case you hold."),
        discussion: tr("""
        The record is granted only as its own flags say, plus your own partner: sharing the case earlier does not \
        grant its later records. A rehousing's new address goes in `locating` and only to --locating-to partners.

        Example:
          abri add 7K2F… rehousing.json --locating-to cidff-62 --consent "accord oral du 2026-11-21" --as bruno.identity
        Exit codes: 77 unknown case or no grant, 64 missing consent, 65 malformed record.
        """)
    )

    @Argument(help: ArgumentHelp(tr("The case id."), valueName: tr("case-id")))
    var caseID: String

    @Argument(help: ArgumentHelp(tr("The record (JSON)."), valueName: tr("record.json")))
    var record: String

    @OptionGroup var recipients: RecipientOptions
    @OptionGroup var consent: ConsentOptions
    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        let id = try CaseID(parsing: caseID)
        let report = try ReportInput.read(record, use: .record)
        let consent = try consent.resolved()
        try AttachmentCheck.check(recipients.attachments)
        let precheck = try Precheck(options)
        try precheck.recipients(recipients.recipients, consent: consent, consentCarried: report.consent != nil,
                                own: try precheck.member(partner: recipients.partner))
        let session = try options.memberSession(partner: recipients.partner, progress: TerminalProgress())
        let result = try session.add(report, to: id, attachments: recipients.attachments,
                                     recipients: recipients.recipients, consent: consent)
        if output.json {
            try Output.json(["case": result.caseID.description, "record": result.recordID.description])
        } else {
            Output.result(result.recordID.description)
            Output.say(tr("Record added to case %@. Can read it: %@.", result.caseID, Readers.sentence(result.readers)))
        }
    }
}
