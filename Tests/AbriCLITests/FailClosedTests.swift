import Foundation
import Testing

/// When the access log cannot be written, a consultation returns nothing: no record, no attachment.
@Suite struct FailClosedTests {
    @Test func openReturnsNothingWhenTheLogCannotBeWritten() throws {
        let story = try Story()
        let before = try story.snapshot()
        let out = story.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for extra in [[String](), ["--json"], ["--reveal", "--purpose", "audience", "--attachments", out]] {
            // The log cannot be written, as on a full disk (a debug-build test hook).
            let result = try story.abri(["open", story.caseID] + extra, as: .ines, environment: ["ABRI_TEST_LOG_UNWRITABLE": "1"])
            #expect(result.status == 74, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderrLines.count == 1)
            for secret in Story.locatingSecrets + [Story.facts, Story.victimName] { #expect(!result.stderr.contains(secret)) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
        try story.expectUnchanged(since: before)
        // Once the store can grow again, the same open works.
        #expect(try story.abri(["open", story.caseID], as: .ines).status == 0)
    }

    /// A deposit whose log cannot be written fails after its attachment was sealed into a file: the command
    /// rolls back, and the file goes with it (no row would ever name it).
    @Test func aFailedDepositTakesItsAttachmentFileWithIt() throws {
        let story = try Story()
        let before = try story.snapshot()
        let files = story.attachmentFiles()
        let report = try story.write("late.json", #"{"type": "note", "household": "FOH-2024-000024", "facts": "x", "locating": {"address": "1 rue Y"}}"#)
        let scan = story.file("scan.bin")
        try Data(repeating: 7, count: 3 * 1_048_576).write(to: URL(fileURLWithPath: scan))
        let result = try story.abri(["deposit", report, "--attach", scan], as: .alice,
                                    environment: ["ABRI_TEST_LOG_UNWRITABLE": "1"])
        #expect(result.status == 74, "\(result)")
        #expect(story.attachmentFiles() == files, "the failed deposit left an attachment file behind")
        try story.expectUnchanged(since: before)
    }
}
