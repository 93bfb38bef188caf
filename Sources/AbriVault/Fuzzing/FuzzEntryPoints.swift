import AbriCrypto
import Foundation
import AbriPublic
#if canImport(Glibc)
import Glibc
#endif

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
        ("log-entry", logEntry),
        ("inbox-item", inboxItem),
        ("checkpoint", checkpoint),
        ("agent-frame", agentFrame),
        ("attachment-info", attachmentInfo),
        ("feed-cursor", feedCursor),
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

    /// `FeedCursor(parsing:)`, the `after=` of a feed request as the hub reads it from any caller; a cursor that
    /// parses prints as the same text.
    public static func feedCursor(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        guard let cursor = try? FeedCursor(parsing: text) else { return }
        guard Array(cursor.text.utf8) == data, (try? FeedCursor(parsing: cursor.text)) == cursor else {
            mismatch("a feed cursor", data)
        }
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

    /// A stored log entry (Docs/FORMAT.md §3.6), two ways:
    /// - `LogEntry.Parts`, which cuts an entry into slots, the administrator's slot and part, and sections without a
    ///   key: what it cuts joins back into the same bytes, every slot and every section of one size.
    /// - `LogEntry.openSigned` of the bytes taken as one part's plaintext, sealed here under a fixed key so that the
    ///   fuzzer reaches what is parsed behind the AEAD (padding, `u32 len ‖ json ‖ signature`, the details' JSON):
    ///   what opens is canonical, its JSON and signature padded to the whole length.
    public static func logEntry(_ data: [UInt8]) {
        if let parts = try? LogEntry.Parts(data, seq: 1) {
            let sectionSize = (parts.sections.first?.count ?? 0) - AEAD.overhead
            var writer = ByteWriter()
            writer.u8(LogEntry.version)
            writer.u8(UInt8(truncatingIfNeeded: parts.slots.count))
            writer.u8(UInt8(truncatingIfNeeded: parts.sections.count))
            writer.u16(UInt16(truncatingIfNeeded: sectionSize))
            for slot in parts.slots {
                writer.raw(slot.tag)
                writer.raw(slot.box)
            }
            writer.raw(parts.adminSlot)
            writer.raw(parts.adminPart)
            for section in parts.sections { writer.raw(section) }
            guard writer.bytes == data, sectionSize >= 512,
                  parts.slots.allSatisfy({ $0.tag.count == LogEntry.tagBytes && $0.tag.count + $0.box.count == LogEntry.slotBytes }),
                  parts.sections.allSatisfy({ $0.count == sectionSize + AEAD.overhead }),
                  parts.adminSlot.count == LogEntry.adminSlotBytes, parts.adminPart.count >= 512 + AEAD.overhead else {
                mismatch("a log entry's parts", data)
            }
        }
        guard let details = openedLogPart(data) else { return }
        let json = CanonicalJSON.encode(details.json)
        var plaintext = ByteWriter()
        plaintext.blob32(json)
        guard data.count >= 4 + json.count + 64 else { mismatch("a log entry's part (shorter than it holds)", data) }
        plaintext.raw(Array(data[(4 + json.count) ..< (4 + json.count + 64)]))
        guard Padding.pad(plaintext.bytes, blockSize: data.count) == data else { mismatch("a log entry's part", data) }
    }

    /// The details of one log entry part whose plaintext is `data`, sealed here under a fixed key.
    static func openedLogPart(_ data: [UInt8]) -> LogDetails? {
        let ad: [UInt8] = Array("fuzz".utf8)
        guard let key = try? SecureBytes(copying: streamKey), let sealed = try? AEAD.seal(data, key: key, associatedData: ad),
              let opened = try? LogEntry.openSigned(sealed, key: key, ad: ad, context: LogEntry.sectionContext, seq: 1) else { return nil }
        return opened.0
    }

    // MARK: The inbox

    static let inboxVault: [UInt8] = Array(repeating: 0x5A, count: 16)

    /// `InboxItem.open` of an opened box's plaintext (Docs/FORMAT.md §3.3): `kind ‖ str8 recipient ‖ str16 sender ‖
    /// sender key (32) ‖ u32 length ‖ payload ‖ signature (64) ‖ 0x80 ‖ zeros`. The bytes are opened as given, and,
    /// when they have that layout, with the sender key and signature replaced by a fresh identity's (so that the
    /// fuzzer reaches the payload behind the signature): a withdrawal of 16 bytes, or a grant whose body decodes,
    /// must open to the fields laid out, and re-sealing them must give back the same plaintext padded to its bucket.
    public static func inboxItem(_ data: [UInt8]) {
        if let plaintext = try? SecureBytes(copying: data) { _ = InboxItem.open(plaintext, vault: inboxVault) }
        guard let layout = inboxLayout(data), let identity = try? Identity.generate(name: "fuzz") else { return }
        let key = identity.publicIdentity.signingPublicKey
        guard let payload = try? SecureBytes(copying: Array(data[layout.payload])),
              let message = try? InboxItem.message(vault: inboxVault, kind: layout.kind, recipient: layout.recipient,
                                                   sender: layout.sender, senderKey: key, payload: payload),
              let signature = try? identity.sign(message) else { return }
        var resigned = data
        resigned.replaceSubrange(layout.keyAt ..< layout.keyAt + 32, with: key)
        resigned.replaceSubrange(layout.payload.upperBound ..< layout.payload.upperBound + 64, with: signature)
        guard let plaintext = try? SecureBytes(copying: resigned) else { return }
        let shouldOpen = switch layout.kind {
        case .withdrawal: layout.payload.count == 16
        case .grant: (try? GrantBody.decode(payload)) != nil
        }
        guard let opened = InboxItem.open(plaintext, vault: inboxVault) else {
            if shouldOpen { mismatch("a well-formed, well-signed inbox item that does not open", data) }
            return
        }
        guard shouldOpen, opened.kind == layout.kind, opened.recipient == layout.recipient, opened.sender == layout.sender,
              opened.senderKey == key, (opened.kind == .grant) == (opened.grant != nil),
              (opened.kind == .withdrawal) == (opened.caseID.map { $0.bytes == Array(data[layout.payload]) } ?? false) else {
            mismatch("an inbox item", data)
        }
        guard let box = try? InboxItem.seal(kind: opened.kind, payload: payload, recipient: opened.recipient, sender: opened.sender,
                                            signer: identity, vault: inboxVault, to: identity.publicIdentity.boxPublicKey),
              let again = try? identity.openSealed(box) else {
            mismatch("an inbox item (re-sealing failed)", data)
        }
        let end = layout.payload.upperBound + 64
        let bytes = again.withUnsafeBytes { Array($0) }
        guard bytes.count == Padding.bucket(for: end), bytes.count > end, Array(bytes[...end]) == Array(resigned[...end]),
              bytes[(end + 1)...].allSatisfy({ $0 == 0 }) else {
            mismatch("an inbox item (re-sealed)", data)
        }
    }

    /// Where the fields of an inbox item's plaintext lie, read independently of `InboxItem.open`; nil for another layout.
    static func inboxLayout(_ data: [UInt8])
        -> (kind: InboxItem.Kind, recipient: String, sender: String, keyAt: Int, payload: Range<Int>)? {
        guard let end = data.lastIndex(where: { $0 != 0 }), data[end] == 0x80 else { return nil }
        var offset = 0
        func take(_ count: Int) -> [UInt8]? {
            guard count >= 0, offset + count <= end else { return nil }
            defer { offset += count }
            return Array(data[offset ..< offset + count])
        }
        guard let kindByte = take(1), let kind = InboxItem.Kind(rawValue: kindByte[0]),
              let recipientLength = take(1), let recipientBytes = take(Int(recipientLength[0])),
              let recipient = String(validating: recipientBytes, as: UTF8.self),
              let senderLength = take(2), let senderBytes = take(Int(senderLength[0]) | Int(senderLength[1]) << 8),
              let sender = String(validating: senderBytes, as: UTF8.self) else { return nil }
        let keyAt = offset
        guard take(32) != nil, let lengthBytes = take(4) else { return nil }
        let length = lengthBytes.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard offset + length + 64 == end else { return nil }
        return (kind, recipient, sender, keyAt, offset ..< offset + length)
    }

    // MARK: Checkpoints

    /// `ExportedCheckpoint(bytes:source:)`, a checkpoint file as `abri verify --checkpoint` reads it, and `HeadNote(text:)`,
    /// the signed note of a head (Docs/FORMAT.md §3.7), on the bytes as given: what parses is written back to the
    /// same bytes.
    public static func checkpoint(_ data: [UInt8]) {
        if let checkpoint = try? ExportedCheckpoint(bytes: data, source: "fuzz") {
            guard checkpoint.bytes == data, checkpoint.signature.count == 64 else { mismatch("a checkpoint", data) }
        }
        if let text = String(validating: data, as: UTF8.self), let note = HeadNote(text: text) {
            guard note.text() == data, HeadNote(text: String(decoding: note.text(), as: UTF8.self)) == note else {
                mismatch("a head's note", data)
            }
        }
    }

    // MARK: The agent

    /// The agent's frames (Docs/FORMAT.md §6), two ways:
    /// - `AgentFrame.parseHeader` over the frames the input holds back to back, as a command reads the agent's
    ///   replies: every header that parses is the header `AgentFrame.header` writes for its code and length.
    /// - `AgentServer.handle` serving the input as one connection's request (through a socket pair, the first 64 KiB),
    ///   with a fresh identity: it answers with nothing or one well-formed frame: `refused` and empty, or `ok` and
    ///   the reply's length (64 for `hello` and `sign`, 32 for `sharedKey`, none for `stop`).
    public static func agentFrame(_ data: [UInt8]) {
        var offset = 0
        while data.count - offset >= AgentFrame.headerBytes {
            let header = Array(data[offset ..< offset + AgentFrame.headerBytes])
            guard let parsed = try? AgentFrame.parseHeader(header) else { break }
            guard parsed.payloadLength >= 0, parsed.payloadLength < AgentFrame.maximumLength,
                  AgentFrame.header(code: parsed.code, payloadLength: parsed.payloadLength) == header else {
                mismatch("an agent frame's header", data)
            }
            offset += AgentFrame.headerBytes + min(parsed.payloadLength, data.count - offset - AgentFrame.headerBytes)
        }

        guard let identity = try? Identity.generate(name: "fuzz") else { return }
        var fds: [Int32] = [-1, -1]
        #if canImport(Glibc)
        let stream = Int32(SOCK_STREAM.rawValue)
        #else
        let stream = SOCK_STREAM
        #endif
        guard socketpair(AF_UNIX, stream, 0, &fds) == 0 else { return }
        defer {
            close(fds[0])
            close(fds[1])
        }
        let input = Array(data.prefix(65536))
        guard (try? input.withUnsafeBytes({ try AgentFrame.writeAll(fds[1], $0) })) != nil else { return }
        shutdown(fds[1], Int32(SHUT_WR))
        let outcome = AgentServer.handle(fds[0], identity: identity)
        shutdown(fds[0], Int32(SHUT_WR))
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = buffer.withUnsafeMutableBytes { read(fds[1], $0.baseAddress!, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            reply += buffer[0 ..< got]
        }
        if reply.isEmpty {
            guard outcome == .failed else { mismatch("the agent served a request without answering", data) }
            return
        }
        guard reply.count >= AgentFrame.headerBytes,
              let parsed = try? AgentFrame.parseHeader(Array(reply.prefix(AgentFrame.headerBytes))),
              reply.count == AgentFrame.headerBytes + parsed.payloadLength, data.count >= AgentFrame.headerBytes else {
            mismatch("the agent's reply (not one frame)", data)
        }
        let (code, length) = parsed
        let request = AgentFrame.Request(rawValue: data[4])
        let expected: Int? = switch request {
        case .hello, .sign: 64
        case .sharedKey: 32
        case .stop: 0
        case .openSealed: nil
        case nil: -1
        }
        guard code == AgentFrame.ok || code == AgentFrame.refused, code == AgentFrame.refused ? length == 0 : request != nil,
              code == AgentFrame.refused || expected == nil || expected == length,
              (outcome == .stop) == (request == .stop && code == AgentFrame.ok) else {
            mismatch("the agent's reply", data)
        }
    }

    // MARK: Attachments

    /// An attachment's description (`AttachmentInfo`, the JSON of one of a record's attachments) as the vault checks
    /// it before reading a byte: what `Attachments.checkLayout` accepts must lay out without overflow, its last
    /// segment ending where the ciphertext does and holding between 0 and 2 MiB of the file.
    public static func attachmentInfo(_ data: [UInt8]) {
        guard let info = try? JSONDecoder().decode(AttachmentInfo.self, from: Data(data)),
              (try? Attachments.checkLayout(info)) != nil else { return }
        let total = AttachmentLayout.sealedBytes(chunks: info.chunks)
        let segments = AttachmentLayout.segments(chunks: info.chunks)
        let last = segments - 1
        let plain = info.size - last * AttachmentLayout.segmentPlain
        guard segments >= 1,
              AttachmentLayout.sealedOffset(segment: last) + AttachmentLayout.sealedSize(segment: last, of: info.chunks) == total,
              (1 ... AttachmentLayout.chunksPerSegment).contains(AttachmentLayout.chunks(inSegment: last, of: info.chunks)),
              plain >= 0, plain <= AttachmentLayout.segmentPlain else {
            mismatch("an attachment's layout", data)
        }
    }

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
