import AbriVault
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `abri demo`: the whole story on a temporary vault, narrated.
///
/// Runs in-process on the library with identities made in memory (no passphrase, no Argon2
/// cost), in a temporary folder that is removed at the end, even when a step fails. Every
/// refusal the story relies on is checked: a refusal that does not happen is a bug (exit 70).
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Run the whole story on a temporary vault, narrated."),
        discussion: tr("""
        A made-up network (a landlord's social-support and tenancy units, a CIDFF, a second landlord) deposits, \
        shares, opens, rehouses, logs, removes a member and shreds a case, and the demo says at each step what \
        each person sees and what is withheld from them. Nothing touches your own vault: everything happens in \
        a temporary folder (under $TMPDIR), deleted at the end. The demo prints one address, on purpose, in \
        the step where an entitled adviser reveals it.

        Example:
          abri demo
        Exit codes: 0 the story ran as documented, 70 a step did not (a bug: please report it).
        """)
    )

    func run() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let story = DemoStory(folder: folder.path)
        do {
            try story.play()
        } catch let error as AbriError {
            throw AbriError.internalError("the demo failed in “\(story.step)”: \(error.message) (this is a bug; please report it)")
        }
        // The story's vault and sessions are gone by now; the folder goes with the `defer`.
    }
}

/// A private folder (0700) under the temporary directory, removed with everything in it.
struct DemoFolder {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array((base + "/abri-demo-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw AbriError.cannotCreate("cannot create a temporary folder under \(base) (check $TMPDIR)")
        }
        path = String(cString: made)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Counts the grants a member's command re-sealed (the library reports it as progress).
final class ResealWatcher: ProgressListener {
    var done = 0
    func report(label: String, done: Int, total: Int) { self.done = done }
    func finish(label: String) {}
}

/// The story, step by step. Each step says what each person does, sees, and does not see.
final class DemoStory {
    let folder: String
    /// The step being played, for the error message of a step that fails.
    private(set) var step = "setting up"
    private let bold: Bool

    init(folder: String) {
        self.folder = folder
        bold = Output.colourEnabled
    }

    static let consent = Consent.given(reference: "formulaire signé le 2026-11-20", until: nil)

    static let report = """
    {
      "type": "signalement",
      "household": "FOH-2021-000123",
      "otherHousehold": "FOH-2019-000777",
      "victim": { "name": "Camille D.", "birthYear": 1988 },
      "facts": "Violences conjugales signalées par la locataire le 2 mars.",
      "children": 2,
      "locating": { "address": "12 rue des Tilleuls, 62100 Calais",
                    "phone": "+33 6 12 34 56 78" }
    }
    """

    static let rehousing = """
    {"type": "rehousing", "notes": "Bail signé, entrée dans les lieux le 1er du mois.",
     "locating": {"newAddress": "3 allée des Roses, 59000 Lille"}}
    """

    static let tenancyNote = """
    {"type": "note", "household": "FOH-2019-000777",
     "facts": "Retard de loyer de deux mois; plan d'apurement proposé."}
    """

    static let testNote = """
    {"type": "note", "household": "TEST-FORMATION-1",
     "facts": "Dossier de test pour la formation des équipes, sans personne réelle."}
    """

    // MARK: Output

    /// The widest line of narration; a translation is longer or shorter than its English, so paragraphs are
    /// translated whole and wrapped here.
    static let width = 110

    /// `text` cut into lines of at most `width` characters at spaces, the first starting with `first` and the
    /// others with `rest`. French puts a space before « : » and inside « », which never starts or ends a line.
    static func wrap(_ text: String, first: String = "", rest: String = "") -> [String] {
        var words: [String] = []
        for word in text.split(separator: " ").map(String.init) {
            if let last = words.last, [":", ";", "!", "?", "»"].contains(word) || last == "«" {
                words[words.count - 1] = last + " " + word
            } else {
                words.append(word)
            }
        }
        var lines: [String] = []
        var line = first
        var empty = true
        for word in words {
            if !empty && line.count + 1 + word.count > width {
                lines.append(line)
                line = rest
                empty = true
            }
            line += (empty ? "" : " ") + word
            empty = false
        }
        lines.append(line)
        return lines
    }

    private func heading(_ text: String) {
        step = text
        Output.result("")
        Output.result(bold ? "\u{1B}[1m\(text)\u{1B}[0m" : text)
    }

    /// A paragraph of narration, in the reader's language.
    private func say(_ text: String) {
        for line in DemoStory.wrap(text) { Output.result(line) }
    }

    /// A point of the summary: a dash, its continuation lines indented under the text.
    private func point(_ text: String) {
        for line in DemoStory.wrap(text, first: "- ", rest: "  ") { Output.result(line) }
    }

    /// What a person sees, indented under the sentence that introduces it.
    private func sees(_ text: String, depth: Int = 1) {
        Output.result(String(repeating: "    ", count: depth) + text)
    }

    /// A refusal as the person reads it: `abri: ` and the message in their language.
    private func refusal(_ message: String) -> String {
        "abri: " + Localization.message(message)
    }

    /// A check the story relies on; failing it is a bug in Abri, not in the demo's input.
    private func expect(_ condition: Bool, _ what: String) throws {
        guard condition else { throw AbriError.internalError(what) }
    }

    /// Runs `body`, which must be refused with "not permitted"; returns the refusal's message.
    private func refused(_ what: String, _ body: () throws -> Void) throws -> String {
        do {
            try body()
        } catch AbriError.notPermitted(let message) {
            return message
        }
        throw AbriError.internalError("\(what) was not refused")
    }

    /// A record as `abri open` prints it.
    private func show(_ record: OpenedRecord, depth: Int = 1) {
        for line in Open.lines(Open.RecordJSON(record)) { sees(line, depth: depth) }
    }

    /// A record's heading line as `abri open` prints it (type, time, author).
    private func title(_ record: OpenedRecord) -> String {
        Open.lines(Open.RecordJSON(record))[0]
    }

    /// Log entries as `abri log` prints them, spaced rather than tab-separated.
    private func show(_ lines: [LogLine], depth: Int = 1) {
        if lines.isEmpty { sees(tr("(no entry)"), depth: depth) }
        for line in lines { sees(Log.fields(line).joined(separator: "  "), depth: depth) }
    }

    /// A well-formed case id that names no case (for the "unknown case" comparison).
    private func unknownCaseID() throws -> CaseID {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        let text = String((0 ..< 25).map { _ in alphabet.randomElement()! }) + String("048CGMRW".randomElement()!)
        return try CaseID(parsing: text)
    }

    // MARK: The story

    func play() throws {
        say(tr("Abri demo: the whole story of one case, on a temporary vault with made-up people."))
        say(tr("Nothing touches your own vault; the temporary folder is deleted at the end."))

        // Step 1 -------------------------------------------------------------------------------
        heading(tr("1. The administrator creates the vault and enrols the network"))
        let adminIdentity = try Identity.generate(name: "Administrateur")
        let vault = try Vault.create(path: folder + "/vault.db", admin: adminIdentity.publicIdentity,
                                     stateDirectory: folder + "/state")
        let admin = try AdminSession(vault: vault, identity: adminIdentity)
        say(tr("The administrator (the first landlord's data-protection officer) creates the vault. They sign who is who, but hold no key that opens a case."))

        let alice = try Identity.generate(name: "Alice")
        let tom = try Identity.generate(name: "Tom")
        let ines = try Identity.generate(name: "Inès")
        let bruno = try Identity.generate(name: "Bruno")
        let network: [(id: String, name: String, kind: PartnerKind, neverLocating: Bool, member: String, line: PublicIdentity)] = [
            ("foh-social", tr("FOH social support"), .landlord, false, "alice", alice.publicIdentity),
            ("foh-tenancy", tr("FOH tenancy"), .landlord, true, "tom", tom.publicIdentity),
            ("cidff-62", "CIDFF du Pas-de-Calais", .legalAid, false, "ines", ines.publicIdentity),
            ("bailleur-b", "Bailleur B", .landlord, false, "bruno", bruno.publicIdentity),
        ]
        for partner in network {
            try admin.addPartner(id: partner.id, name: partner.name, kind: partner.kind, neverLocating: partner.neverLocating)
            try admin.addMember(partner: partner.id, identity: partner.line, name: partner.member)
        }
        say(tr("The whole network is enrolled up front (a partner enrolled for one rehousing would tell where she went):"))
        for partner in network {
            let kind = Human.kind(partner.kind.rawValue)
            sees(tr("%@ %@ (%@), member: %@", partner.id.padding(toLength: 12, withPad: " ", startingAt: 0), partner.name,
                    partner.neverLocating ? tr("%@, never receives a locating part", kind) : kind, partner.member))
        }
        let aliceSession = MemberSession(vault: vault, identity: alice)
        let tomSession = MemberSession(vault: vault, identity: tom)
        let inesSession = MemberSession(vault: vault, identity: ines)
        let brunoSession = MemberSession(vault: vault, identity: bruno)

        // Step 2 -------------------------------------------------------------------------------
        heading(tr("2. Alice (FOH social support) deposits the signalement"))
        let receipt = folder + "/recepisse.pdf"
        let pdf = "%PDF-1.4\n% Récépissé de dépôt de plainte (document fictif de la démo)\n%%EOF\n"
        guard FileManager.default.createFile(atPath: receipt, contents: Data(pdf.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw AbriError.cannotCreate("cannot write the demo's attachment in its temporary folder (check $TMPDIR)")
        }
        let report = try Report(json: Data(DemoStory.report.utf8), source: "the demo's report", use: .newCase)
        let deposited = try aliceSession.deposit([report], attachments: [AttachmentSource(path: receipt, compartment: .locating)],
                                                 recipients: Recipients(locating: ["cidff-62"]), consent: DemoStory.consent)
        try expect(deposited.count == 1, "the deposit made \(deposited.count) cases instead of one")
        let caseID = deposited[0].caseID
        say(tr("Alice deposits the report of Camille D., household FOH-2021-000123, with the complaint receipt (recepisse.pdf, in the locating part: the documents that matter print the address). She grants the locating part to cidff-62, with the victim's consent \"formulaire signé le 2026-11-20\". Abri answers:"))
        sees(tr("Case %@ deposited. Can read it: %@.", caseID, Readers.sentence(deposited[0].readers)))

        // Step 3 -------------------------------------------------------------------------------
        heading(tr("3. Inès (CIDFF) opens the case, then reveals the address"))
        let masked = try inesSession.open(caseID, reveal: false, purpose: "premier entretien")
        try expect(masked.records.count == 1 && masked.records[0].locating == nil && masked.records[0].masked == ["locating"],
                   "Inès's first view was not the masked signalement")
        say(tr("Inès opens the case. She sees the general fields; the address, the phone and the receipt stay masked:"))
        for record in masked.records { show(record) }
        let revealed = try inesSession.open(caseID, reveal: true, purpose: "préparation audience JAF")
        try expect(revealed.records.first?.locating?["address"] != nil, "Inès's reveal showed no address")
        say(tr("She asks to see them, with a purpose (\"préparation audience JAF\"); the reveal is logged as its own action. This is the one place where the demo prints an address, on purpose: Inès is entitled to it and asked."))
        for record in revealed.records { show(record) }

        // Step 4 -------------------------------------------------------------------------------
        heading(tr("4. Tom (FOH tenancy) looks for the case"))
        let tenancyNote = try Report(json: Data(DemoStory.tenancyNote.utf8), source: "the demo's tenancy note", use: .newCase)
        let tomCase = try tomSession.deposit([tenancyNote], recipients: Recipients(), consent: nil)[0].caseID
        _ = try tomSession.open(tomCase, reveal: false, purpose: "suivi du plan d'apurement")
        say(tr("Tom manages the tenancy of the other household, FOH-2019-000777. He files a rent note about it and reads it again, as his job requires. Then he looks for anything else."))
        let tomCases = try tomSession.cases()
        try expect(!tomCases.contains { $0.case == caseID.description }, "Tom's list holds the victim's case")
        say(tr("abri cases: he sees only his own note."))
        for summary in tomCases { sees(Cases.fields(summary).joined(separator: "  ")) }
        let byHousehold = try tomSession.cases(household: "FOH-2021-000123")
        try expect(byHousehold.isEmpty, "Tom found the victim's case by her household reference")
        say(tr("abri cases --household FOH-2021-000123 (the victim's household): nothing."))
        sees(tr("(no case)"))
        let onCase = try refused("Tom opening the victim's case") {
            _ = try tomSession.open(caseID, reveal: false, purpose: nil)
        }
        let onNothing = try refused("Tom opening a case that does not exist") {
            _ = try tomSession.open(try unknownCaseID(), reveal: false, purpose: nil)
        }
        try expect(onCase == onNothing, "Tom's refusal on the case differs from the one on an unknown case")
        say(tr("abri open %@, the victim's case id (say he read it over a shoulder): refused.", caseID))
        sees(refusal(onCase))
        say(tr("A made-up case id gets the same answer, word for word. Tom cannot even tell that the case exists, let alone who holds it or where she lives."))

        // Step 5 -------------------------------------------------------------------------------
        heading(tr("5. Rehousing with Bailleur B"))
        let shared = try inesSession.share(caseID, with: "bailleur-b", locating: false, consent: DemoStory.consent)
        say(tr("The victim asks the CIDFF to find her a home with another landlord. Inès shares the case with Bailleur B for the rehousing, general part only (the same consent):"))
        sees(tr("Case %@ shared. %@ can now read it.", caseID, Readers.sentence(shared)))
        let brunoView = try brunoSession.open(caseID, reveal: false, purpose: "étude de la demande de relogement")
        try expect(brunoView.records.allSatisfy { $0.locating == nil && $0.withheld == ["locating"] },
                   "Bruno's view was not withheld")
        say(tr("Bruno (Bailleur B) opens it: he sees the facts, not the old address."))
        for record in brunoView.records { show(record) }
        let rehousing = try Report(json: Data(DemoStory.rehousing.utf8), source: "the demo's rehousing record", use: .record)
        let added = try brunoSession.add(rehousing, to: caseID, recipients: Recipients(locating: ["cidff-62"]), consent: DemoStory.consent)
        say(tr("Bruno adds the rehousing record, the new address in its locating part, granted to cidff-62 only:"))
        sees(tr("Record added to case %@. Can read it: %@.", caseID, Readers.sentence(added.readers)))
        let aliceView = try aliceSession.open(caseID, reveal: false, purpose: "suivi du dossier")
        try expect(aliceView.records.count == 1, "Alice sees the rehousing record")
        say(tr("Alice opens the case again: she still sees only her own signalement. The rehousing record, and with it where she went, never comes back to the first landlord; she does not even learn which landlord it is."))
        for record in aliceView.records { sees(title(record)) }
        let inesView = try inesSession.open(caseID, reveal: false, purpose: "suivi juridique")
        try expect(inesView.records.count == 2 && inesView.records[1].masked == ["locating"], "Inès does not see the rehousing record")
        say(tr("Inès opens it: she sees both records; the new address is hers to reveal, and stays masked here."))
        for record in inesView.records { show(record) }

        // Step 6 -------------------------------------------------------------------------------
        heading(tr("6. The access log"))
        let inesLog = try inesSession.log(case: caseID)
        say(tr("Inès reads the case's log (abri log --case): every deposit, share, open and reveal, with its purpose. Tom's refused attempts are not in it: they are logged for the administrator only."))
        show(inesLog)
        let aliceLog = try aliceSession.log(case: caseID)
        try expect(!aliceLog.contains { $0.actor.hasPrefix("bailleur-b/") || $0.partner == "bailleur-b" },
                   "the first landlord's log names the second landlord")
        say(tr("Alice reads the same case's log: her deposit, her grants, and what the CIDFF she granted did with it. The CIDFF's grant to the second landlord, and everything the second landlord did, are sealed to keys she never held: where the victim went does not reach the first landlord, not even through the log."))
        show(aliceLog)
        let otherExtract = try tomSession.householdLog("FOH-2019-000777")
        try expect(!otherExtract.contains { $0.case == caseID.description }, "the other household's extract names the victim's case")
        say(tr("The other household asks which consultations of its data took place (GDPR art. 15). Tom's unit holds its rent note; the extract for FOH-2019-000777 gives the days and purposes of their consultations:"))
        show(otherExtract)
        let victimExtract = try tomSession.householdLog("FOH-2021-000123")
        try expect(victimExtract.isEmpty, "the victim's household extract names her case")
        say(tr("And for FOH-2021-000123, the victim's household (a joint lease may share it with the person who commits the violence): nothing. Her own history is given to her by a holder of her case, through the case's log."))
        let counts = try admin.dailyCounts()
        say(tr("The administrator reads how many deposits, shares, opens and reveals each partner made each day, and never which case went to whom:"))
        for count in counts { sees(Log.fields(count).joined(separator: "  ")) }
        let verification = try vault.verify(as: .administrator(admin))
        try expect(verification.ok, "verification failed: \(verification.problems.first ?? "")")
        say(tr("abri verify, by the administrator: every entry chained, every head and signature checked."))
        sees(Verify.checksOut(verification))

        // Step 7 -------------------------------------------------------------------------------
        heading(tr("7. Inès leaves the CIDFF"))
        let chloe = try Identity.generate(name: "Chloé")
        let chloeFingerprint = chloe.publicIdentity.fingerprint
        try admin.addMember(partner: "cidff-62", identity: chloe.publicIdentity, name: "chloe")
        let chloeSession = MemberSession(vault: vault, identity: chloe)
        say(tr("The administrator enrols Chloé, Inès's successor, at cidff-62 first. Enrolment moves no key: until a member of the CIDFF approves her, Chloé holds nothing, and the administrator alone cannot change that."))
        let pendingRefusal = try refused("Chloé before her approval") { _ = try chloeSession.cases() }
        sees(tr("%@: %@", "Chloé", refusal(pendingRefusal)))
        _ = try inesSession.cases()
        try expect(inesSession.awaitingApproval == ["chloe"], "Inès was not told that Chloé awaits approval")
        say(tr("Inès's next command tells her that Chloé awaits approval. Chloé reads her fingerprint out to Inès on the phone (abri identity show); Inès runs abri member approve cidff-62 chloe and compares it:"))
        let newcomer = try inesSession.newcomer(named: "chloe")
        try expect(newcomer.fingerprint == chloeFingerprint, "the fingerprints differ")
        sees(tr("%@ (%@), fingerprint %@. Compare it with the one they read from `abri identity show --fingerprint`.",
                newcomer.name, newcomer.partner, newcomer.fingerprint))
        let handover = ResealWatcher()
        inesSession.progress = handover
        _ = try inesSession.approve(newcomer)
        say(tr("They match. The approval, signed by Inès, is stored; the CIDFF's grants move at once to a fresh generation sealed to both, and the older generations are destroyed:"))
        sees(Plural.tr(handover.done, one: "%@ grant re-sealed to a generation that Chloé holds too.",
                       other: "%@ grants re-sealed to a generation that Chloé holds too."))
        try admin.removeMember(partner: "cidff-62", name: "ines")
        say(tr("The administrator removes Inès. From now on she is refused by every command."))
        let resealed = ResealWatcher()
        chloeSession.progress = resealed
        let chloeView = try chloeSession.open(caseID, reveal: false, purpose: "reprise du dossier")
        try expect(resealed.done > 0 && chloeView.records.count == 2, "Chloé's first command did not re-seal, or lost records")
        say(tr("Chloé's first command re-seals first: a fresh generation that Inès never held, the old one destroyed (%@). Then she reads everything Inès could:",
               Plural.tr(resealed.done, one: "%@ grant re-sealed", other: "%@ grants re-sealed")))
        for record in chloeView.records {
            sees(tr("%@; locating part %@", title(record), record.masked.isEmpty ? tr("withheld") : tr("masked")))
        }
        let inesRefusal = try refused("Inès opening the case after leaving") {
            _ = try inesSession.open(caseID, reveal: false, purpose: nil)
        }
        say(tr("Inès tries her identity once more:"))
        sees(refusal(inesRefusal))

        // Step 8 -------------------------------------------------------------------------------
        heading(tr("8. Retention: the administrator shreds a test case"))
        let testNote = try Report(json: Data(DemoStory.testNote.utf8), source: "the demo's test note", use: .newCase)
        let testCase = try aliceSession.deposit([testNote], recipients: Recipients(general: ["cidff-62"]),
                                                consent: .given(reference: "dossier de test, sans personne réelle", until: nil))[0].caseID
        _ = try chloeSession.open(testCase, reveal: false, purpose: "formation")
        say(tr("Alice had deposited a test case for a training session, shared with cidff-62; Chloé opened it."))
        try admin.shred(testCase)
        say(tr("The administrator shreds it: every data key destroyed, records and attachments deleted. Nobody can open it:"))
        let aliceShred = try refused("Alice opening the shredded case") {
            _ = try aliceSession.open(testCase, reveal: false, purpose: nil)
        }
        let chloeShred = try refused("Chloé opening the shredded case") {
            _ = try chloeSession.open(testCase, reveal: false, purpose: nil)
        }
        try expect(aliceShred == CaseID.unknownMessage && chloeShred == CaseID.unknownMessage, "the shredded case answers differently")
        sees(tr("%@: %@", "Alice", refusal(aliceShred)))
        sees(tr("%@: %@", "Chloé", refusal(chloeShred)))
        say(tr("The log keeps that it happened, and nothing of what the case said:"))
        show(try admin.log(case: testCase).filter { $0.action == "shred" })
        let stillThere = try chloeSession.open(caseID, reveal: false, purpose: nil)
        try expect(stillThere.records.count == 2, "the victim's case suffered from the shred")
        say(Plural.tr(stillThere.records.count, one: "The victim's case is untouched: Chloé still reads its %@ record.",
                      other: "The victim's case is untouched: Chloé still reads its %@ records."))

        // Summary -----------------------------------------------------------------------------
        heading(tr("In short"))
        point(tr("The address was shown once, to the CIDFF adviser who asked for it with a purpose, and that is logged."))
        point(tr("The tenancy unit could not list, find or open the case, and its refusal read like an unknown case."))
        point(tr("The new landlord's record went to the CIDFF only; the first landlord never learnt where she went."))
        point(tr("The household extracts leave her case out; the administrator reads counts, not cases; the log verifies."))
        point(tr("A newcomer holds no key until a colleague approves her; a member who left is refused, and her successor reads everything after re-sealing the keys."))
        point(tr("A shredded case opens for no one."))
    }
}
