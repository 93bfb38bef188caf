import Foundation
import Testing

/// Oversized fields get a clear error and nothing is written, never a crash.
@Suite struct LimitsTests {
    @Test func anOversizedHouseholdOrConsentIsRefusedCleanly() throws {
        let story = try Story()
        let before = try story.snapshot()
        let longHousehold = try story.write("long.json", #"{"type":"note","household":"\#(String(repeating: "H", count: 70_000))"}"#)
        let household = try story.abri(["deposit", longHousehold], as: .alice)
        #expect(household.status == 65, "\(household)")
        #expect(household.stderrLines.count == 1)
        let ok = try story.write("ok.json", #"{"type":"note","household":"FOH-2024-000023"}"#)
        let consent = try story.abri(["deposit", ok, "--to", "cidff-62", "--consent", String(repeating: "c", count: 70_000)], as: .alice)
        #expect(consent.status == 64, "\(consent)")
        #expect(consent.stderrLines.count == 1)
        let reason = try story.abri(["share", story.caseID, "--to", "bailleur-b", "--without-consent", String(repeating: "r", count: 5_000)], as: .alice)
        #expect(reason.status == 64, "\(reason)")
        try story.expectUnchanged(since: before)
    }
}
