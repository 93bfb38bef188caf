import Foundation
import Testing

/// The product's story through the binary: deposit, masked and revealed opening, attachments,
/// refusal of the tenancy unit, sharing with the new landlord, the rehousing record, the household
/// search and a bulk deposit.
@Suite struct StoryTests {
    /// One record of `abri open --json`.
    private func records(_ document: [String: Any]) -> [[String: Any]] {
        document["records"] as? [[String: Any]] ?? []
    }

    private func expectNoLocatingSecret(_ result: CLI.Result, _ comment: String = "") {
        for secret in Story.locatingSecrets {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "\(secret) shown \(comment): \(result)")
        }
    }

    @Test func depositPrintsOneCaseIdAndNamesWhoCanReadIt() throws {
        let story = try Story()
        // The template's deposit; a second one here checks the outputs.
        let report = try story.write("again.json", Story.report)
        let result = try story.must(["deposit", report, "--attach", story.file("recepisse.pdf"), "--locating-to", "cidff-62",
                                     "--consent", Story.consent], as: .alice)
        #expect(result.stdoutLines.count == 1)
        #expect(result.stdoutLines.first?.wholeMatch(of: #/[0-9A-Z]{26}/#) != nil, "\(result)")
        #expect(result.stderr.contains("CIDFF 62"))
        #expect(!result.stderr.contains("Bailleur B"))
        expectNoLocatingSecret(result)
        #expect(try story.caseIDs(as: .alice).contains(story.caseID))
    }

    @Test func adviserSeesTheReportMaskedByDefault() throws {
        let story = try Story()
        let json = try story.must(["open", story.caseID, "--json"], as: .ines)
        expectNoLocatingSecret(json, "without --reveal")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["case"] as? String == story.caseID)
        let record = try #require(records(document).first)
        #expect(records(document).count == 1)
        #expect(record["masked"] as? [String] == ["locating"])
        #expect(record["withheld"] as? [String] == [])
        #expect(record["locating"] == nil)
        #expect(record["author"] as? String == "foh-social/alice")
        #expect(record["type"] as? String == "signalement")
        let general = try #require(record["general"] as? [String: Any])
        #expect(general["facts"] as? String == Story.facts)
        #expect(general["household"] as? String == Story.household)
        #expect(general["locating"] == nil)
        #expect(!json.stdout.contains("recepisse.pdf"), "a locating attachment's name is sealed with it")

        let human = try story.must(["open", story.caseID], as: .ines)
        expectNoLocatingSecret(human, "without --reveal")
        #expect(human.stdout.contains(Story.facts))
        #expect(human.stdout.contains("masked"))
    }

    @Test func revealShowsTheLocatingPartAndIsLoggedWithItsPurpose() throws {
        let story = try Story()
        let document = try story.json(["open", story.caseID, "--reveal", "--purpose", "audience JAF"], as: .ines)
        let record = try #require(records(document).first)
        #expect(record["masked"] as? [String] == [])
        #expect(record["withheld"] as? [String] == [])
        let locating = try #require(record["locating"] as? [String: Any])
        #expect(locating["address"] as? String == Story.address)
        #expect(locating["phone"] as? String == Story.phone)
        let attachments = try #require(record["attachments"] as? [[String: Any]])
        #expect(attachments.count == 1)
        #expect(attachments.first?["name"] as? String == "recepisse.pdf")
        #expect(attachments.first?["size"] as? Int == 300_000)
        #expect(attachments.first?["compartment"] as? String == "locating")

        let human = try story.must(["open", story.caseID, "--reveal", "--purpose", "audience JAF"], as: .ines)
        #expect(human.stdout.contains(Story.address) && human.stdout.contains(Story.phone))
        #expect(!human.stderr.contains(Story.address))

        let entries = try story.json(["log", "--case", story.caseID], as: .ines)["entries"] as? [[String: Any]] ?? []
        let reveals = entries.filter { $0["action"] as? String == "reveal" }
        #expect(reveals.count == 2)
        #expect(reveals.allSatisfy { $0["purpose"] as? String == "audience JAF" && $0["actor"] as? String == "cidff-62/ines" })
    }

    @Test func revealedAttachmentIsWrittenByteForByteWithMode0600() throws {
        let story = try Story()
        let masked = story.file("masked")
        try FileManager.default.createDirectory(atPath: masked, withIntermediateDirectories: false)
        let withoutReveal = try story.must(["open", story.caseID, "--attachments", masked], as: .ines)
        expectNoLocatingSecret(withoutReveal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: masked).isEmpty,
                "a locating attachment is written only with --reveal")

        let out = story.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        let revealed = try story.abri(["open", story.caseID, "--reveal", "--purpose", "pièces", "--attachments", out], as: .ines)
        #expect(revealed.status == 0, "\(revealed)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["recepisse.pdf"])
        let written = try story.cli.home.read("out/recepisse.pdf")
        #expect(written.count == story.attachment.count)
        #expect(written == story.attachment, "the attachment comes back byte for byte")
        #expect(try story.cli.home.mode("out/recepisse.pdf") == 0o600)

        // Writing again over the same name: 73 and the first file untouched.
        let again = try story.abri(["open", story.caseID, "--reveal", "--purpose", "pièces", "--attachments", out], as: .ines)
        #expect(again.status == 73, "\(again)")
        #expect(again.stderrLines.count == 1 && again.stderr.hasPrefix("abri: "))
        #expect(try story.cli.home.read("out/recepisse.pdf") == story.attachment)
    }

    @Test func tenancyStaffIsRefusedExactlyAsForACaseThatDoesNotExist() throws {
        let story = try Story()
        let refused = try story.abri(["open", story.caseID], as: .tom)
        #expect(refused.status == 77, "\(refused)")
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderrLines.count == 1 && refused.stderr.hasPrefix("abri: "))
        // A well-formed id that names no case.
        let first = story.caseID.first == "0" ? "1" : "0"
        let absent = first + story.caseID.dropFirst()
        let missing = try story.abri(["open", absent], as: .tom)
        #expect(missing.status == 77)
        #expect(missing.stderr == refused.stderr, "the refusal must not tell that the case exists")
        let missingForAlice = try story.abri(["open", absent], as: .alice)
        #expect(missingForAlice.status == 77 && missingForAlice.stderr == refused.stderr)
        let jsonRefusal = try story.abri(["open", story.caseID, "--json"], as: .tom)
        #expect(jsonRefusal.status == 77 && jsonRefusal.stdout.isEmpty && jsonRefusal.stderr == refused.stderr)
        for result in [refused, missing, jsonRefusal] {
            #expect(!result.stderr.contains(story.caseID) || result.stderr == missing.stderr)
            expectNoLocatingSecret(result)
        }
    }

    @Test func newLandlordWithoutLocatingGrantSeesTheLocatingPartWithheld() throws {
        let story = try Story()
        let share = try story.must(["share", story.caseID, "--to", "bailleur-b", "--consent", "formulaire relogement"], as: .alice)
        expectNoLocatingSecret(share)
        for reveal in [false, true] {
            let arguments = ["open", story.caseID] + (reveal ? ["--reveal", "--purpose", "relogement"] : [])
            let result = try story.must(arguments + ["--json"], as: .bruno)
            expectNoLocatingSecret(result, "to bruno")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let record = try #require(records(document).first)
            #expect(record["withheld"] as? [String] == ["locating"])
            #expect(record["masked"] as? [String] == [])
            #expect(record["locating"] == nil)
            #expect((record["general"] as? [String: Any])?["facts"] as? String == Story.facts)
            #expect((record["attachments"] as? [Any])?.isEmpty ?? true)
        }
        let human = try story.must(["open", story.caseID, "--reveal", "--purpose", "relogement"], as: .bruno)
        expectNoLocatingSecret(human, "to bruno")
        #expect(human.stdout.contains("withheld"))
        // bruno's --attachments writes nothing: he holds no locating grant.
        let out = story.file("bruno-out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        try story.must(["open", story.caseID, "--reveal", "--purpose", "relogement", "--attachments", out], as: .bruno)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
        // Sharing again returns 0 (the latest consent wins).
        try story.must(["share", story.caseID, "--to", "bailleur-b", "--consent", "nouveau formulaire"], as: .alice)
    }

    @Test func rehousingAddressReachesTheAdviserButNeverTheFirstLandlord() throws {
        let story = try Story()
        try story.shareWithBailleurB()
        let recordID = try story.addRehousing()
        #expect(recordID.wholeMatch(of: #/[0-9A-Z]{26}/#) != nil)

        // alice, first landlord, holds only her own report.
        for reveal in [false, true] {
            let arguments = ["open", story.caseID] + (reveal ? ["--reveal", "--purpose", "suivi"] : [])
            let result = try story.must(arguments + ["--json"], as: .alice)
            #expect(!result.stdout.contains(Story.newAddress) && !result.stderr.contains(Story.newAddress), "\(result)")
            #expect(!result.stdout.contains("rehousing"), "alice must not even see the rehousing record")
            #expect(!result.stdout.contains(recordID))
            let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(records(document).count == 1)
            let human = try story.must(arguments, as: .alice)
            #expect(!human.stdout.contains(Story.newAddress) && !human.stdout.contains("bail signé"))
        }
        let aliceCases = try story.json(["cases"], as: .alice)["cases"] as? [[String: Any]] ?? []
        #expect(aliceCases.first { $0["case"] as? String == story.caseID }?["records"] as? Int == 1)

        // ines: both records, the new address only with --reveal.
        let masked = try story.must(["open", story.caseID, "--json"], as: .ines)
        #expect(!masked.stdout.contains(Story.newAddress))
        let maskedRecords = records(try #require(try JSONSerialization.jsonObject(with: Data(masked.stdout.utf8)) as? [String: Any]))
        #expect(maskedRecords.count == 2)
        #expect(maskedRecords.allSatisfy { $0["masked"] as? [String] == ["locating"] })
        let revealed = try story.json(["open", story.caseID, "--reveal", "--purpose", "relogement"], as: .ines)
        let rehousing = try #require(records(revealed).first { $0["id"] as? String == recordID })
        #expect(rehousing["type"] as? String == "rehousing")
        #expect(rehousing["author"] as? String == "bailleur-b/bruno")
        #expect((rehousing["locating"] as? [String: Any])?["newAddress"] as? String == Story.newAddress)
        #expect((rehousing["general"] as? [String: Any])?["notes"] as? String == "bail signé")

        // bruno: his own record in full; alice's report without its locating part.
        let bruno = try story.json(["open", story.caseID, "--reveal", "--purpose", "relogement"], as: .bruno)
        let brunoRecords = records(bruno)
        #expect(brunoRecords.count == 2)
        #expect(brunoRecords.first { $0["id"] as? String == recordID }?["masked"] as? [String] == [])
        #expect(brunoRecords.first { $0["id"] as? String != recordID }?["withheld"] as? [String] == ["locating"])
    }

    @Test func householdSearchFindsTheCaseForItsHoldersOnlyWhateverTheCase() throws {
        let story = try Story()
        for reference in [Story.household, Story.household.lowercased(), "foh-2021-000123"] {
            let ines = try story.json(["cases", "--household", reference], as: .ines)["cases"] as? [[String: Any]] ?? []
            #expect(ines.map { $0["case"] as? String } == [story.caseID], "\(reference)")
            #expect(ines.first?["household"] as? String == Story.household)
            let alice = try story.json(["cases", "--household", reference], as: .alice)["cases"] as? [[String: Any]] ?? []
            #expect(alice.map { $0["case"] as? String } == [story.caseID])
            let tom = try story.must(["cases", "--household", reference, "--json"], as: .tom)
            #expect(tom.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == #"{"cases":[]}"#, "\(tom)")
            let bruno = try story.json(["cases", "--household", reference], as: .bruno)["cases"] as? [[String: Any]] ?? []
            #expect(bruno.isEmpty, "bailleur-b holds nothing yet")
        }
        // The other household's reference is never indexed.
        let other = try story.json(["cases", "--household", Story.otherHousehold], as: .ines)["cases"] as? [[String: Any]] ?? []
        #expect(other.isEmpty)
        let unknown = try story.json(["cases", "--household", "FOH-2021-000124"], as: .ines)["cases"] as? [[String: Any]] ?? []
        #expect(unknown.isEmpty)
    }

    @Test func bulkDepositOf300ReportsPrintsEveryIdInArgumentOrder() throws {
        let story = try Story()
        let count = 300
        var paths: [String] = []
        for index in 0..<count {
            let reference = String(format: "BULK-%04d", index)
            paths.append(try story.write("bulk-\(index).json", #"{"type":"signalement","household":"\#(reference)","facts":"rapport \#(index)"}"#))
        }
        let deposit = try story.must(["deposit"] + paths, as: .alice)
        let ids = deposit.stdoutLines
        #expect(ids.count == count)
        #expect(Set(ids).count == count)
        #expect(ids.allSatisfy { $0.wholeMatch(of: #/[0-9A-Z]{26}/#) != nil })

        let listed = try story.json(["cases"], as: .alice)["cases"] as? [[String: Any]] ?? []
        #expect(listed.count == count + 1)
        var household: [String: String] = [:]
        for entry in listed { if let id = entry["case"] as? String { household[id] = entry["household"] as? String } }
        for (index, id) in ids.enumerated() {
            #expect(household[id] == String(format: "BULK-%04d", index), "id \(index) out of order")
        }
        // No one else holds them.
        #expect(try story.caseIDs(as: .ines) == [story.caseID])
        #expect(try story.caseIDs(as: .tom).isEmpty)

        // The JSON form: the same order.
        let more = try story.json(["deposit"] + Array(paths.prefix(3)), as: .alice)
        #expect((more["cases"] as? [String])?.count == 3)
    }

    @Test func depositReadsOneReportFromStandardInput() throws {
        let story = try Story()
        let result = try story.must(["deposit", "-"], as: .alice, stdin: Array(#"{"type":"note","household":"STDIN-1"}"#.utf8))
        let id = try #require(result.stdoutLines.first)
        let found = try story.json(["cases", "--household", "STDIN-1"], as: .alice)["cases"] as? [[String: Any]] ?? []
        #expect(found.map { $0["case"] as? String } == [id])
    }

    @Test func attachmentsAreNeverWrittenThroughASymbolicLink() throws {
        let story = try Story()
        let out = story.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: out + "/recepisse.pdf", withDestinationPath: story.file("target.pdf"))
        let result = try story.abri(["open", story.caseID, "--reveal", "--purpose", "p", "--attachments", out], as: .ines)
        #expect(result.status == 73, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: story.file("target.pdf")))
        #expect(result.stderrLines.count == 1)
    }

    @Test func attachmentNamesAreCleanedBeforeTheyAreWritten() throws {
        let story = try Story()
        let odd = "pv\u{7}\naudition .pdf"
        let path = try story.cli.home.write(odd, Array("procès-verbal".utf8))
        let report = try story.write("pv.json", #"{"type":"note","household":"FOH-2024-000020","facts":"pv"}"#)
        let id = try #require(try story.must(["deposit", report, "--attach-general", path], as: .alice).stdoutLines.first)
        let out = story.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        try story.must(["open", id, "--attachments", out], as: .alice)
        let names = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(names.count == 1, "a general attachment is written without --reveal: \(names)")
        for name in names {
            #expect(!name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(name.debugDescription)")
            #expect(try story.cli.home.read("out/" + name) == Array("procès-verbal".utf8))
            #expect(try story.cli.home.mode("out/" + name) == 0o600)
        }
    }

    @Test func consentIsRecordedFromFlagsOrFromTheReportItself() throws {
        let story = try Story()
        // The report's own consent object stands in for the flags.
        let own = try story.write("own-consent.json", #"{"type":"note","household":"FOH-2024-000010","consent":{"ref":"formulaire joint","until":"2099-01-01"}}"#)
        let first = try #require(try story.must(["deposit", own, "--to", "bailleur-b"], as: .alice).stdoutLines.first)
        try story.must(["open", first], as: .bruno)
        // And wins over the flags for that report.
        let second = try #require(try story.must(["deposit", own, "--to", "bailleur-b", "--consent", "flag"], as: .alice).stdoutLines.first)
        // Without consent: the reason is logged and shown to the administrator.
        let danger = try story.write("danger.json", #"{"type":"note","household":"FOH-2024-000011","locating":{"phone":"+33 6 99 99 99 99"}}"#)
        let third = try #require(try story.must(["deposit", danger, "--locating-to", "cidff-62", "--without-consent", "danger de mort"],
                                                as: .alice).stdoutLines.first)
        let opened = try story.must(["open", third, "--reveal", "--purpose", "mise à l'abri"], as: .ines)
        #expect(opened.stdout.contains("+33 6 99 99 99 99"))
        // The consent is the granter's and the recipient's to read, in the grant's section of the log.
        let log = try [first, second, third].flatMap { id in
            try story.json(["log", "--case", id], as: .alice)["entries"] as? [[String: Any]] ?? []
        }
        func entry(_ id: String) -> [String: Any]? { log.first { $0["case"] as? String == id && $0["action"] as? String == "share" } }
        #expect(entry(first)?["consent"] as? String == "formulaire joint")
        #expect(entry(second)?["consent"] as? String == "formulaire joint", "the report's consent wins: \(String(describing: entry(second)))")
        #expect(entry(third)?["consent"] as? String == "danger de mort")
        #expect(entry(third)?["consentKind"] as? String == "without-consent")
        // The administrator reads how many shares were made without consent, never the reason or the case.
        let counts = try story.json(["log", "--without-consent"], as: .admin)["counts"] as? [[String: Any]] ?? []
        #expect(counts.contains { $0["partner"] as? String == "foh-social" && $0["count"] as? Int == 1 }, "\(counts)")
        #expect(!"\(counts)".contains("danger de mort") && !"\(counts)".contains(third))
        for entry in log { #expect(!"\(entry)".contains("+33 6 99 99 99 99")) }
    }
}
