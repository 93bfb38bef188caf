import Foundation
import Testing

/// When the access log cannot be written, a consultation returns nothing: no record, no attachment.
@Suite struct FailClosedTests {
    @Test func openReturnsNothingWhenTheLogCannotBeWritten() throws {
        let story = try Story()
        let before = try story.snapshot()
        let out = story.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for extra in [[String](), ["--json"], ["--reveal", "--attachments", out]] {
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
}
