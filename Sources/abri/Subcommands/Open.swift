import AbriVault
import ArgumentParser
import Foundation

/// `abri open`: read a case.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Open a case: the records you may read, the address masked until you reveal it."),
        discussion: tr("""
        Locating fields are shown only with --reveal, to a partner that holds them; each reveal is logged as its \
        own action, with the purpose. --attachments writes the general attachments into a folder, the locating \
        ones too with --reveal (mode 0600, never overwriting).

        Example:
          abri open 7K2F… --reveal --purpose "préparation audience JAF" --as ines.identity
        Exit codes: 64 --reveal without a purpose, 77 unknown case or no grant (the same answer for both), 73 an attachment file exists.
        """)
    )

    @Argument(help: ArgumentHelp(tr("The case id."), valueName: tr("case-id")))
    var caseID: String

    @Flag(name: .customLong("reveal"), help: ArgumentHelp(tr("Show the locating fields (logged as a reveal).")))
    var reveal = false

    @Option(name: .customLong("purpose"), help: ArgumentHelp(tr("Why you open the case; kept in the log (needed with --reveal)."), valueName: tr("text")))
    var purpose: String?

    @Option(name: .customLong("attachments"), help: ArgumentHelp(tr("Write the attachments into this folder."), valueName: tr("dir")))
    var attachments: String?

    @OptionGroup var acting: PartnerOption

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    struct AttachmentJSON: Encodable {
        var name: String
        var size: Int
        var compartment: String
    }

    struct RecordJSON: Encodable {
        var id: String
        var type: String
        var author: String
        var createdAt: String
        var general: [String: JSONValue]
        var locating: [String: JSONValue]?
        var attachments: [AttachmentJSON]
        var masked: [String]
        var withheld: [String]
    }

    struct CaseJSON: Encodable {
        var `case`: String
        var records: [RecordJSON]
        /// The last day of the consent under which the caller's partner holds the case (absent for its own deposit).
        var consentUntil: String?
    }

    /// A reveal always says why: checked here, before any passphrase is asked.
    func validate() throws {
        if reveal, (purpose ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--reveal needs --purpose with the reason, which the log keeps (e.g. --purpose \"audience JAF\")")
        }
    }

    func run() throws {
        let id = try CaseID(parsing: caseID)
        if let attachments { try AttachmentFolder.check(attachments) }
        try Precheck(options).member(partner: acting.partner)
        let session = try options.memberSession(partner: acting.partner)
        let opened = try session.open(id, reveal: reveal, purpose: purpose, attachmentsDirectory: attachments)
        let records = opened.records.map(RecordJSON.init)
        if output.json {
            try Output.json(CaseJSON(case: id.description, records: records, consentUntil: opened.consentUntil))
            return
        }
        Output.result(tr("Case %@ — %@ you can read", id, Plural.tr(records.count, one: "%@ record", other: "%@ records")))
        if let until = opened.consentUntil {
            Output.result(tr("Your partner holds it under a consent that ends after %@.", Human.day(until)))
        }
        for record in records {
            Output.result("")
            for line in Self.lines(record) { Output.result(line) }
        }
        if let attachments {
            // Say what was written: without --reveal, the locating attachments stay in the vault.
            let written = records.reduce(0) { $0 + $1.attachments.count }
            Output.say(Plural.tr(written, one: "%@ attachment written to %@.", other: "%@ attachments written to %@.",
                                 Visible.text(attachments)))
            if !reveal && records.contains(where: { !$0.masked.isEmpty }) {
                Output.say(tr("Locating attachments are written only with --reveal --purpose … (the reveal is logged)."))
            }
        }
    }

    /// A record as people read it: a heading line (type, time, author), then its fields, attachments and what
    /// stays masked or withheld, each indented by two spaces.
    static func lines(_ record: RecordJSON) -> [String] {
        var lines = [tr("%@ · %@ · by %@", Visible.text(record.type), Visible.text(Human.time(record.createdAt)), Visible.text(record.author))]
        for (key, value) in record.general.sorted(by: { $0.key < $1.key }) where key != "type" {
            lines.append("  \(Visible.text(key)): \(Visible.text(Open.text(value)))")
        }
        if let locating = record.locating {
            for (key, value) in locating.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(Visible.text(key)): \(Visible.text(Open.text(value)))  " + tr("[locating]"))
            }
        }
        if !record.masked.isEmpty {
            lines.append("  " + tr("locating part: masked (run again with --reveal --purpose … to see it; the reveal is logged)"))
        }
        if !record.withheld.isEmpty {
            lines.append("  " + tr("locating part: withheld (your partner holds no grant on it)"))
        }
        for attachment in record.attachments {
            lines.append("  " + tr("attachment: %@ (%@, %@)", Visible.text(attachment.name), Human.size(attachment.size), tr(attachment.compartment)))
        }
        return lines
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .number(let number): return String(number)
        default:
            let data = (try? Output.jsonEncoder().encode(value)) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }
}

extension Open.RecordJSON {
    /// A record as `open` shows it, from what the library opened.
    init(_ record: OpenedRecord) {
        self.init(id: record.id, type: record.type, author: record.author, createdAt: record.createdAt,
                  general: record.general, locating: record.locating,
                  attachments: record.attachments.map { Open.AttachmentJSON(name: $0.info.name, size: $0.info.size, compartment: $0.compartment.name) },
                  masked: record.masked, withheld: record.withheld)
    }
}
