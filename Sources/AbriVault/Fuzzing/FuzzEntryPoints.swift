import AbriCrypto
import Foundation
import AbriPublic

/// One entry point per parser of untrusted bytes, for the libFuzzer targets in `Fuzz/` and for the
/// regression tests that replay what they found (`Tests/AbriVaultTests/FuzzRegression/`).
///
/// Each function feeds arbitrary bytes to the real parser and swallows the errors it throws: a
/// thrown error is the parser refusing bad input, which is its job. What must never happen is a
/// trap (a failed precondition, an index out of range, an integer overflow), a memory error, or a
/// hang. Where a format has a canonical encoding, the entry point also checks that what parses
/// re-encodes to the same bytes and traps (`fatalError`) when it does not: a second spelling of
/// the same value is a bug too.
///
/// Formats protected by a checksum (identity files, bundles) are also parsed after the entry
/// point has recomputed the checksum over the fuzzed bytes, so the fuzzer reaches the fields
/// behind it. Nothing here is used by the `abri` command.
@_spi(Fuzzing) public enum FuzzEntryPoints {
    /// The passphrase the identity entry point unlocks with (the seeds are sealed under it).
    public static let identityPassphrase = "correct horse battery staple"

    /// Every entry point by name: the name is the folder of its seed corpus and of its regressions.
    public static let all: [(name: String, run: @Sendable ([UInt8]) -> Void)] = [
        ("identity", identityFile),
        ("public-identity", publicIdentityLine),
        ("bundle", bundle),
        ("report", reportJSON),
        ("strict-json", strictJSON),
        ("grant-body", grantBody),
        ("log-frontier", logFrontier),
        ("log-details", logDetails),
        ("record-body", recordBody),
        ("roster", roster),
        ("secretstream", secretStream),
        ("padding", padding),
        ("case-id", caseID),
        ("day", day),
        ("hub-change-list", hubChangeList),
        ("hub-feed-page", hubFeedPage),
        ("hub-head", hubHead),
    ]

    // MARK: The hub's wire (Docs/FORMAT.md §7.1, §7.2)

    /// `ChangeList(decoding:)`, the body of a push (what the hub parses from any caller); what parses re-encodes to
    /// the same bytes.
    public static func hubChangeList(_ data: [UInt8]) {
        guard let list = try? ChangeList(decoding: data) else { return }
        if list.encoded() != data { mismatch("a change list", data) }
    }

    /// `FeedPage(decoding:)`, what a replica parses from the hub; what parses re-encodes to the same bytes.
    public static func hubFeedPage(_ data: [UInt8]) {
        guard let page = try? FeedPage(decoding: data) else { return }
        if page.encoded() != data { mismatch("a feed page", data) }
    }

    /// `HeadAnswer(decoding:)`, the hub's latest head as `verify --hub` reads it.
    public static func hubHead(_ data: [UInt8]) {
        guard let answer = try? HeadAnswer(decoding: data) else { return }
        if answer.encoded() != data { mismatch("a head answer", data) }
    }

    static func mismatch(_ what: String, _ input: [UInt8]) -> Never {
        fatalError("fuzz: \(what) does not round-trip for input \(input.map { String(format: "%02x", $0) }.joined())")
    }

    // MARK: Identity files

    /// `IdentityFile.parse`, then `Identity.unlock(fileBytes:passphrase:)` with `identityPassphrase`, on the bytes as
    /// given and with their checksum recomputed. Unlocking is only attempted when the file's Argon2id cost is at most
    /// ops 2 / 64 KiB: a file may legitimately ask for 16 passes over 1 GiB, which is a slow input, not a bug.
    public static func identityFile(_ data: [UInt8]) {
        identityAttempt(data)
        if data.count > IdentityFile.checksumBytes {
            let body = Array(data.dropLast(IdentityFile.checksumBytes))
            identityAttempt(body + BLAKE2b.hash(body, length: IdentityFile.checksumBytes))
        }
    }

