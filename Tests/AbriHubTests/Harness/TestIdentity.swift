import AbriTestSupport
import AbriCrypto
import AbriPublic
import Foundation

/// A person for the tests: an Ed25519 key pair from AbriCrypto and a public identity line (its X25519 half random:
/// the hub never uses it).
final class TestIdentity: @unchecked Sendable {
    let keys: SigningKeyPair
    let line: String

    init() throws {
        keys = try SigningKeyPair.generate()
        line = PublicIdentity(boxPublicKey: Random.bytes(32), signingPublicKey: keys.publicKey).line
    }

    func sign(_ message: [UInt8]) throws -> [UInt8] { try keys.sign(message) }

    /// The three headers of FORMAT §7.2 for one request, dated `date` (now by default).
    func headers(method: String, target: String, body: [UInt8], date: Int64? = nil) throws -> [(String, String)] {
        let date = date ?? Int64(Date().timeIntervalSince1970)
        let text = RequestSignature.text(method: method, pathAndQuery: target, date: date, body: body)
        return [(RequestSignature.identityHeader, line), (RequestSignature.dateHeader, String(date)),
                (RequestSignature.signatureHeader, Data(try sign(text)).base64EncodedString())]
    }
}

/// Signed requests to one hub.
struct HubClient {
    let port: Int
    let identity: TestIdentity

    func send(_ method: String, _ target: String, body: [UInt8] = [], date: Int64? = nil) throws -> HTTPAnswer {
        try HTTPClient.send(port: port, method: method, target: target,
                            headers: try identity.headers(method: method, target: target, body: body, date: date), body: body)
    }

    func create(_ vault: String, _ changes: [WireChange]) throws -> HTTPAnswer {
        try send("PUT", "/v1/vaults/\(vault)", body: ChangeList(base: 0, changes: changes).encoded())
    }

    func push(_ vault: String, base: UInt64, _ changes: [WireChange]) throws -> HTTPAnswer {
        try send("POST", "/v1/vaults/\(vault)/push", body: ChangeList(base: base, changes: changes).encoded())
    }

    func changes(_ vault: String, since: UInt64, after: FeedCursor? = nil) throws -> HTTPAnswer {
        try send("GET", "/v1/vaults/\(vault)/changes?since=\(since)" + (after.map { "&after=\($0.text)" } ?? ""))
    }

    /// Every change since `since`, page after page, and the number of pages.
    func feed(_ vault: String, since: UInt64 = 0) throws -> (entries: [FeedPage.Entry], pages: Int) {
        var entries: [FeedPage.Entry] = []
        var cursor: FeedCursor?
        var pages = 0
        while true {
            let answer = try changes(vault, since: since, after: cursor)
            guard answer.status == 200 else { throw HarnessError("changes answered \(answer.status): \(answer.text)") }
            let page = try FeedPage(decoding: answer.body)
            pages += 1
            entries += page.entries
            guard page.more, let last = page.entries.last else { return (entries, pages) }
            cursor = FeedCursor(seq: last.seq, table: last.change.table, key: last.change.key.encoded)
        }
    }

    /// The `u64 seq` of a create or a push.
    static func seq(_ answer: HTTPAnswer) -> UInt64? {
        guard answer.body.count == 8 else { return nil }
        return answer.body.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }
}
