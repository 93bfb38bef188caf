import AbriVault
import ArgumentParser
import Foundation

/// The flags that choose who receives a new record, shared by `deposit` and `add`.
struct RecipientOptions: ParsableArguments {
    @Option(name: .customLong("attach"), help: ArgumentHelp(tr("Attach a file to the locating part (documents print the address; photos carry GPS)."), valueName: tr("file")))
    var attach: [String] = []

    @Option(name: .customLong("attach-general"), help: ArgumentHelp(tr("Attach a file to the general part."), valueName: tr("file")))
    var attachGeneral: [String] = []

    @Option(name: .customLong("to"), help: ArgumentHelp(tr("Grant this partner the general part."), valueName: tr("partner")))
    var to: [String] = []

    @Option(name: .customLong("locating-to"), help: ArgumentHelp(tr("Grant this partner the general and the locating parts."), valueName: tr("partner")))
    var locatingTo: [String] = []

    @Option(name: .customLong("partner"), help: ArgumentHelp(tr("Act for this partner, when you are a member of several."), valueName: tr("partner")))
    var partner: String?

    var attachments: [AttachmentSource] {
        attach.map { AttachmentSource(path: $0, compartment: .locating) }
            + attachGeneral.map { AttachmentSource(path: $0, compartment: .general) }
    }

    var recipients: Recipients { Recipients(general: to, locating: locatingTo) }
}

/// Reads reports from files, or one from standard input (`-`).
enum ReportInput {
    static func read(_ path: String, use: Report.Use) throws -> Report {
        if path == "-" {
            let data = Data(Rerun.readStandardInput { Array(FileHandle.standardInput.readDataToEndOfFile()) })
            return try Report(json: data, source: "the report on standard input", use: use)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AbriError.noInput("\(path) does not exist (check the path; nothing was written)")
        }
        guard !isDirectory.boolValue else { throw AbriError.noInput("\(path) is a folder, not a report (nothing was written)") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AbriError.noInput("\(path) cannot be read (check its permissions; nothing was written)")
        }
        return try Report(json: data, source: path, use: use)
    }
}

