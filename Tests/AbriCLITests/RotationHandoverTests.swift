import Foundation
import Testing

/// A newcomer, approved, rotates after the administrator's rotation before anyone else ran a command: the grants
/// under the older generation must survive, re-sealed, and every member still reads them.
@Suite struct RotationHandoverTests {
    @Test func aNewcomersRotationLosesNoGrantOfTheOlderGeneration() throws {
        let story = try Story()
        let carla = try story.enrol("carla", in: "foh-social", approvedBy: .alice)
        try story.must(["rotate", "foh-social"], as: .admin)
        // alice's grant is still under the generation before the administrator's.
        let rotated = try story.cli.run(["rotate", "foh-social", "--json", "--as", carla.path])
        #expect(rotated.status == 0, "\(rotated)")
        // alice still opens her case: her next command re-seals what carla could not.
        let opened = try story.abri(["open", story.caseID, "--json"], as: .alice)
        #expect(opened.status == 0, "\(opened)")
        // And afterwards carla opens it too.
        let carlaOpens = try story.cli.run(["open", story.caseID, "--json", "--as", carla.path])
        #expect(carlaOpens.status == 0, "\(carlaOpens)")
        #expect(try story.abri(["verify", "--as", story.identity(.admin)], as: nil).status == 0)
    }
}
