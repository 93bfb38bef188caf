import AbriTestSupport
import AbriCrypto
import AbriPublic
import Testing

/// FORMAT §7.3: pushes that rewrite history are refused (422) and leave the hub as it was.
@Suite struct HubPushCheckTests {
    /// A hub holding a new vault of 3 entries, its builder, and the administrator's client.
    private static func created() throws -> (HubProcess, VaultBuilder, HubClient, [WireChange]) {
        let hub = try HubProcess()
        let vault = try VaultBuilder()
        let admin = HubClient(port: hub.port, identity: vault.admin)
        let changes = try vault.creation(entries: 3)
        #expect(try admin.create(vault.hex, changes).status == 201)
        return (hub, vault, admin, changes)
    }

    private static func expectRefused(_ answer: HTTPAnswer, _ reason: String, hub: HubProcess) throws {
        #expect(answer.status == 422, "\(answer.status) \(answer.text)")
        #expect(answer.text.contains(reason), "\(answer.text)")
        #expect(try hub.sql("SELECT seq FROM vaults") == "1")
        #expect(try hub.sql("SELECT count(*) FROM rows WHERE seq > 1") == "0")
    }

    @Test func aChangedLogRowIs422() throws {
        let (hub, vault, admin, _) = try Self.created()
        let changed = VaultBuilder.logRow(seq: 2, entry: Random.bytes(700))
        try Self.expectRefused(try admin.push(vault.hex, base: 1, [changed]), "cannot be changed", hub: hub)
    }

    @Test func aDeletedLogRowIs422() throws {
        let (hub, vault, admin, _) = try Self.created()
        let deletion = VaultBuilder.change("log", [("seq", .integer(3))], nil)
        try Self.expectRefused(try admin.push(vault.hex, base: 1, [deletion]), "cannot be deleted", hub: hub)
        let headDeletion = VaultBuilder.change("heads", [("size", .integer(3))], nil)
        try Self.expectRefused(try admin.push(vault.hex, base: 1, [headDeletion]), "cannot be deleted", hub: hub)
    }

    @Test func aGapInTheLogIs422() throws {
        let (hub, vault, admin, _) = try Self.created()
        var push = try vault.logAndHead(3)
        push.remove(at: 1)
        try Self.expectRefused(try admin.push(vault.hex, base: 1, push), "without a gap", hub: hub)
    }

    @Test func logRowsWithoutACoveringHeadAre422() throws {
        let (hub, vault, admin, _) = try Self.created()
        var push = try vault.logAndHead(2)
        push.removeLast()
        try Self.expectRefused(try admin.push(vault.hex, base: 1, push), "without a head", hub: hub)
    }

    @Test func aHeadWithAWrongRootOrSignatureIs422() throws {
        let (hub, vault, admin, _) = try Self.created()
        // The entries change after the head was made: the head's root is not the tree's any more.
        var push = try vault.logAndHead(2)
        push[0] = VaultBuilder.logRow(seq: 4, entry: Random.bytes(700))
        try Self.expectRefused(try admin.push(vault.hex, base: 1, push), "root", hub: hub)
    }

    @Test func aRosterNotSignedByTheAdministratorIs422() throws {
        let (hub, vault, admin, _) = try Self.created()
        let roster = try vault.nextRoster(members: [vault.member])
        let forged = VaultBuilder.change("roster", [("version", .integer(2))], [
            ("version", .integer(2)), ("body", roster.values!["body"]!), ("signature", .blob(try vault.member.sign([1, 2, 3]))),
        ])
        try Self.expectRefused(try admin.push(vault.hex, base: 1, [forged] + (try vault.logAndHead(1))), "not signed", hub: hub)
    }
}
