import AbriTestSupport
import AbriCrypto
import AbriPublic
import Testing

@Suite struct HubFeedTests {
    /// The key a test compares changes by: table, then encoded key.
    static func sorted(_ changes: [WireChange]) -> [[UInt8]] {
        changes.map(\.encoded).sorted { $0.lexicographicallyPrecedes($1) }
    }

    @Test func aCreatedVaultComesBackByteForByte() throws {
        let hub = try HubProcess()
        let vault = try VaultBuilder()
        let admin = HubClient(port: hub.port, identity: vault.admin)
        let changes = try vault.creation(entries: 4, extra: 20)
        let created = try admin.create(vault.hex, changes)
        #expect(created.status == 201, "\(created.text)")
        #expect(HubClient.seq(created) == 1)

        let feed = try admin.feed(vault.hex)
        #expect(feed.entries.allSatisfy { $0.seq == 1 })
        #expect(Self.sorted(feed.entries.map(\.change)) == Self.sorted(changes))
        #expect(try admin.create(vault.hex, changes).status == 409)
    }

    @Test func smallPagesReturnEveryRowOnce() throws {
        let hub = try HubProcess(pageBytes: 3000)
        let vault = try VaultBuilder()
        let admin = HubClient(port: hub.port, identity: vault.admin)
        let changes = try vault.creation(entries: 10, extra: 40)
        #expect(try admin.create(vault.hex, changes).status == 201)
        let second = vault.records(15) + (try vault.logAndHead(3))
        #expect(try admin.push(vault.hex, base: 1, second).status == 200)

        let feed = try admin.feed(vault.hex)
        #expect(feed.pages > 10)
        #expect(feed.entries.count == changes.count + second.count)
        #expect(Self.sorted(feed.entries.map(\.change)) == Self.sorted(changes + second))
        let order = feed.entries.map { [$0.seq] }
        #expect(order == order.sorted { $0[0] < $1[0] })

        let since1 = try admin.feed(vault.hex, since: 1)
        #expect(Self.sorted(since1.entries.map(\.change)) == Self.sorted(second))
        #expect(since1.entries.allSatisfy { $0.seq == 2 })
    }

    @Test func theHeadIsTheNewestSignedCheckpoint() throws {
        let hub = try HubProcess()
        let vault = try VaultBuilder()
        let admin = HubClient(port: hub.port, identity: vault.admin)
        #expect(try admin.create(vault.hex, try vault.creation(entries: 2)).status == 201)
        let answer = try admin.send("GET", "/v1/vaults/\(vault.hex)/head")
        #expect(answer.status == 200)
        let head = try HeadAnswer(decoding: answer.body)
        #expect(head.seq == 1)
        let signed = try #require(head.head)
        #expect(Ed25519.isValidSignature(signed.signature, for: signed.text, publicKey: vault.admin.keys.publicKey))
        #expect(String(decoding: signed.text, as: UTF8.self).hasPrefix("abri.vault/\(vault.hex)\n2\n"))
    }
}