/// `abri deposit`: one new case per report.
struct Deposit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Deposit reports (signalements) as new cases, and choose who can read them."),
        discussion: tr("""
        Each report is a JSON object; its `locating` object holds the address and every field that locates the \
        victim, and only partners named with --locating-to receive it. Granting another partner needs the \
        victim's consent (--consent, or --without-consent with a reason). All reports go in one transaction.

        Example:
          abri deposit report.json --attach recepisse.pdf --locating-to cidff-62 --consent "formulaire signé le 2026-11-20" --as alice.identity
        Exit codes: 64 missing consent or unknown partner, 65 malformed report or a locating field outside `locating`,
        66 missing file, 77 a locating grant to a never-locating partner.
        """)
    )

    @Argument(help: ArgumentHelp(tr("Report files (JSON); `-` reads one from standard input."), valueName: tr("report.json")))
    var reports: [String] = []

    @Flag(name: .customLong("edit"), help: ArgumentHelp(tr("Write the report in $EDITOR, in a private draft that is erased afterwards.")))
    var edit = false

    @Option(name: .customLong("type"), help: ArgumentHelp(tr("With --edit: signalement, relogement, note or suivi-juridique."), valueName: tr("type")))
    var type: String?

    @Flag(name: .customLong("remove-source"), help: ArgumentHelp(tr("Overwrite and remove the report files once deposited.")))
    var removeSource = false

    @OptionGroup var recipients: RecipientOptions
    @OptionGroup var consent: ConsentOptions
    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    /// The report files, with those `BulkReports` kept away from the parser.
    var allReports: [String] { reports + BulkReports.folded }

    func validate() throws {
        let reports = allReports
        if edit {
            guard reports.isEmpty else { throw ValidationError("--edit writes the report in the editor: name no report file with it") }
            if let type, ReportSchema.RecordType(named: type) == nil {
                throw ValidationError("unknown report type \(type): use signalement, relogement, note or suivi-juridique")
            }
            return
        }
        guard type == nil else { throw ValidationError("--type goes with --edit") }
        guard !reports.isEmpty else { throw ValidationError("name at least one report file") }
        if reports.count > 1 && !recipients.attachments.isEmpty {
            throw ValidationError("attachments go with a single report (deposit the others separately)")
        }
        if reports.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input holds one report") }
    }

    func run() throws {
        let paths = allReports
        let consent = try consent.resolved()
        // Everything the roster and the disk can refuse comes before the passphrase.
        // One report, or a few: read first, so that a bad one is named before any passphrase is asked.
        let early = paths.count > 8 ? nil : try paths.map { try ReportInput.read($0, use: .newCase) }
        try AttachmentCheck.check(recipients.attachments)
        // A report may carry its own consent; a backlog's reports are read later, so the session checks theirs.
        let carried = early?.allSatisfy { $0.consent != nil } ?? true
        let precheck = try Precheck(options)
        try precheck.recipients(recipients.recipients, consent: consent, consentCarried: carried,
                                own: try precheck.member(partner: recipients.partner))
        let session: MemberSession
        let parsed: [Report]
        if edit {
            parsed = [try Rerun.editedReport { try editedReport() }]
            session = try options.memberSession(partner: recipients.partner, progress: TerminalProgress())
        } else if paths.count > 8 {
            // A backlog: its files are read and parsed on every core while the passphrase unlock (one core,
            // half a second) goes on; an error names the first bad file in order, once the unlock is done.
            let reading = Ahead<[Report]>()
            reading.start { try Parallel.map(count: paths.count) { try ReportInput.read(paths[$0], use: .newCase) } }
            session = try options.memberSession(partner: recipients.partner, progress: TerminalProgress())
            parsed = try reading.wait()
        } else {
            parsed = early ?? []
            session = try options.memberSession(partner: recipients.partner, progress: TerminalProgress())
        }
        let results = try session.deposit(parsed, attachments: recipients.attachments, recipients: recipients.recipients,
                                          consent: consent)
        let files = paths.filter { $0 != "-" }
        if removeSource {
            for file in files where !PlaintextFiles.erase(file) {
                Output.say(tr("%@ could not be removed: it still holds the report in clear, address included (remove it yourself).", file))
            }
        }
        defer {
            if !removeSource && !files.isEmpty {
                Output.say(files.count == 1
                    ? tr("Reminder: %@ still holds the report in clear, address included (erase it, or pass --remove-source next time).", files[0])
                    : tr("Reminder: the %@ report files still hold the reports in clear, addresses included (erase them, or pass --remove-source next time).", files.count))
            }
        }
        if output.json {
            try Output.json(["cases": results.map(\.caseID.description)])
            return
        }
        for result in results { Output.result(result.caseID.description) }
        if results.count == 1 {
            Output.say(tr("Case %@ deposited. Can read it: %@.", results[0].caseID, Readers.sentence(results[0].readers)))
        } else {
            Output.say(Plural.tr(results.count, one: "%@ case deposited. Can read it: %@.", other: "%@ cases deposited. Can read them: %@.",
                                 Readers.sentence(results[0].readers)))
        }
    }
}

extension Deposit {
    /// The report written in the editor on a blank template, in a private draft that is overwritten and removed
    /// whatever happens (a parse error included: nothing of it is kept).
    func editedReport() throws -> Report {
        let recordType = ReportSchema.RecordType(named: type ?? "signalement") ?? .signalement
        let draft = try PlaintextFiles.privateDraft(ReportSchema.template(for: recordType))
        defer { PlaintextFiles.erase(draft) }
        do {
            try PlaintextFiles.edit(draft)
            guard let data = FileManager.default.contents(atPath: draft) else {
                throw AbriError.noInput("the draft cannot be read back (nothing was written)")
            }
            return try Report(json: data, source: "the report written in the editor", use: .newCase)
        } catch {
            Output.say(tr("The draft was erased; nothing of it was kept."))
            throw error
        }
    }
}

/// A backlog of thousands of report files on one command line: ArgumentParser's time grows with the square of
/// the number of positional values, so all but the first are set aside here and read back by `Deposit`.
enum BulkReports {
    nonisolated(unsafe) static var folded: [String] = []

    /// The options of `deposit` that take a value.
    static let valued: Set<String> = ["--attach", "--attach-general", "--to", "--locating-to", "--partner", "--consent",
                                      "--until", "--without-consent", "--vault", "--as", "--passphrase-file", "--type"]

    static func fold(_ arguments: [String]) -> [String] {
        guard arguments.first == "deposit", arguments.count > 32, !arguments.contains("--") else { return arguments }
        var kept = ["deposit"]
        var reports: [String] = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if valued.contains(argument) {
                kept.append(argument)
                if index + 1 < arguments.count { kept.append(arguments[index + 1]) }
                index += 1
            } else if argument.hasPrefix("-") && argument != "-" {
                kept.append(argument)
            } else {
                reports.append(argument)
            }
            index += 1
        }
        guard let first = reports.first else { return arguments }
        folded = Array(reports.dropFirst())
        return kept + [first]
    }
}
