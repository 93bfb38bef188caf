@testable import abri
import Foundation
import Testing

/// Messages that say what happened and what to do, not a near miss.
@Suite struct MessageTests {
    static let french: [String: String?] = ["LANG": "fr_FR.UTF-8", "LC_ALL": nil, "LC_MESSAGES": nil]

    @Test func aReportGivenAsIdentityIsNamedAsSuch() throws {
        let story = try Story()
        let report = try story.write("signalement.json", Story.report)
        let result = try story.cli.run(["cases", "--as", report])
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains("not an Abri identity file") && !result.stderr.contains("damaged"), "\(result)")
        let french = try story.cli.run(["cases", "--as", report], environment: Self.french)
        #expect(french.stderr.contains("n'est pas un fichier d'identité Abri") && !french.stderr.contains("restaurez"), "\(french)")
    }

    @Test func openAttachmentsWithoutRevealSaysWhatWasWritten() throws {
        let story = try Story()
        let folder = story.file("pj")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let result = try story.abri(["open", story.caseID, "--attachments", folder], as: .ines, environment: Self.french)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("0 pièce jointe écrite dans"), "\(result)")
        #expect(result.stderr.contains("--reveal"), "\(result)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        let revealed = try story.abri(["open", story.caseID, "--reveal", "--purpose", "audience", "--attachments", folder], as: .ines)
        #expect(revealed.stderr.contains("1 attachment written to"), "\(revealed)")
    }

    @Test func aFailedAttachmentsRunLogsNothing() throws {
        let story = try Story()
        let folder = story.file("pj")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        try story.write("pj/recepisse.pdf", "already here")
        let before = try story.json(["log", "--case", story.caseID], as: .ines)["entries"] as? [[String: Any]] ?? []
        let failed = try story.abri(["open", story.caseID, "--reveal", "--purpose", "audience", "--attachments", folder], as: .ines)
        #expect(failed.status == 73, "\(failed)")
        let after = try story.json(["log", "--case", story.caseID], as: .ines)["entries"] as? [[String: Any]] ?? []
        // Only the second `log` itself may be new; no open and no reveal.
        let new = after.dropFirst(before.count).compactMap { $0["action"] as? String }
        #expect(!new.contains("reveal") && !new.contains("open"), "\(new)")
    }

    @Test func aMissingVaultSuggestsCheckingThePathFirst() throws {
        let story = try Story()
        let result = try story.abri(["cases", "--vault", story.file("cidf.db")], as: .ines)
        #expect(result.status == 66, "\(result)")
        let check = result.stderr.range(of: "check the path"), initRange = result.stderr.range(of: "abri init")
        #expect(check != nil && initRange != nil && check!.lowerBound < initRange!.lowerBound, "\(result)")
    }

    @Test func acceptRestoreSaysWhatItAccepted() throws {
        let story = try Story()
        let result = try story.abri(["verify", "--accept-restore"], as: .admin)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("Nothing was rolled back on this machine"), "\(result)")
    }

    @Test func frenchPluralsAgree() {
        #expect(Plural.isSingular(0, language: .french) && Plural.isSingular(1, language: .french))
        #expect(!Plural.isSingular(2, language: .french))
        #expect(!Plural.isSingular(0, language: .english) && Plural.isSingular(1, language: .english))
    }
}
