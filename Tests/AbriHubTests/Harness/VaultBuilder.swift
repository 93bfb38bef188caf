import AbriTestSupport
import AbriCrypto
import AbriPublic
import Foundation

/// A vault's rows as a replica would push them (FORMAT §3, §7.1): `meta`, a signed roster, log entries closed by
/// signed heads whose roots are the real tree's, and opaque rows of other tables. It keeps the state a client keeps,
/// so that each push it makes is one the hub must accept, and a test can break exactly one rule.
final class VaultBuilder: @unchecked Sendable {
    let id = Random.bytes(16)
    var hex: String { Hex.encode(id) }
    let admin: TestIdentity
    let member: TestIdentity
    private(set) var frontier = LogFrontier()
    private(set) var headSize: Int64 = 0
    private(set) var rosterBody: [UInt8] = []
    private(set) var rosterVersion: Int64 = 0

    init() throws {
        admin = try TestIdentity()
        member = try TestIdentity()
    }

    static func change(_ table: String, _ key: [(String, WireValue)], _ values: [(String, WireValue)]?) -> WireChange {
        // The tests' own rows are well formed: a failure here is a mistake in the test.
        try! WireChange(table: table, key: WireColumns(key.map { (name: $0.0, value: $0.1) }),
                        values: values.map { try! WireColumns($0.map { (name: $0.0, value: $0.1) }) })
    }

    /// The whole new vault: meta, roster version 1 (the member enrolled), `entries` log entries and a head over them,
    /// and `extra` rows of `records`.
    func creation(entries: Int = 3, extra: Int = 5) throws -> [WireChange] {
        var changes = [
            Self.change("meta", [("key", .text("format"))], [("key", .text("format")), ("value", .integer(3))]),
            Self.change("meta", [("key", .text("vault"))], [("key", .text("vault")), ("value", .blob(id))]),
            Self.change("meta", [("key", .text("admin"))], [("key", .text("admin")), ("value", .blob(Array(admin.line.utf8)))]),
        ]
        changes.append(try nextRoster(members: [member]))
        changes += records(extra)
        changes += try logAndHead(entries)
        return changes
    }

    /// `count` rows of `records` with random ciphertexts.
    func records(_ count: Int, size: Int = 600) -> [WireChange] {
        (0 ..< count).map { _ in
            let id = Random.bytes(16)
            return Self.change("records", [("id", .blob(id))], [
                ("id", .blob(id)), ("case_id", .blob(Random.bytes(16))), ("seq", .integer(1)), ("day", .integer(20_000)),
                ("origin", .blob(Random.bytes(16))), ("general", .blob(Random.bytes(size))), ("locating", .blob(Random.bytes(size))),
            ])
        }
    }

    /// The next roster version listing `members`, signed by the administrator and chained to the one before.
    func nextRoster(members: [TestIdentity]) throws -> WireChange {
        let version = Int(rosterVersion) + 1
        let roster = Roster(
            vault: hex, version: version, admin: admin.line,
            logKey: LogKeyInfo(generation: 1, publicKey: Data(Random.bytes(32)).base64EncodedString()),
            partners: [Partner(id: "asso", name: "Association", kind: .association, neverLocating: false)],
            members: members.enumerated().map { Member(partner: "asso", name: "m\($0.offset)", identity: $0.element.line, removed: false, enrolled: version) },
            previous: version == 1 ? nil : Data(Roster.hash(body: rosterBody)).base64EncodedString()
        )
        let body = try roster.canonicalBody()
        let signature = try admin.sign(Roster.signatureContext + body)
        rosterBody = body
        rosterVersion = Int64(version)
        return Self.change("roster", [("version", .integer(Int64(version)))],
                           [("version", .integer(Int64(version))), ("body", .blob(body)), ("signature", .blob(signature))])
    }

    /// One log row, as the vault stores it.
    static func logRow(seq: Int64, day: Int64 = 20_000, entry: [UInt8]) -> WireChange {
        change("log", [("seq", .integer(seq))], [("seq", .integer(seq)), ("day", .integer(day)), ("entry", .blob(entry))])
    }

    /// `count` new log entries and the administrator's checkpoint over them.
    func logAndHead(_ count: Int) throws -> [WireChange] {
        var changes: [WireChange] = []
        for _ in 0 ..< count {
            let seq = Int64(frontier.size + 1)
            let entry = Random.bytes(700)
            frontier.append(leafHash: LogFrontier.leafHash(LogLeaf.leaf(seq: Int(seq), day: 20_000, entry: entry)))
            changes.append(Self.logRow(seq: seq, entry: entry))
        }
        changes.append(try head())
        return changes
    }

    /// A checkpoint of the log as it stands, signed by the administrator.
    func head() throws -> WireChange {
        let size = Int64(frontier.size)
        let keys = Random.bytes(32)
        let rosterHash = Roster.hash(body: rosterBody)
        let note = HeadNote(vaultHex: hex, head: Head(size: Int(size), root: frontier.root), day: "2026-12-07",
                            binding: HeadBinding(rosterVersion: Int(rosterVersion), rosterHash: rosterHash, keys: keys, previous: Int(headSize)))
        let signature = try admin.sign(note.text())
        let row = Self.change("heads", [("size", .integer(size))], [
            ("size", .integer(size)), ("root", .blob(frontier.root)), ("day", .text("2026-12-07")), ("signer", .text("admin")),
            ("key_generation", .integer(1)), ("roster_version", .integer(rosterVersion)), ("roster_hash", .blob(rosterHash)),
            ("keys", .blob(keys)), ("previous", .integer(headSize)), ("signature", .blob(signature)),
        ])
        headSize = size
        return row
    }
}
