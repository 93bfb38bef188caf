import AbriCrypto
@testable import AbriVault
import Foundation
import GRDB
import PropertyBased
import Testing

/// Properties of the vault checked on generated inputs, in-process (no binary, no Argon2id): a vault built with
/// `Identity.generate` in a temporary directory. Iteration counts stay modest: every case is real cryptography.
@Suite(.serialized)
struct PropertyTests {
    // MARK: A small vault

    /// A vault with an administrator and one member per partner: `foh-social` (alice), `cidff-62` (ines),
    /// `bailleur-b` (bruno), `assoc` (zoe).
    final class Lab {
        static let partners = ["foh-social": "alice", "cidff-62": "ines", "bailleur-b": "bruno", "assoc": "zoe"]
        let directory: String
        let vault: Vault
        let admin: AdminSession
        var members: [String: MemberSession] = [:]

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("abri-prop-\(UUID().uuidString.prefix(8))").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let adminIdentity = try Identity.generate(name: "admin")
            vault = try Vault.create(path: directory + "/vault.db", admin: adminIdentity.publicIdentity, stateDirectory: directory + "/state")
            admin = try AdminSession(vault: vault, identity: adminIdentity)
            for (partner, name) in Self.partners.sorted(by: { $0.key < $1.key }) {
                try admin.addPartner(id: partner, name: partner.uppercased(), kind: .association, neverLocating: false)
                let identity = try Identity.generate(name: name)
                try admin.addMember(partner: partner, identity: identity.publicIdentity, name: name)
                members[partner] = MemberSession(vault: vault, identity: identity)
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        func member(_ partner: String) -> MemberSession { members[partner]! }

        /// The vault file through a connection of its own, as someone holding the file would open it.
        func file<T>(_ body: (Database) throws -> T) throws -> T {
            try DatabaseQueue(path: vault.store.path).write(body)
        }

        /// Runs raw SQL on the vault file (to damage it the way someone holding the file could).
        func execute(_ sql: String) throws {
            try file { db in try db.execute(sql: sql) }
        }

        func blob(_ sql: String) throws -> [UInt8]? {
            try file { db in try Data.fetchOne(db, sql: sql).map(Array.init) }
        }
    }

    // MARK: Generators

    /// Text with quotes, backslashes, control characters, accents, emoji and right-to-left script.
    static let text = Gen<Character>.oneOf(
        Gen.character(in: " " ... "~").eraseToAnySequence(),
        Gen.character(in: "\u{00}" ... "\u{1F}").eraseToAnySequence(),
        Gen.character(in: "\u{A0}" ... "\u{17F}").eraseToAnySequence(),
        Gen.character(in: "\u{5D0}" ... "\u{5EA}").eraseToAnySequence(),
        Gen.character(in: "\u{1F600}" ... "\u{1F64F}").eraseToAnySequence()
    ).string(of: 0 ... 24)

    static let leaf = Gen<JSONValue>.oneOf(
        text.map { JSONValue.string($0) }.eraseToAnySequence(),
        Gen.int(in: -1_000_000_000_000 ... 1_000_000_000_000).map { JSONValue.integer($0) }.eraseToAnySequence(),
        // Not integral: a Double that prints as an integer comes back as an integer (same JSON number).
        Gen.int(in: -1_000_000 ... 1_000_000).map { JSONValue.number(Double($0) + 0.25) }.eraseToAnySequence(),
        Gen.bool.map { JSONValue.bool($0) }.eraseToAnySequence(),
        Gen.always(JSONValue.null).eraseToAnySequence()
    )

    // MARK: Round trip

    /// Any report deposited comes back, through `open`, exactly: general content, and locating content with reveal.
    @Test func reportsRoundTripThroughDepositAndOpen() async throws {
        let lab = try Lab()
        await propertyCheck(count: 40, input: Self.general, Self.locating, Self.text.optional) { general, locating, household in
            var object = general
            object["type"] = .string("note")
            if let household { object["household"] = .string(household) }
            // What the schema refuses (a phone or a street in random text) is `ReportSchemaTests`' business.
            guard !Self.strings(in: .object(object)).contains(where: { LocatingText.finding(in: $0) != nil }) else { return }
            if !locating.isEmpty { object["locating"] = .object(locating) }
            let json = try JSONValue.canonicalData(JSONValue.object(object))
            let report = try Report(json: Data(json), source: "generated", use: .record)
            #expect(report.locating == locating)
            let results = try lab.member("foh-social").deposit([report], recipients: Recipients(locating: ["cidff-62"]),
                                                               consent: .given(reference: "formulaire", until: nil))
            let caseID = try #require(results.first?.caseID)
            for partner in ["foh-social", "cidff-62"] {
                let opened = try lab.member(partner).open(caseID, reveal: true, purpose: "property")
                let record = try #require(opened.records.first)
                #expect(opened.records.count == 1)
                #expect(record.general == report.general)
                #expect(record.type == "note")
                if locating.isEmpty {
                    #expect(record.locating == nil && record.masked.isEmpty && record.withheld.isEmpty)
                } else {
                    #expect(record.locating == locating)
                }
            }
            // And the JSON itself, as the CLI's `--json` would encode it, decodes to the same value.
            let reencoded = try JSONValue.canonicalData(JSONValue.object(report.general))
            #expect(try JSONDecoder().decode([String: JSONValue].self, from: Data(reencoded)) == report.general)
        }
    }