    private static func identityAttempt(_ data: [UInt8]) {
        guard let header = try? IdentityFile.parse(data) else { return }
        guard header.opsLimit <= 2, header.memLimit <= 64 * 1024,
              let passphrase = try? SecureBytes(copying: Array(identityPassphrase.utf8)) else { return }
        do {
            let identity = try Identity.unlock(fileBytes: data, passphrase: passphrase)
            // What unlocks must be what the header announced.
            guard identity.publicIdentity == header.publicIdentity, identity.name == header.name else {
                mismatch("an unlocked identity", data)
            }
        } catch {}
    }

    // MARK: Public identity lines

    /// `PublicIdentity(parsing:)`; a line that parses must be its canonical line (114 characters: `abri1` and the
    /// base32 of 68 bytes) up to surrounding whitespace and case.
    public static func publicIdentityLine(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        guard let identity = try? PublicIdentity(parsing: text) else { return }
        let canonical = identity.line
        guard canonical.utf8.count == 114, text.trimmingWhitespace().lowercased() == canonical,
              (try? PublicIdentity(parsing: canonical)) == identity else {
            mismatch("a public identity line", data)
        }
    }

    // MARK: Bundles

    /// `BundleFormat(parsing:)` on the bytes as given and with their checksum recomputed (a parsed bundle must
    /// re-encode to the same bytes), and `BundleContent(parsing:)` on the bytes as given (the same).
    public static func bundle(_ data: [UInt8]) {
        bundleAttempt(data)
        if data.count > 32 {
            let body = Array(data.dropLast(32))
            bundleAttempt(body + BLAKE2b.hash(body))
        }
        if let content = try? BundleContent(parsing: data), content.encoded() != data {
            mismatch("a bundle's content", data)
        }
    }

    private static func bundleAttempt(_ data: [UInt8]) {
        guard let parsed = try? BundleFormat(parsing: data) else { return }
        guard parsed.encoded() == data else { mismatch("a bundle", data) }
    }

    // MARK: Reports

    /// `Report(json:source:use:)`; what it accepts has no locating key outside `locating`, only declared keys, and
    /// no general string that locates someone.
    public static func reportJSON(_ data: [UInt8]) {
        guard let report = try? Report(json: Data(data), source: "fuzz.json", use: .record) else { return }
        if JSONValue.object(report.general).allKeys.contains(where: { ReportSchema.locatingKeyNames.contains(ReportSchema.fold($0)) }) {
            mismatch("a report with a misplaced locating key", data)
        }
        if strings(in: .object(report.general)).contains(where: { LocatingText.finding(in: $0) != nil }) {
            mismatch("a report whose general part locates someone", data)
        }
        // The general content re-encodes and decodes to itself (what deposit seals is what open shows).
        guard let encoded = try? JSONValue.canonicalData(report.general),
              let decoded = try? JSONDecoder().decode([String: JSONValue].self, from: Data(encoded)) else {
            mismatch("a report's general content (cannot encode)", data)
        }
        if decoded != report.general && !containsNonFinite(.object(report.general)) && !containsLossyNumber(.object(report.general)) {
            mismatch("a report's general content", data)
        }
    }

    /// `StrictJSON.parse`; what it accepts re-encodes (canonically) to text that parses to the same value.
    public static func strictJSON(_ data: [UInt8]) {
        guard let value = try? StrictJSON.parse(data) else { return }
        let encoded = CanonicalJSON.encode(value)
        guard let again = try? StrictJSON.parse(encoded) else { mismatch("a strict JSON value (its canonical form)", data) }
        if again != value && !containsNonFinite(value) && !containsLossyNumber(value) { mismatch("a strict JSON value", data) }
    }

    private static func strings(in value: JSONValue) -> [String] {
        switch value {
        case .string(let text): [text]
        case .array(let items): items.flatMap(strings(in:))
        case .object(let members): members.values.flatMap(strings(in:))
        default: []
        }
    }

