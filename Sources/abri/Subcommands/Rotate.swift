import AbriVault
import ArgumentParser
import Foundation

/// `abri rotate`: a new generation of a partner's keys.
struct Rotate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Renew a partner's keys: a new generation, every grant re-sealed, the old keys destroyed."),
        discussion: tr("""
        Run by a member of the partner, it re-seals every grant to a fresh generation and destroys the old ones, \
        all in one transaction: a crash leaves the vault as it was, and running it again does the whole job. \
        Run by the administrator, it makes the new generation and leaves the re-sealing to the members' next command.

        Example:
          abri rotate cidff-62 --as ines.identity
        Exit codes: 77 for someone who is neither a member of the partner nor the administrator.
        """)
    )

    @Argument(help: ArgumentHelp(tr("The partner's id."), valueName: tr("partner")))
    var partner: String

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    struct RotateJSON: Encodable {
        var partner: String
        var generation: Int
        var grants: Int
        var seconds: Double
    }

    func run() throws {
        let vault = try options.openVault()
        let start = ContinuousClock.now
        var result: (grants: Int, generation: Int)
        if try options.actsAsAdministrator(vault) {
            let session = try options.adminSession(vault: vault)
            result = (0, try session.rotate(partner: partner))
        } else {
            let progress = TerminalProgress()
            let session = ApprovalNotice.track(MemberSession(vault: vault, identity: try options.unlockIdentity(), partner: partner))
            try options.pullFromHub(vault)
            session.progress = progress
            result = try session.rotate()
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if output.json {
            try Output.json(RotateJSON(partner: partner, generation: result.generation, grants: result.grants, seconds: seconds))
        } else if try options.actsAsAdministrator(vault) {
            Output.say(tr("Partner %@ has a new key generation (%@); its members re-seal the grants at their next command.", partner, result.generation))
        } else {
            Output.say(tr("Partner %@ now uses key generation %@: %@, the old keys destroyed.", partner, result.generation,
                          Plural.tr(result.grants, one: "%@ grant re-sealed", other: "%@ grants re-sealed")))
        }
    }
}