    /// A report's general part (text fields of the schema, never `type`, `household` or `consent`) and its locating part.
    static let general = zip(Gen.element(of: ["faits", "notes", "objet", "autreMenage", "audience", "decision"])
        .map { $0 ?? "faits" }, text.map { JSONValue.string($0) }).dictionary(ofAtMost: 0 ... 6)

    static func strings(in value: JSONValue) -> [String] {
        switch value {
        case .string(let text): [text]
        case .array(let items): items.flatMap(strings(in:))
        case .object(let members): members.values.flatMap(strings(in:))
        default: []
        }
    }
    static let locating = zip(Gen.element(of: Report.locatingKeys.sorted()).map { $0 ?? "address" }, leaf)
        .dictionary(ofAtMost: 0 ... 3)

    // MARK: Flipped bits

    enum Blob: String, CaseIterable, Sendable {
        case recordsGeneral = "records.general"
        case grantsBox = "grants.box"
        case logDetails = "log.details"
        case attachmentFile = "attachment.file"
    }

    /// Any one bit flipped in a stored ciphertext is refused by open (or verify, for the log), never returned altered.
    @Test(arguments: Blob.allCases)
    func aFlippedBitIsRefused(blob: Blob) async throws {
        let attachment = Random.bytes(70_000) // two chunks
        await propertyCheck(count: 12, input: Gen.int(in: 0 ... Int.max), Gen.int(in: 0 ... 7)) { position, bit in
            let lab = try Lab()
            let file = lab.directory + "/scan.pdf"
            try Data(attachment).write(to: URL(fileURLWithPath: file))
            let report = try Report(json: Data(#"{"type": "signalement", "household": "FOH-1", "facts": "faits", "locating": {"address": "1 rue X"}}"#.utf8),
                                    source: "r", use: .newCase)
            let caseID = try #require(try lab.member("foh-social").deposit(
                [report], attachments: [AttachmentSource(path: file, compartment: .locating)],
                recipients: Recipients(locating: ["cidff-62"]), consent: .given(reference: "c", until: nil)).first?.caseID)
            let original = try lab.member("cidff-62").open(caseID, reveal: true, purpose: nil)

            if blob == .attachmentFile {
                // Flip one bit of the attachment's file beside the vault.
                let folder = lab.vault.store.path + "-attachments"
                let names = try FileManager.default.contentsOfDirectory(atPath: folder)
                try #require(names.count == 1)
                let url = URL(fileURLWithPath: folder + "/" + names[0])
                var content = [UInt8](try Data(contentsOf: url))
                content[position % content.count] ^= UInt8(1 << bit)
                try Data(content).write(to: url)
            } else {
                try flipRow(blob, position: position, bit: bit, in: lab)
            }

            if blob == .logDetails {
                // The log: verify by the administrator opens every entry and must find the damage.
                // Noticed means a report that says not ok, or the contract's 65: any other error is a failure.
                do {
                    let verified = try lab.vault.verify(as: .administrator(lab.admin))
                    #expect(!verified.ok, "a flipped bit in log.details went unnoticed by verify")
                } catch let error as AbriError {
                    #expect(error.exitCode == 65, "verify failed otherwise than with bad data: \(error)")
                }
                return
            }
            var refused = 0
            for partner in ["foh-social", "cidff-62"] {
                let output = lab.directory + "/out-\(partner)-\(UUID().uuidString.prefix(4))"
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                do {
                    let opened = try lab.member(partner).open(caseID, reveal: true, purpose: nil, attachmentsDirectory: output)
                    // Opened: then exactly as before, attachment included.
                    #expect(opened.records.map(\.general) == original.records.map(\.general))
                    #expect(opened.records.map(\.locating) == original.records.map(\.locating))
                    let written = try FileManager.default.contentsOfDirectory(atPath: output)
                    for name in written {
                        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: output + "/" + name))) == attachment)
                    }
                } catch let error as AbriError {
                    refused += 1
                    #expect([65, 77].contains(error.exitCode), "\(blob): \(error)")
                    #expect(try FileManager.default.contentsOfDirectory(atPath: output).isEmpty, "a partial attachment was left")
                }
            }
            // records and attachments are read by both holders; a grant belongs to one of them.
            #expect(refused >= 1, "a flipped bit in \(blob.rawValue) was not noticed by anyone")
        }
    }

    /// Flips one bit of one row's blob in `blob`'s table and column.
    private func flipRow(_ blob: Blob, position: Int, bit: Int, in lab: Lab) throws {
        let (table, column) = (blob.rawValue.split(separator: ".").map(String.init)[0], blob.rawValue.split(separator: ".").map(String.init)[1])
        let key = table == "grants" ? "locator" : "rowid"
        let rows = try lab.file { db in try Data.fetchAll(db, sql: "SELECT \(key) FROM \(table) WHERE \(key) IS NOT NULL ORDER BY \(key)") }
        let keys: [Int] = table == "grants" ? [] : try lab.file { db in try Int.fetchAll(db, sql: "SELECT rowid FROM \(table) ORDER BY rowid") }
        let count = table == "grants" ? rows.count : keys.count
        try #require(count > 0)
        let row = position % count
        let condition = table == "grants" ? "locator = x'\(Array(rows[row]).map { String(format: "%02x", $0) }.joined())'" : "rowid = \(keys[row])"
        let before = try #require(try lab.blob("SELECT \(column) FROM \(table) WHERE \(condition)"))
        let offset = (position / count) % before.count
        try lab.execute("UPDATE \(table) SET \(column) = substr(\(column), 1, \(offset)) || x'\(String(format: "%02x", before[offset] ^ (1 << bit)))' || substr(\(column), \(offset + 2)) WHERE \(condition)")
        let after = try #require(try lab.blob("SELECT \(column) FROM \(table) WHERE \(condition)"))
        #expect(after.count == before.count && after != before)
    }

    // MARK: Grants

    /// A case opens for the members of the partners it was granted to, and for nobody else (77).
    @Test func aGrantOpensOnlyForItsRecipient() async throws {
        let lab = try Lab()
        let others = ["cidff-62", "bailleur-b", "assoc"]
        await propertyCheck(count: 15, input: Gen.bool.array(of: 3), Gen.bool) { chosen, shareLater in
            let recipients = zip(others, chosen).filter(\.1).map(\.0)
            let report = try Report(json: Data(#"{"type": "note", "household": "FOH-1", "facts": "x"}"#.utf8), source: "r", use: .newCase)
            let caseID = try #require(try lab.member("foh-social").deposit(
                [report], recipients: Recipients(general: shareLater ? [] : recipients),
                consent: .given(reference: "c", until: nil)).first?.caseID)
            if shareLater {
                for partner in recipients {
                    _ = try lab.member("foh-social").share(caseID, with: partner, locating: false,
                                                            consent: .given(reference: "c", until: nil))
                }
            }
            for partner in others {
                do {
                    let opened = try lab.member(partner).open(caseID, reveal: false, purpose: nil)
                    #expect(recipients.contains(partner), "\(partner) opened a case never granted to it")
                    #expect(opened.records.first?.general == report.general)
                } catch let error as AbriError {
                    #expect(!recipients.contains(partner), "\(partner) was refused a case granted to it: \(error)")
                    #expect(error.exitCode == 77)
                }
            }
        }
    }
}