    private static func containsNonFinite(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let x): !x.isFinite
        case .array(let items): items.contains(where: containsNonFinite)
        case .object(let members): members.values.contains(where: containsNonFinite)
        default: false
        }
    }

    /// A Double that prints as an integer (1e3, 2.0) comes back as `.integer`: same JSON number, other case.
    private static func containsLossyNumber(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let x): x.rounded() == x
        case .array(let items): items.contains(where: containsLossyNumber)
        case .object(let members): members.values.contains(where: containsLossyNumber)
        default: false
        }
    }

    // MARK: Grants

    /// `GrantBody.decode` of a secure copy of the bytes (a grant's opened box); what decodes re-encodes to a body
    /// that decodes to the same fields.
    public static func grantBody(_ data: [UInt8]) {
        guard let plaintext = try? SecureBytes(copying: data),
              let body = try? GrantBody.decode(plaintext) else { return }
        guard let again = try? body.encoded(), let second = try? GrantBody.decode(again) else {
            mismatch("a grant body (re-encoding failed)", data)
        }
        guard second.caseID == body.caseID, second.consent == body.consent, second.household == body.household,
              second.compartments == body.compartments,
              body.ownLogKey.bytes.constantTimeEquals(second.ownLogKey.bytes),
              body.received.map(\.partner) == second.received.map(\.partner),
              body.made.map(\.partner) == second.made.map(\.partner),
              body.compartments.allSatisfy({ ref in
                  body.half(ref)!.bytes.constantTimeEquals(second.half(ref)!.bytes) && body.provenance(ref) == second.provenance(ref)
              }) else {
            mismatch("a grant body", data)
        }
    }

    // MARK: The access log

    /// `LogFrontier(encoded:)`; what parses re-encodes to the same bytes, and its root can be computed.
    public static func logFrontier(_ data: [UInt8]) {
        guard let frontier = try? LogFrontier(encoded: data) else { return }
        guard frontier.encoded() == data else { mismatch("a log frontier", data) }
        _ = frontier.root
    }

    /// The JSON of a log entry's details (`LogDetails`); what decodes re-encodes canonically to the same value.
    public static func logDetails(_ data: [UInt8]) {
        guard let details = try? JSONDecoder().decode(LogDetails.self, from: Data(data)) else { return }
        guard case let canonical = CanonicalJSON.encode(details.json),
              let again = try? JSONDecoder().decode(LogDetails.self, from: Data(canonical)),
              again == details,
              CanonicalJSON.encode(again.json) == canonical else {
            mismatch("log details", data)
        }
    }

    /// The JSON of a record compartment (`RecordBody`), as `RecordSealing.open` decodes it.
    public static func recordBody(_ data: [UInt8]) {
        guard let body = try? JSONDecoder().decode(RecordBody.self, from: Data(data)) else { return }
        guard let canonical = try? JSONValue.canonicalData(body),
              (try? JSONDecoder().decode(RecordBody.self, from: Data(canonical))) != nil else {
            mismatch("a record body", data)
        }
    }

    /// `Roster.decode(body:)`; a decoded roster re-encodes canonically to a body that decodes to the same roster.
    public static func roster(_ data: [UInt8]) {
        guard let roster = try? Roster.decode(body: data) else { return }
        guard let canonical = try? roster.canonicalBody(), (try? Roster.decode(body: canonical)) == roster else {
            mismatch("a roster", data)
        }
    }

    // MARK: Attachments

    static let streamKey: [UInt8] = Array(0 ..< 32)
    static let streamHeader: [UInt8] = Array(100 ..< 124)

    /// `SecretStream.Puller`. The first byte picks the mode:
    /// - even: pull chunks cut from the input (each `u16 length ‖ bytes`) under a fixed key and header;
    ///   nothing may be accepted.
    /// - odd: push a stream of chunks made from the input under the fixed key, then damage it as the input says
    ///   (flip a bit, drop, repeat or swap chunks) and pull it: every chunk pulled must be the one pushed at that
    ///   place, and the stream may only finish once every chunk came back unchanged (chunks after the final one
    ///   are refused: fuzzing found that a stream with trailing chunks finishes, which is right).
    public static func secretStream(_ data: [UInt8]) {
        guard let mode = data.first, let key = try? SecureBytes(copying: streamKey) else { return }
        var input = data.dropFirst()
        func take(_ n: Int) -> [UInt8] {
            let part = Array(input.prefix(n))
            input = input.dropFirst(part.count)
            return part
        }
        if mode % 2 == 0 {
            guard var puller = try? SecretStream.Puller(key: key, header: streamHeader) else { return }
            while !input.isEmpty {
                let lengthBytes = take(2)
                let length = Int(lengthBytes.first ?? 0) | Int(lengthBytes.count > 1 ? lengthBytes[1] : 0) << 8
                if (try? puller.pull(take(length))) != nil { mismatch("a forged secretstream chunk", data) }
            }
            return
        }
        // Chunks: up to 8, sizes from the input (small, to stay fast).
        let count = Int(take(1).first ?? 1) % 8 + 1
        var plain: [[UInt8]] = []
        for _ in 0 ..< count { plain.append(take(Int(take(1).first ?? 0) % 40)) }
        guard var pusher = try? SecretStream.Pusher(key: key) else { return }
        var sealed: [[UInt8]] = []
        for (index, chunk) in plain.enumerated() {
            guard let out = try? pusher.push(chunk, final: index == plain.count - 1) else { return }
            sealed.append(out)
        }
        let header = pusher.header
        let original = sealed
        // Damage: a list of (operation, argument) pairs.
        while input.count >= 2, !sealed.isEmpty {
            let op = take(1)[0], arg = Int(take(1)[0])
            let i = arg % sealed.count
            switch op % 5 {
            case 0: if !sealed[i].isEmpty { sealed[i][arg % sealed[i].count] ^= 1 << (op >> 5) }
            case 1: sealed.remove(at: i)
            case 2: sealed.insert(sealed[i], at: i)
            case 3: sealed.swapAt(i, (i + 1) % sealed.count)
            default: if !sealed[i].isEmpty { sealed[i].removeLast() }
            }
        }
        guard var puller = try? SecretStream.Puller(key: key, header: header) else {
            mismatch("a secretstream header", data)
        }
        var pulled = 0
        for (index, chunk) in sealed.enumerated() {
            guard let out = try? puller.pull(chunk) else { break }
            guard index < plain.count, chunk == original[index], out == plain[index] else {
                mismatch("a damaged secretstream chunk was accepted", data)
            }
            pulled += 1
        }
        // Finished: then every chunk, and only those, came back in order (what follows the final one is refused,
        // and the caller stops there).
        if (try? puller.finish()) != nil, pulled != original.count || Array(sealed.prefix(pulled)) != original {
            mismatch("a damaged secretstream finished", data)
        }
    }

    // MARK: Small parsers

    /// `Padding.unpad` with the block sizes the vault uses: the whole length (records) and its bucket (log details).
    public static func padding(_ data: [UInt8]) {
        if !data.isEmpty, let unpadded = try? Padding.unpad(data, blockSize: data.count) {
            if Padding.pad(unpadded, blockSize: data.count) != data { mismatch("a padded record", data) }
        }
        if !data.isEmpty, let unpadded = try? Padding.unpad(data, blockSize: Padding.bucket(for: data.count - 1)) {
            if Padding.pad(unpadded, blockSize: data.count) != data {
                mismatch("padded log details", data)
            }
        }
    }

    /// `CaseID(parsing:)` and `Crockford.decode`: an id that parses prints as a text that parses to the same id.
    public static func caseID(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        if let id = try? CaseID(parsing: text) {
            guard id.bytes.count == 16, (try? CaseID(parsing: id.description)) == id, id.description.count == 26 else {
                mismatch("a case id", data)
            }
        }
        for count in [8, 16, 32] {
            if let bytes = Crockford.decode(text, byteCount: count), Crockford.decode(Crockford.encode(bytes), byteCount: count) != bytes {
                mismatch("a Crockford text", data)
            }
        }
    }

    /// `Day(parsing:)`: a date that parses prints as `YYYY-MM-DD` that parses to the same day.
    public static func day(_ data: [UInt8]) {
        guard let day = try? Day(parsing: String(decoding: data, as: UTF8.self)) else { return }
        guard (try? Day(parsing: day.description)) == day else { mismatch("a day", data) }
    }
}
