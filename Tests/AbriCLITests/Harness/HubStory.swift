import AbriTestSupport
import Foundation
import Testing

/// The story on three machines and one hub (Docs/FORMAT.md §7): each organisation has its own home (its own
/// replica, state directory and identity files), and only the hub joins them.
///
/// - `admin`'s machine creates the vault on the hub and enrols everyone;
/// - `alice`'s office (the first landlord) clones it and deposits the case, its locating part to the CIDFF;
/// - `ines`'s office (the CIDFF) clones it and reads the case;
/// - `bruno` (the new landlord) and `tom` (the tenancy unit) each have a machine too.
final class HubStory: @unchecked Sendable {
    let hub: HubProcess
    /// One CLI (home) per actor: a machine each.
    private(set) var machines: [Story.Actor: CLI] = [:]
    private(set) var lines: [Story.Actor: String] = [:]
    private(set) var vaultID = ""
    private(set) var caseID = ""

    var url: String { "http://127.0.0.1:\(hub.port)" }

    /// The hub, the vault on it, and a replica on each of `actors`' machines; the case is deposited when `deposit`.
    init(actors: [Story.Actor] = [.admin, .alice, .ines], deposit: Bool = true) throws {
        hub = try HubProcess()
        for actor in Story.Actor.allCases {
            var cli = try CLI()
            cli.environment["ABRI_VAULT"] = cli.home.file("vault.db")
            let (_, line) = try cli.newIdentity("\(actor.rawValue).identity", name: actor.rawValue)
            machines[actor] = cli
            lines[actor] = line
        }
        let admin = machine(.admin)
        let created = try admin.run(["init", "--admin", lines[.admin]!, "--hub", url, "--json", "--as", identity(.admin)])
        guard created.status == 0, let object = try? JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any],
              let id = object["id"] as? String else { throw StoryError.commandFailed(["init", "--hub"], .admin, created) }
        vaultID = id
        for (id, name, kind, never) in [("foh-social", "FOH Social", "landlord", false),
                                        ("foh-tenancy", "FOH Gestion locative", "landlord", true),
                                        ("cidff-62", "CIDFF 62", "legal-aid", false),
                                        ("bailleur-b", "Bailleur B", "landlord", false)] {
            try must(.admin, ["partner", "add", id, "--name", name, "--kind", kind] + (never ? ["--never-locating"] : []))
        }
        for (partner, actor) in [("foh-social", Story.Actor.alice), ("foh-tenancy", .tom), ("cidff-62", .ines), ("bailleur-b", .bruno)] {
            try must(.admin, ["member", "add", partner, "--identity", lines[actor]!, "--name", actor.rawValue])
        }
        for actor in actors where actor != .admin { try clone(actor) }
        if deposit {
            let report = try machine(.alice).home.write("report.json", text: Story.report)
            caseID = try must(.alice, ["deposit", report, "--locating-to", "cidff-62", "--consent", Story.consent]).stdoutLines[0]
        }
    }

    func machine(_ actor: Story.Actor) -> CLI { machines[actor]! }

    func identity(_ actor: Story.Actor) -> String { machine(actor).home.file("\(actor.rawValue).identity") }

    func vault(_ actor: Story.Actor) -> String { machine(actor).home.file("vault.db") }

    /// `abri clone` on `actor`'s machine.
    func clone(_ actor: Story.Actor, _ options: [String] = []) throws {
        let result = try machine(actor).run(["clone", url, vaultID, "--as", identity(actor)] + options)
        guard result.status == 0 else { throw StoryError.commandFailed(["clone"], actor, result) }
    }

    /// `abri …` on `actor`'s machine, as `actor`.
    func abri(_ actor: Story.Actor, _ arguments: [String], environment: [String: String?] = [:]) throws -> CLI.Result {
        try machine(actor).run(arguments + ["--as", identity(actor)], environment: environment)
    }

    /// The same, which must succeed.
    @discardableResult
    func must(_ actor: Story.Actor, _ arguments: [String]) throws -> CLI.Result {
        let result = try abri(actor, arguments)
        guard result.status == 0 else { throw StoryError.commandFailed(arguments, actor, result) }
        return result
    }

    /// The case ids `actor` lists on their machine.
    func caseIDs(_ actor: Story.Actor) throws -> [String] {
        let result = try must(actor, ["cases", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return ((object?["cases"] as? [[String: Any]]) ?? []).compactMap { $0["case"] as? String }
    }
}
