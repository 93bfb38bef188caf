import Foundation
import Testing

/// One vocabulary on every granting command: `--to P` grants the general part, `--locating-to P` both.
@Suite struct GrantVocabularyTests {
    @Test func shareWithLocatingToGrantsTheAddress() throws {
        let story = try Story()
        let shared = try story.abri(["share", story.caseID, "--locating-to", "bailleur-b", "--consent", "accord"], as: .alice)
        #expect(shared.status == 0, "\(shared)")
        let opened = try story.json(["open", story.caseID], as: .bruno)
        let records = opened["records"] as? [[String: Any]] ?? []
        #expect((records.first?["masked"] as? [String]) == ["locating"], "\(opened)")
    }

    @Test func shareWithToGrantsTheGeneralPartOnly() throws {
        let story = try Story()
        try story.must(["share", story.caseID, "--to", "bailleur-b", "--consent", "accord"], as: .alice)
        let opened = try story.json(["open", story.caseID], as: .bruno)
        let records = opened["records"] as? [[String: Any]] ?? []
        #expect((records.first?["withheld"] as? [String]) == ["locating"], "\(opened)")
    }

    @Test func theOldLocatingFlagStillWorksWithOneLineNotice() throws {
        let story = try Story()
        let shared = try story.abri(["share", story.caseID, "--to", "bailleur-b", "--locating", "--consent", "accord"], as: .alice)
        #expect(shared.status == 0, "\(shared)")
        let notices = shared.stderrLines.filter { $0.contains("--locating is deprecated") }
        #expect(notices.count == 1 && notices[0].contains("--locating-to bailleur-b"), "\(shared)")
        let opened = try story.json(["open", story.caseID], as: .bruno)
        #expect(((opened["records"] as? [[String: Any]])?.first?["masked"] as? [String]) == ["locating"])
    }

    @Test func exportTakesLocatingTo() throws {
        let story = try Story()
        let bundle = story.file("dossier.abri")
        let result = try story.abri(["export", story.caseID, "--locating-to", "foh-tenancy", "--to-vault", "cidff",
                                     "--out", bundle, "--consent", "accord"], as: .alice)
        #expect(result.status == 77 && result.stderr.contains("foh-tenancy"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: bundle))
    }

    @Test func oneSharePartnerAtATime() throws {
        let story = try Story()
        let both = try story.abri(["share", story.caseID, "--to", "bailleur-b", "--locating-to", "cidff-62", "--consent", "c"], as: .alice)
        let none = try story.abri(["share", story.caseID, "--consent", "c"], as: .alice)
        #expect(both.status == 64 && none.status == 64, "\(both)\n\(none)")
        #expect(none.stderr.contains("--locating-to"), "\(none)")
    }
}
