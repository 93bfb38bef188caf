import AbriCrypto
import AbriPublic
import Foundation

// The public formats of FORMAT §2, §3.1, §3.6 and §3.7 that the hub reads, as AbriPublic defines them for the vault:
// an identity line, a roster body, a log leaf, a head's signed note and the tree's right edge. These adapters give
// the hub's checks the few operations they need, and nothing here handles a case key.

/// A public identity line (`abri1…`, FORMAT §2), reduced to what the hub needs: the line and its Ed25519 key.
struct IdentityLine: Equatable, Sendable {
    /// The canonical line (lower case, no surrounding space).
    let line: String
    let signingKey: [UInt8]

    /// Parses a line with AbriPublic's `PublicIdentity`; nil for anything it refuses.
    init?(parsing text: String) {
        guard let identity = try? PublicIdentity(parsing: text) else { return nil }
        line = identity.line
        signingKey = identity.signingPublicKey
    }
}

/// A roster version whose signature by the administrator checked out (FORMAT §3.1).
struct RosterBody: Sendable {
    let roster: Roster

    /// The body, once its signature by `admin` checks out; nil otherwise or when it does not parse.
    static func verified(body: [UInt8], signature: [UInt8], admin: IdentityLine) -> RosterBody? {
        guard Ed25519.isValidSignature(signature, for: Roster.signatureContext + body, publicKey: admin.signingKey),
              let roster = try? Roster.decode(body: body) else { return nil }
        return RosterBody(roster: roster)
    }

    /// `H(body)`, what heads and the next version name.
    static func hash(_ body: [UInt8]) -> [UInt8] { Roster.hash(body: body) }

    var version: Int { roster.version }
    var vault: String { roster.vault }
    var admin: String { roster.admin }
    var previous: String? { roster.previous }
    var logKeyGeneration: Int { roster.logKey.generation }

    /// Whether `identity` is a current member (listed and not removed).
    func isCurrentMember(_ identity: IdentityLine) -> Bool {
        roster.members.contains { !$0.removed && IdentityLine(parsing: $0.identity)?.signingKey == identity.signingKey }
    }

    /// The Ed25519 key of the log key this version names, nil when there is none yet.
    var logPublicKey: [UInt8]? {
        guard let key = Data(base64Encoded: roster.logKey.publicKey), key.count == 32 else { return nil }
        return Array(key)
    }
}

/// The hash of log entry `seq`'s leaf (FORMAT §3.6) in the RFC 6962 tree.
enum LogLeafHash {
    static func of(seq: Int64, day: Int32, entry: [UInt8]) -> [UInt8] {
        LogFrontier.leafHash(LogLeaf.leaf(seq: Int(seq), day: day, entry: entry))
    }
}

/// A head's signed-note text (FORMAT §3.7), from the columns of its `heads` row.
enum HeadText {
    static func text(vaultHex: String, size: Int64, root: [UInt8], day: String, rosterVersion: Int64,
                     rosterHash: [UInt8], keys: [UInt8], previous: Int64) -> [UInt8] {
        let binding = HeadBinding(rosterVersion: Int(rosterVersion), rosterHash: rosterHash, keys: keys, previous: Int(previous))
        return HeadNote(vaultHex: vaultHex, head: Head(size: Int(size), root: root), day: day, binding: binding).text()
    }
}

/// The tree's right edge, as `meta.frontier` stores it (AbriPublic's `LogFrontier`).
struct TreeEdge: Sendable {
    private var frontier = LogFrontier()

    init() {}

    var size: Int64 { Int64(frontier.size) }
    var root: [UInt8] { frontier.root }
    var encoded: [UInt8] { frontier.encoded() }

    mutating func append(leafHash: [UInt8]) { frontier.append(leafHash: leafHash) }

    /// The edge the hub stored; nil when it is damaged.
    init?(encoded bytes: [UInt8]) {
        guard let frontier = try? LogFrontier(encoded: bytes) else { return nil }
        self.frontier = frontier
    }
}
