import AbriTestSupport
import AbriPublic
import Testing

@Suite struct HubPushTests {
    @Test func aMemberPushesAndTheSequenceMoves() throws {
        let hub = try HubProcess()
        let vault = try VaultBuilder()
        #expect(try HubClient(port: hub.port, identity: vault.admin).create(vault.hex, try vault.creation()).status == 201)
        let member = HubClient(port: hub.port, identity: vault.member)
        let pushed = try member.push(vault.hex, base: 1, vault.records(2) + (try vault.logAndHead(2)))
        #expect(pushed.status == 200, "\(pushed.text)")
        #expect(HubClient.seq(pushed) == 2)
        #expect(try hub.sql("SELECT seq, head_size, roster_version FROM vaults") == "2|5|1")
    }

    @Test func aStaleBaseIs409AndChangesNothing() throws {
        let hub = try HubProcess()
        let vault = try VaultBuilder()
        let admin = HubClient(port: hub.port, identity: vault.admin)
        #expect(try admin.create(vault.hex, try vault.creation()).status == 201)
        let before = try hub.sql("SELECT count(*), max(seq) FROM rows")
        let stale = try admin.push(vault.hex, base: 0, vault.records(3))
        #expect(stale.status == 409)
        #expect(try admin.push(vault.hex, base: 7, vault.records(1)).status == 409)
        #expect(try hub.sql("SELECT count(*), max(seq) FROM rows") == before)
        #expect(try hub.sql("SELECT seq FROM vaults") == "1")
    }

    @Test func aDeletionKeepsOnlyTheKey() throws {
        let hub = try HubProcess()
        let vault = try VaultBuilder()
        let admin = HubClient(port: hub.port, identity: vault.admin)
        let changes = try vault.creation()
        #expect(try admin.create(vault.hex, changes).status == 201)
        let record = try #require(changes.first { $0.table == "records" })
        let deletion = try WireChange(table: "records", key: record.key, values: nil)
        #expect(try admin.push(vault.hex, base: 1, [deletion]).status == 200)

        let keyHex = Hex.encode(record.key.encoded)
        #expect(try hub.sql("SELECT value IS NULL, seq FROM rows WHERE tbl = 'records' AND key = '\\x\(keyHex)'") == "t|2")
        // No byte of the deleted row's content is left in any row of the hub.
        let general = try #require(record.values?["general"]?.bytes)
        let probe = Hex.encode(Array(general.prefix(24)))
        #expect(try hub.sql("SELECT count(*) FROM rows WHERE position('\\x\(probe)'::bytea IN coalesce(value, ''::bytea)) > 0") == "0")

        let feed = try admin.feed(vault.hex, since: 1)
        #expect(feed.entries.count == 1)
        #expect(feed.entries.first?.change == deletion)
        #expect(feed.entries.first?.change.isDeletion == true)
    }
}
