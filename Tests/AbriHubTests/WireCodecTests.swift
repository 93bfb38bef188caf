import AbriTestSupport
import AbriCrypto
import AbriPublic
import Testing

@Suite struct WireCodecTests {
    static let sample: [WireChange] = [
        VaultBuilder.change("meta", [("key", .text("format"))], [("key", .text("format")), ("value", .integer(-3))]),
        VaultBuilder.change("records", [("id", .blob([1, 2, 3]))], [("id", .blob([1, 2, 3])), ("note", .null), ("day", .integer(Int64.min))]),
        VaultBuilder.change("grants", [("locator", .blob(Array(repeating: 9, count: 32)))], nil),
    ]

    @Test func changeListsRoundTrip() throws {
        let list = ChangeList(base: 42, changes: Self.sample)
        let bytes = list.encoded()
        #expect(try ChangeList(decoding: bytes) == list)
        #expect(try ChangeList(decoding: bytes).encoded() == bytes)
    }

    @Test func feedPagesAndHeadAnswersRoundTrip() throws {
        let page = FeedPage(seq: 7, more: true, entries: Self.sample.enumerated().map { .init(seq: UInt64($0.offset + 1), change: $0.element) })
        #expect(try FeedPage(decoding: page.encoded()) == page)
        let head = HeadAnswer(seq: 3, head: .init(text: Array("abri.vault/x\n".utf8), signature: Random.bytes(64)))
        #expect(try HeadAnswer(decoding: head.encoded()) == head)
        #expect(try HeadAnswer(decoding: HeadAnswer(seq: 0, head: nil).encoded()).head == nil)
    }

    @Test func everyTruncationAndTrailingByteThrows() throws {
        let bytes = ChangeList(base: 1, changes: Self.sample).encoded()
        for length in 0 ..< bytes.count {
            #expect(throws: WireError.self) { try ChangeList(decoding: Array(bytes.prefix(length))) }
        }
        #expect(throws: WireError.self) { try ChangeList(decoding: bytes + [0]) }
    }

    @Test func hostileCountsAndLengthsThrowWithoutAllocating() throws {
        // n = 2^32 - 1 changes in 12 bytes; a u32 length of 4 GiB; a column count of 65,535.
        #expect(throws: WireError.self) { try ChangeList(decoding: [0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255]) }
        #expect(throws: WireError.self) { try WireColumns(decoding: [1, 0, 1, 0x61, 3, 255, 255, 255, 255]) }
        #expect(throws: WireError.self) { try WireColumns(decoding: [255, 255, 1, 0x61, 0]) }
        #expect(throws: WireError.self) { try WireColumns(decoding: [1, 0, 1, 0x61, 9]) }
        #expect(throws: WireError.self) { try WireColumns(decoding: [1, 0, 1, 0xff, 0]) }
        #expect(throws: WireError.self) { try WireColumns(decoding: [2, 0, 1, 0x61, 0, 1, 0x61, 0]) }
        var flipped = ChangeList(base: 1, changes: Self.sample).encoded()
        for index in flipped.indices {
            flipped[index] ^= 0xff
            _ = try? ChangeList(decoding: flipped)
            flipped[index] ^= 0xff
        }
    }

    @Test func cursorsParseStrictly() throws {
        let cursor = FeedCursor(seq: 12, table: "log_tags", key: [0, 255])
        #expect(cursor.text == "12.log_tags.00ff")
        #expect(try FeedCursor(parsing: cursor.text) == cursor)
        for bad in ["", "12", "012.log.00", "12.Log.00", "12.log.0", "12.log.0G", "-1.log.00", "12.log.00.1", "99999999999999999999.log.00"] {
            #expect(throws: WireError.self) { try FeedCursor(parsing: bad) }
        }
    }

    @Test func theSignedTextIsThePrescribedOne() {
        let text = RequestSignature.text(method: "GET", pathAndQuery: "/v1/vaults/ab/head", date: 1_700_000_000, body: [])
        let expected = "abri-hub-request-v1\nGET\n/v1/vaults/ab/head\n1700000000\n\(Hex.encode(BLAKE2b.hash([])))\n"
        #expect(text == Array(expected.utf8))
    }
}
