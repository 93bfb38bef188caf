@testable import AbriVault
import Foundation
import Testing

/// Contract rules of CLI.md about outputs and imports, through the binary: several attachments with the same name,
/// `backup` to a path that exists or is a dangling link, `import --partner`, and the order of the import checks.
@Suite struct ImportAndOutputTests {
    // MARK: open --attachments

    @Test func severalAttachmentsWithTheSameNameAreWrittenWithNumbersBeforeTheExtension() throws {
        let story = try Story()
        var files: [String: [UInt8]] = [:]
        var arguments: [String] = []
        for (folder, flag) in [("a", "--attach"), ("b", "--attach"), ("c", "--attach-general")] {
            try FileManager.default.createDirectory(atPath: story.file(folder), withIntermediateDirectories: false)
            let bytes = Array("pièce \(folder)".utf8) + [UInt8](repeating: UInt8(folder.utf8.first!), count: 1000)
            files[folder] = bytes
            arguments += [flag, try story.cli.home.write("\(folder)/scan.pdf", bytes)]
        }
        let report = try story.write("r.json", #"{"type":"note","household":"FOH-2024-000030","facts":"pièces"}"#)
        let id = try #require(try story.must(["deposit", report] + arguments, as: .alice).stdoutLines.first)

        // Without --reveal, the general attachment only.
        let general = story.file("general")
        try FileManager.default.createDirectory(atPath: general, withIntermediateDirectories: false)
        try story.must(["open", id, "--attachments", general], as: .alice)
        #expect(try FileManager.default.contentsOfDirectory(atPath: general) == ["scan.pdf"])
        #expect(try story.cli.home.read("general/scan.pdf") == files["c"])

        // With it, all three, each under its own name: scan.pdf, scan-2.pdf, scan-3.pdf, none lost.
        let out = story.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        try story.must(["open", id, "--reveal", "--purpose", "audience", "--attachments", out], as: .alice)
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["scan-2.pdf", "scan-3.pdf", "scan.pdf"], "\(names)")
        let written = try Set(names.map { try story.cli.home.read("out/" + $0) })
        #expect(written == Set(files.values), "every attachment is written once, byte for byte")
        for name in names { #expect(try story.cli.home.mode("out/" + name) == 0o600) }

        // A second run into the same folder: 73, and nothing of it changed.
        let again = try story.abri(["open", id, "--reveal", "--purpose", "audience", "--attachments", out], as: .alice)
        #expect(again.status == 73, "\(again)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == names)
    }

    // MARK: backup

    @Test func backupToAnExistingFileOrADanglingLinkIs73AndWritesNothing() throws {
        let story = try Story()
        let existing = try story.write("exists.db", "keep")
        let clash = try story.abri(["backup", "--out", existing], as: nil)
        #expect(clash.status == 73, "\(clash)")
        #expect(try story.cli.home.read("exists.db") == Array("keep".utf8))

        let target = story.file("elsewhere/target.db")
        try FileManager.default.createDirectory(atPath: story.file("elsewhere"), withIntermediateDirectories: false)
        let link = story.file("link.db")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let dangling = try story.abri(["backup", "--out", link], as: nil)
        #expect(dangling.status == 73, "\(dangling)")
        #expect(!FileManager.default.fileExists(atPath: target), "nothing is written through the link")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target, "the link is left as it was")
        #expect(try FileManager.default.contentsOfDirectory(atPath: story.file("elsewhere")).isEmpty)
        #expect(dangling.stderrLines.count == 1 && dangling.stderr.hasPrefix("abri: "), "\(dangling)")
    }

    // MARK: import --partner

    @Test func anImporterInTwoPartnersNamesOneAndAnImporterInNoneIs77() throws {
        let story = try Story()
        let exchange = try BundleTests.Exchange(story)
        try exchange.mustThere(["partner", "add", "cidff-59", "--name", "CIDFF 59", "--kind", "legal-aid"])
        try exchange.mustThere(["member", "add", "cidff-59", "--identity", try story.line(.ines), "--name", "ines",
                                "--also-member-of-another-partner"])
        let bundle = try exchange.export()

        let ambiguous = try exchange.importThere(bundle)
        #expect(ambiguous.status == 64, "\(ambiguous)")
        #expect(ambiguous.stderr.contains("cidff-62") && ambiguous.stderr.contains("cidff-59") && ambiguous.stderr.contains("--partner"),
                "the message lists the partners: \(ambiguous)")
        let nothing = try story.json(["cases", "--partner", "cidff-62"], as: .ines, environment: exchange.env)["cases"] as? [[String: Any]]
        #expect(nothing?.isEmpty == true, "the refused import wrote nothing")

        let chosen = try story.abri(["import", bundle, "--partner", "cidff-62"], as: .ines, environment: exchange.env)
        #expect(chosen.status == 0, "\(chosen)")
        #expect(chosen.stdoutLines == [story.caseID])
        let held = try story.json(["cases", "--partner", "cidff-62"], as: .ines, environment: exchange.env)["cases"] as? [[String: Any]]
        #expect(held?.map { $0["case"] as? String } == [story.caseID], "imported for cidff-62: \(String(describing: held))")
        let other = try story.json(["cases", "--partner", "cidff-59"], as: .ines, environment: exchange.env)["cases"] as? [[String: Any]]
        #expect(other?.isEmpty == true, "and not for cidff-59: \(String(describing: other))")

        // A vault where the addressee is a member of no partner.
        let third = story.file("third.db")
        let thirdAdmin = try story.cli.newIdentity("third-admin.identity", name: "third-admin")
        let env: [String: String?] = ["ABRI_VAULT": third]
        try story.must(["init", "--admin", thirdAdmin.line], as: nil, environment: env)
        for arguments in [["partner", "add", "cidff-62", "--name", "CIDFF", "--kind", "legal-aid"],
                          ["member", "add", "cidff-62", "--identity", try story.line(.bruno), "--name", "bruno"],
                          ["vault", "trust", try story.line(.admin), "--name", "foh"]] {
            try story.must(arguments + ["--as", thirdAdmin.path], as: nil, environment: env)
        }
        let none = try story.abri(["import", bundle], as: .ines, environment: env)
        #expect(none.status == 77, "\(none)")
        #expect(try SQLite.query(third, "SELECT count(*) FROM cases;").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    // MARK: The order of the import checks

    /// CLI.md: the bundle is whole (65), addressed to the importer (77), then its signature (65). bruno, a member of
    /// cidff-62 in the CIDFF's vault enrolled after the export, is not an addressee.
    @Test func importChecksWholenessThenAddresseeThenSignature() throws {
        let story = try Story()
        let exchange = try BundleTests.Exchange(story)
        let bundle = try exchange.export()
        try exchange.mustThere(["partner", "add", "autre", "--name", "Autre", "--kind", "association"])
        try exchange.mustThere(["member", "add", "autre", "--identity", try story.line(.bruno), "--name", "bruno"])
        let bytes = try #require(FileManager.default.contents(atPath: bundle))
        var flipped = bytes
        flipped[flipped.count / 2] ^= 0x01
        let damaged = story.file("damaged.abri")
        try flipped.write(to: URL(fileURLWithPath: damaged))
        let brunoThere: ([String]) throws -> CLI.Result = { try story.abri($0, as: .bruno, environment: exchange.env) }

        // 1. A damaged bundle addressed elsewhere: 65, before anyone asks whom it is for.
        let first = try brunoThere(["import", damaged])
        #expect(first.status == 65, "\(first)")
        // 2. The whole bundle, not addressed to him: 77.
        let second = try brunoThere(["import", bundle])
        #expect(second.status == 77, "\(second)")
        // A whole bundle with a bad signature (valid checksum and AEADs, signed by bruno in alice's name): still 77 for
        // someone it is not addressed to, so the addressee comes before the signature...
        let forged = story.file("forged.abri")
        try BundleTests.forge(bundle, recipient: try BundleTests.unlock(story, story.identity(.ines)),
                              signer: try BundleTests.unlock(story, story.identity(.bruno)), out: forged) { _ in }
        let third = try brunoThere(["import", forged])
        #expect(third.status == 77, "\(third)")
        // 3. ...and 65 for the addressee.
        let fourth = try exchange.importThere(forged)
        #expect(fourth.status == 65, "\(fourth)")
        #expect((try story.json(["cases"], as: .ines, environment: exchange.env)["cases"] as? [[String: Any]])?.isEmpty == true,
                "nothing was imported")
        // The real bundle still imports.
        #expect(try exchange.importThere(bundle).status == 0)
    }
}
