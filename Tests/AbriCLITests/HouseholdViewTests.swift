import Foundation
import Testing

/// What the other household, and the first landlord's tenancy unit that manages its lease, can
/// learn through any view they can ask for: nothing that points to the victim's case.
@Suite struct HouseholdViewTests {
    /// What no view of the tenancy unit may print.
    static func forbidden(_ story: Story) -> [String] {
        [story.caseID, "bailleur-b", "Bailleur B", "cidff-62", "CIDFF 62", Story.victimName, Story.facts, "bail signé"]
            + Story.locatingSecrets
    }

    @Test func tenancyStaffViewsNamesNeitherTheCaseNorWhoHoldsIt() throws {
        let story = try Story.played()
        // Run every view again now that the log holds the whole story (and tom's own refusals).
        for arguments in Story.tomsViews(story.caseID) where arguments.first != "partner" {
            let result = try story.abri(arguments, as: .tom)
            let output = result.stdout + result.stderr
            for word in Self.forbidden(story) where !(word == story.caseID && arguments.contains(story.caseID)) {
                #expect(!output.contains(word), "tom's abri \(arguments.joined(separator: " ")) printed \(word): \(result)")
            }
            if arguments.first == "open" || arguments.first == "share" || arguments.contains("--case") {
                #expect(result.status == 77, "\(arguments): \(result)")
            } else {
                #expect(result.status == 0, "\(arguments): \(result)")
            }
        }
        // Where tom typed the id himself, the answer is the one for a case that does not exist.
        let absent = (story.caseID.first == "0" ? "1" : "0") + story.caseID.dropFirst()
        #expect(try story.abri(["open", story.caseID], as: .tom).stderr == story.abri(["open", absent], as: .tom).stderr)
        #expect(try story.abri(["log", "--case", story.caseID], as: .tom).stderr
                == story.abri(["log", "--case", absent], as: .tom).stderr)
    }

    @Test func tenancyStaffFindsNothingByEitherHouseholdReference() throws {
        let story = try Story.played()
        for reference in [Story.household, Story.otherHousehold, Story.household.lowercased()] {
            let cases = try story.json(["cases", "--household", reference], as: .tom)
            #expect((cases["cases"] as? [Any])?.isEmpty == true, "\(reference): \(cases)")
            let log = try story.json(["log", "--household", reference], as: .tom)
            #expect((log["entries"] as? [Any])?.isEmpty == true, "\(reference): \(log)")
        }
        #expect(try story.caseIDs(as: .tom).isEmpty)
    }

    @Test func theHouseholdExtractLeavesOutEveryCaseWithALocatingPartWhoeverAsks() throws {
        let story = try Story.played()
        for reference in [Story.household, Story.otherHousehold] {
            // The administrator reads no household reference at all.
            let refused = try story.abri(["log", "--household", reference, "--json"], as: .admin)
            #expect(refused.status == 77 && refused.stdout.isEmpty, "\(refused)")
        }
        for actor in [Story.Actor.alice, .ines, .bruno, .tom] {
            for reference in [Story.household, Story.otherHousehold] {
                let result = try story.must(["log", "--household", reference, "--json"], as: actor)
                #expect(!result.stdout.contains(story.caseID), "\(actor)'s extract for \(reference) names the victim's case: \(result)")
                for word in ["bailleur-b", "cidff-62"] + Story.locatingSecrets {
                    #expect(!result.stdout.contains(word), "\(actor)'s extract for \(reference): \(word)")
                }
            }
        }
    }

    @Test func theHouseholdExtractListsTheConsultationsOfACaseWithoutLocatingPart() throws {
        let story = try Story()
        // A tenancy matter about the other household, with no locating part, shared with the tenancy unit.
        let report = try story.write("lease.json", #"{"type":"note","household":"\#(Story.otherHousehold)","facts":"retard de loyer"}"#)
        let id = try #require(try story.must(["deposit", report, "--to", "foh-tenancy", "--consent", "bail"], as: .alice).stdoutLines.first)
        try story.must(["open", id, "--purpose", "gestion du bail"], as: .tom)
        // The depositor granted the tenancy unit the note: its extract lists the unit's consultations too.
        let alice = try story.json(["log", "--household", Story.otherHousehold], as: .alice)["entries"] as? [[String: Any]] ?? []
        #expect(alice.contains { $0["case"] as? String == id && $0["action"] as? String == "open" && $0["purpose"] as? String == "gestion du bail" },
                "\(alice)")
        #expect(!alice.contains { $0["case"] as? String == story.caseID })
        let tom = try story.json(["log", "--household", Story.otherHousehold], as: .tom)["entries"] as? [[String: Any]] ?? []
        #expect(tom.contains { $0["case"] as? String == id }, "the holder's extract lists its consultations: \(tom)")
        #expect(!tom.contains { $0["case"] as? String == story.caseID })
        // The victim's household reference still finds nothing of her case in any extract.
        let victims = try story.json(["log", "--household", Story.household], as: .alice)["entries"] as? [[String: Any]] ?? []
        #expect(!victims.contains { $0["case"] as? String == story.caseID })
    }

    @Test func theVictimsHistoryIsGivenThroughLogCaseByAHolder() throws {
        let story = try Story.played()
        let entries = try story.json(["log", "--case", story.caseID], as: .ines)["entries"] as? [[String: Any]] ?? []
        let actions = Set(entries.compactMap { $0["action"] as? String })
        // The CIDFF reads the grant it received, the grant made to it with the rehousing record, and its own
        // opens and reveals; the depositor's own deposit section and the other grants are not its to read.
        #expect(actions.isSuperset(of: ["share", "open", "reveal"]), "\(actions)")
        #expect(!actions.contains("deposit"), "\(actions)")
        #expect(entries.allSatisfy { $0["case"] as? String == story.caseID })
        // tom's refusal is the administrator's to see (he holds no key of the case): as a count, action and actor.
        let admin = try story.adminLog()
        #expect(admin.contains { $0["action"] as? String == "refused" && $0["actor"] as? String == "foh-tenancy/tom" })
    }
}
