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

/// What a replica that fetches attachments on demand asks (FORMAT §7.2, §7.5): a feed without the attachments' rows
/// but with their deletions, and one attachment's rows by its blob, in segment order, to a signed member only.
@Suite struct HubAttachmentTests {
    static func chunk(_ blob: [UInt8], _ n: Int64, _ data: [UInt8]) -> WireChange {
        VaultBuilder.change("chunks", [("blob", .blob(blob)), ("n", .integer(n))],
                            [("blob", .blob(blob)), ("n", .integer(n)), ("case_id", .blob([UInt8](repeating: 7, count: 16))),
                             ("data", .blob(data))])
    }

    @Test func oneAttachmentByItsBlobAndAFeedWithoutAttachments() throws {
        let hub = try HubProcess()
        let vault = try VaultBuilder()
        let admin = HubClient(port: hub.port, identity: vault.admin)
        #expect(try admin.create(vault.hex, try vault.creation()).status == 201)
        let blob = [UInt8](repeating: 0xab, count: 16), other = [UInt8](repeating: 0xac, count: 16)
        // Pushed out of order, with another blob's segment whose key sorts beside them.
        let segments = (0 ..< 3).map { n in (0 ..< 500).map { UInt8(truncatingIfNeeded: $0 &+ n * 31) } }
        let pushed = [Self.chunk(blob, 2, segments[2]), Self.chunk(other, 0, [1, 2, 3]), Self.chunk(blob, 0, segments[0]),
                      Self.chunk(blob, 1, segments[1])]
        #expect(try admin.push(vault.hex, base: 1, pushed).status == 200)

        let member = HubClient(port: hub.port, identity: vault.member)
        let answer = try member.send("GET", "/v1/vaults/\(vault.hex)/attachments/\(Hex.encode(blob))")
        #expect(answer.status == 200)
        let list = try ChangeList(decoding: answer.body)
        #expect(list.changes.map { $0.values?["data"]?.bytes ?? [] } == segments)
        #expect(list.changes.allSatisfy { $0.key["blob"]?.bytes == blob })

        #expect(try member.send("GET", "/v1/vaults/\(vault.hex)/attachments/\(String(repeating: "00", count: 16))").status == 404)
        #expect(try member.send("GET", "/v1/vaults/\(vault.hex)/attachments/abc").status == 400)
        let stranger = HubClient(port: hub.port, identity: try TestIdentity())
        #expect(try stranger.send("GET", "/v1/vaults/\(vault.hex)/attachments/\(Hex.encode(blob))").status == 401)

        // The feed on demand: no chunk's row, but a chunk's deletion.
        let deletion = try WireChange(table: "chunks", key: pushed[1].key, values: nil)
        #expect(try admin.push(vault.hex, base: 2, [deletion]).status == 200)
        let onDemand = try member.send("GET", "/v1/vaults/\(vault.hex)/changes?since=0&attachments=on-demand")
        #expect(onDemand.status == 200)
        let page = try FeedPage(decoding: onDemand.body)
        #expect(!page.entries.contains { $0.change.table == "chunks" && $0.change.values != nil })
        #expect(page.entries.contains { $0.change.table == "chunks" && $0.change.values == nil })
        #expect(page.entries.contains { $0.change.table == "roster" })
        #expect(try member.send("GET", "/v1/vaults/\(vault.hex)/changes?since=0&attachments=all").status == 400)
        #expect(try member.feed(vault.hex).entries.contains { $0.change.table == "chunks" && $0.change.values != nil })
    }
}
