import AbriCrypto
import Foundation
import Testing

/// `abri export` and `abri import`: a case moved to another vault as a sealed, signed bundle.
/// The second vault belongs to the CIDFF: the same administrator line for brevity, ines enrolled at cidff-62.
@Suite struct BundleTests {
    /// Builds a second vault where ines is a member of cidff-62; returns its path.
    private func secondVault(_ story: Story) throws -> String {
        let path = story.file("cidff.db")
        let admin = try story.line(.admin)
        let env: [String: String?] = ["ABRI_VAULT": path]
        _ = try story.must(["init", "--admin", admin], as: nil, environment: env)
        _ = try story.must(["partner", "add", "cidff-62", "--name", "CIDFF", "--kind", "legal-aid"], as: .admin, environment: env)
        _ = try story.must(["member", "add", "cidff-62", "--identity", try story.line(.ines), "--name", "ines"], as: .admin, environment: env)
        return path
    }

    private func export(_ story: Story, locating: Bool, name: String = "case.abri") throws -> String {
        let out = story.file(name)
        _ = try story.must(["export", story.caseID, "--to", "cidff-62", "--out", out, "--consent", "formulaire"]
                           + (locating ? ["--locating"] : []), as: .alice)
        return out
    }

    @Test func anExportedCaseOpensInTheOtherVaultWithItsAttachment() throws {
        let story = try Story()
        let bundle = try export(story, locating: true)
        let other = try secondVault(story)
        let env: [String: String?] = ["ABRI_VAULT": other]
        let imported = try story.must(["import", bundle], as: .ines, environment: env)
        #expect(imported.stdoutLines == [story.caseID])
        let out = story.file("attachments")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let opened = try story.json(["open", story.caseID, "--reveal", "--attachments", out], as: .ines, environment: env)
        let records = opened["records"] as? [[String: Any]] ?? []
        #expect(records.count == 1)
        #expect((records.first?["locating"] as? [String: Any])?["address"] as? String == Story.address)
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(files.count == 1)
        if let name = files.first {
            #expect(FileManager.default.contents(atPath: out + "/" + name).map(Array.init) == story.attachment)
        }
        #expect(try story.must(["verify"], as: nil, environment: env).status == 0)
    }

    @Test func withoutLocatingTheBundleCarriesNoAddress() throws {
        let story = try Story()
        let bundle = try export(story, locating: false)
        let other = try secondVault(story)
        let env: [String: String?] = ["ABRI_VAULT": other]
        _ = try story.must(["import", bundle], as: .ines, environment: env)
        let opened = try story.json(["open", story.caseID, "--reveal"], as: .ines, environment: env)
        let record = (opened["records"] as? [[String: Any]])?.first
        #expect(record?["locating"] == nil)
        #expect(record?["withheld"] as? [String] == ["locating"])
        // The bundle is encrypted, so searching it for the address proves nothing; its size does: the
        // locating part carries the 300,000-byte attachment, which a bundle without it cannot hold.
        let size = try #require(FileManager.default.attributesOfItem(atPath: bundle)[.size] as? Int)
        let withLocating = try #require(FileManager.default.attributesOfItem(atPath: try export(story, locating: true, name: "full.abri"))[.size] as? Int)
        #expect(size < story.attachment.count, "a bundle without --locating holds \(size) bytes: the attachment went with it")
        #expect(withLocating > story.attachment.count)
    }

    @Test func aReplayedBundleIsRefused() throws {
        let story = try Story()
        let bundle = try export(story, locating: true)
        let other = try secondVault(story)
        let env: [String: String?] = ["ABRI_VAULT": other]
        _ = try story.must(["import", bundle], as: .ines, environment: env)
        let again = try story.abri(["import", bundle], as: .ines, environment: env)
        #expect(again.status == 65)
        #expect(again.stderr.contains("already imported"))
    }

    @Test func aBundleIsOnlyForTheMembersOfItsPartner() throws {
        let story = try Story()
        let bundle = try export(story, locating: true)
        let result = try story.abri(["import", bundle], as: .bruno)
        #expect(result.status == 77)
        #expect(result.stderrLines.count == 1)
    }

    @Test func aDamagedOrTruncatedBundleIsRefusedBeforeAnythingElse() throws {
        let story = try Story()
        let bundle = try export(story, locating: true)
        let bytes = try #require(FileManager.default.contents(atPath: bundle))
        var flipped = bytes
        flipped[flipped.count / 2] ^= 0x01
        let damaged = try story.write("damaged.abri", "")
        try flipped.write(to: URL(fileURLWithPath: damaged))
        let truncated = try story.write("truncated.abri", "")
        try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: truncated))
        for path in [damaged, truncated] {
            // Checked whole first: even someone the bundle is not addressed to gets 65.
            for actor in [Story.Actor.ines, .bruno] {
                let result = try story.abri(["import", path], as: actor)
                #expect(result.status == 65, "\(path) as \(actor)")
            }
        }
    }

    @Test func aForgedBundleFailsItsSignature() throws {
        // Re-seal a valid bundle's structure with a recomputed checksum but a changed byte inside a sealed part:
        // the checksum passes, the seal opens, the AEAD or the signature does not.
        let story = try Story()
        let bundle = try export(story, locating: true)
        var bytes = try #require(FileManager.default.contents(atPath: bundle).map(Array.init))
        bytes[bytes.count - 32 - 10] ^= 0x01
        let body = Array(bytes[0 ..< bytes.count - 32])
        let checksum = BLAKE2b.hash(body, length: 32)
        let forged = try story.write("forged.abri", "")
        try Data(body + checksum).write(to: URL(fileURLWithPath: forged))
        let result = try story.abri(["import", forged], as: .ines)
        #expect(result.status == 65)
    }

    @Test func aShreddedCaseCannotComeBackByBundle() throws {
        let story = try Story()
        let bundle = try export(story, locating: true)
        _ = try story.must(["shred", story.caseID, "--yes"], as: .admin)
        let result = try story.abri(["import", bundle], as: .ines)
        #expect(result.status == 65)
        #expect(result.stderr.contains("shredded"))
    }

    @Test func exportRefusesAnExistingOutputAndANeverLocatingTarget() throws {
        let story = try Story()
        let existing = try story.write("exists.abri", "keep")
        let clash = try story.abri(["export", story.caseID, "--to", "cidff-62", "--out", existing, "--consent", "f"], as: .alice)
        #expect(clash.status == 73)
        #expect(FileManager.default.contents(atPath: existing) == Data("keep".utf8))
        let tenancy = try story.abri(["export", story.caseID, "--to", "foh-tenancy", "--locating", "--out", story.file("t.abri"),
                                      "--consent", "f"], as: .alice)
        #expect(tenancy.status == 77)
        let noConsent = try story.abri(["export", story.caseID, "--to", "cidff-62", "--out", story.file("n.abri")], as: .alice)
        #expect(noConsent.status == 64)
        let tom = try story.abri(["export", story.caseID, "--to", "foh-tenancy", "--out", story.file("tom.abri"), "--consent", "f"], as: .tom)
        #expect(tom.status == 77)
        #expect(!FileManager.default.fileExists(atPath: story.file("tom.abri")))
    }
}