/// Shredding reports its progress (per case when there are several, then the compaction, which has no count):
/// the CLI draws it on a terminal only.
@Suite struct ShredProgressTests {
    final class Recorder: ProgressListener {
        var reports: [(label: String, done: Int, total: Int)] = []
        var finished: [String] = []
        func report(label: String, done: Int, total: Int) { reports.append((label, done, total)) }
        func finish(label: String) { finished.append(label) }
    }

    @Test func shreddingSeveralCasesReportsEachCaseThenTheCompaction() throws {
        let lab = try PropertyTests.Lab()
        let report = try Report(json: Data(#"{"type":"note","household":"FOH-2024-000001","faits":"x"}"#.utf8),
                                source: "note", use: .newCase)
        let cases = try lab.member("foh-social").deposit([report, report, report], recipients: Recipients(), consent: nil).map(\.caseID)
        let recorder = Recorder()
        lab.admin.progress = recorder
        try lab.admin.shred(cases)
        #expect(recorder.reports.filter { $0.label == "shredding cases" }.map(\.done) == [0, 1, 2])
        #expect(recorder.reports.filter { $0.label == "shredding cases" }.allSatisfy { $0.total == 3 })
        #expect(recorder.reports.filter { $0.label == "compacting the vault" }.map(\.done) == [0, 1])
        #expect(recorder.finished == ["shredding cases", "compacting the vault"])
    }
}
