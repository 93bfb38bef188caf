import Foundation
import Testing

/// A member who joined after the last re-seal rotates before anyone else ran a command: the grants sealed to the
/// generation only the older members hold must survive, and be re-sealed at their next command.
@Suite struct RotationHandoverTests {
    @Test func aNewcomersRotationLosesNoGrantOfTheOlderGeneration() throws {
        let story = try Story()
        let carla = try story.cli.newIdentity("carla.identity", name: "carla")
        try story.must(["member", "add", "foh-social", "--identity", carla.line, "--name", "carla"], as: .admin)
        // carla holds only the newest generation; alice's grant is still under the one before.
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
