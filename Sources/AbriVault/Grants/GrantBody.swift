import AbriCrypto
import AbriPublic

/// Names one compartment of one record.
struct CompartmentRef: Hashable, Sendable {
    var record: RecordID
    var compartment: Compartment
}

/// Whether a key half came from the partner's own pen or from another partner's grant.
enum Provenance: UInt8, Sendable {
    /// The partner wrote the record: never withdrawn, never expired.
    case own = 0
    /// Another partner granted it: goes with the consent.
    case received = 1
}

/// A grant between two partners on one case: the partner at the other end, and the key both ends hold,
/// under which the grant's log entry and the recipient's later actions are sealed (Docs/FORMAT.md §1, §3.6).
struct Link {
    var partner: String
    var key: Key
}

/// What a grant holds, opened: the consent, the household, the partner's log keys for the case, and one key half
/// per compartment (Docs/FORMAT.md §3.3). Secrets stay in secure memory.
final class GrantBody {
    let caseID: CaseID
    var consent: Consent
    var household: String
    /// This partner's own log key on the case: its actions are sealed to it.
    private(set) var ownLogKey: Key
    /// The grants this partner received on the case, one per granter.
    private(set) var received: [Link] = []
    /// The grants this partner made on the case, one per recipient.
    private(set) var made: [Link] = []
    private(set) var halves: [CompartmentRef: (half: Key, provenance: Provenance)] = [:]
    private(set) var order: [CompartmentRef] = []

    static let version: UInt8 = 3
    static let malformed = AbriError.badData("a grant is damaged: the vault was altered (run `abri verify`)")

    init(caseID: CaseID, consent: Consent, household: String, ownLogKey: Key) {
        self.caseID = caseID
        self.consent = consent
        self.household = household
        self.ownLogKey = ownLogKey
    }

    /// A new partner's grant on a new case, with a fresh own log key.
    convenience init(newCase caseID: CaseID, household: String) throws {
        self.init(caseID: caseID, consent: .own, household: household, ownLogKey: try Key.random())
    }

    /// Adds a half the partner does not hold yet; a half it holds is never replaced.
    func add(_ ref: CompartmentRef, half: Key, provenance: Provenance) {
        guard halves[ref] == nil else { return }
        order.append(ref)
        halves[ref] = (half, provenance)
    }

    func half(_ ref: CompartmentRef) -> Key? { halves[ref]?.half }

    func provenance(_ ref: CompartmentRef) -> Provenance? { halves[ref]?.provenance }

    var compartments: [CompartmentRef] { order }

    /// Whether the partner wrote any record of the case itself.
    var holdsOwn: Bool { halves.values.contains { $0.provenance == .own } }

    /// Whether the partner holds anything received from another partner.
    var holdsReceived: Bool { halves.values.contains { $0.provenance == .received } }

    /// The day in the public `expires` column: the received consent's end, when nothing here is the partner's own.
    var publicExpiry: Day? { holdsOwn ? nil : consent.until }

    /// The keys that read this partner's actions on the case: its own, and those of the grants it received.
    var actionKeys: [Key] { [ownLogKey] + received.map(\.key) }

    /// Every key that finds entries this partner may read: its actions, the grants it received and made.
    var readingKeys: [Key] { [ownLogKey] + received.map(\.key) + made.map(\.key) }

    /// The link to `partner` this partner made, made now if there is none (a second share reuses it).
    func link(to partner: String) throws -> Key {
        if let existing = made.first(where: { $0.partner == partner }) { return existing.key }
        let key = try Key.random()
        made.append(Link(partner: partner, key: key))
        return key
    }

    /// What a grant to another partner carries: `refs` of this grant, received, under `consent`, with the link key.
    func handedOn(_ refs: [CompartmentRef], consent: Consent, granter: String, link: Key) throws -> GrantBody {
        let copy = GrantBody(caseID: caseID, consent: consent, household: household, ownLogKey: try Key.zero())
        copy.received = [Link(partner: granter, key: link)]
        for ref in refs { if let half = halves[ref]?.half { copy.add(ref, half: half, provenance: .received) } }
        return copy
    }

    /// Files an incoming grant into this one: new halves join as received, its link joins once per granter, its
    /// consent replaces the received consent (the latest share wins); a held half, and `own`, are never replaced.
    func merge(_ incoming: GrantBody) {
        for ref in incoming.order { if let half = incoming.halves[ref]?.half { add(ref, half: half, provenance: .received) } }
        for link in incoming.received where !received.contains(where: { $0.partner == link.partner }) { received.append(link) }
        if holdsReceived { consent = incoming.consent }
        if household.isEmpty { household = incoming.household }
    }

    /// Drops everything received (a withdrawal, an ended consent); returns whether anything is left.
    func dropReceived() -> Bool {
        order = order.filter { halves[$0]?.provenance == .own }
        halves = halves.filter { $0.value.provenance == .own }
        received = []
        consent = .own
        return !order.isEmpty
    }

    /// The padded plaintext, in secure memory.
    func encoded() throws -> SecureBytes {
        guard order.count <= 65535, received.count <= 255, made.count <= 255,
              consent.text.utf8.count <= 65535, household.utf8.count <= 65535 else {
            throw AbriError.badData("this case has grown past what one grant can hold (open a new case for new records)")
        }
        // Keys are copied into secure memory only; the writer holds the public fields and places for the keys.
        var writer = ByteWriter()
        var secrets: [(offset: Int, key: Key)] = []
        writer.u8(Self.version)
        writer.raw(caseID.bytes)
        writer.u8(consent.kindByte)
        writer.str16(consent.text)
        writer.i32(consent.until?.number ?? -1)
        writer.str16(household)
        secrets.append((writer.bytes.count, ownLogKey))
        writer.raw([UInt8](repeating: 0, count: 32))
        for list in [received, made] {
            writer.u8(UInt8(list.count))
            for link in list {
                writer.str8(link.partner)
                secrets.append((writer.bytes.count, link.key))
                writer.raw([UInt8](repeating: 0, count: 32))
            }
        }
        writer.u16(UInt16(order.count))
        for ref in order {
            writer.raw(ref.record.bytes)
            writer.u8(ref.compartment.rawValue)
            writer.u8(halves[ref]!.provenance.rawValue)
            secrets.append((writer.bytes.count, halves[ref]!.half))
            writer.raw([UInt8](repeating: 0, count: 32))
        }
        let length = writer.bytes.count
        var output = try SecureBytes(count: Padding.bucket(for: length))
        output.withUnsafeMutableBytes { out in
            out.copyBytes(from: writer.bytes)
            for (offset, key) in secrets {
                key.bytes.withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(rebasing: out[offset ..< offset + 32]).copyMemory(from: raw)
                }
            }
            out[length] = 0x80 // ISO/IEC 7816-4 padding; the rest is already zero.
        }
        return output
    }

    /// Parses a padded plaintext.
    static func decode(_ plaintext: borrowing SecureBytes) throws -> GrantBody {
        let header = try self.header(plaintext)
        var layout = header.layout
        let body = GrantBody(caseID: header.caseID, consent: header.consent, household: header.household,
                             ownLogKey: Key(try plaintext.slice(layout.ownLogKey ..< layout.ownLogKey + 32)))
        for (partner, offset) in layout.received {
            body.received.append(Link(partner: partner, key: Key(try plaintext.slice(offset ..< offset + 32))))
        }
        for (partner, offset) in layout.made {
            body.made.append(Link(partner: partner, key: Key(try plaintext.slice(offset ..< offset + 32))))
        }
        for entry in layout.halves {
            body.add(entry.ref, half: Key(try plaintext.slice(entry.offset ..< entry.offset + 32)), provenance: entry.provenance)
        }
        layout = Layout()
        return body
    }

    /// Where the keys lie in a plaintext; the rest is public to the holder.
    struct Layout {
        var ownLogKey = 0
        var received: [(String, Int)] = []
        var made: [(String, Int)] = []
        var halves: [(ref: CompartmentRef, provenance: Provenance, offset: Int)] = []
    }

    struct Header {
        var caseID: CaseID
        var consent: Consent
        var household: String
        var layout: Layout

        /// How many records the grant opens the general compartment of.
        var readableRecords: Int {
            Set(layout.halves.filter { $0.ref.compartment == .general }.map(\.ref.record)).count
        }
    }

    /// The public fields and the places of the keys, read without copying any key out.
    static func header(_ plaintext: borrowing SecureBytes) throws -> Header {
        try plaintext.withUnsafeBytes { raw throws(AbriError) -> Header in
            var end = raw.count - 1
            while end >= 0 && raw[end] == 0 { end -= 1 }
            guard end >= 0, raw[end] == 0x80 else { throw malformed }
            var offset = 0
            func take(_ count: Int) throws(AbriError) -> [UInt8] {
                guard count >= 0, offset + count <= end else { throw malformed }
                defer { offset += count }
                return Array(raw[offset ..< offset + count])
            }
            func skip(_ count: Int) throws(AbriError) -> Int {
                guard offset + count <= end else { throw malformed }
                defer { offset += count }
                return offset
            }
            func integer(_ count: Int) throws(AbriError) -> UInt64 {
                try take(count).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * $1.offset) }
            }
            func string(_ lengthBytes: Int) throws(AbriError) -> String {
                guard let text = String(validating: try take(Int(try integer(lengthBytes))), as: UTF8.self) else { throw malformed }
                return text
            }
            guard try integer(1) == UInt64(version) else { throw malformed }
            let caseBytes = try take(16)
            let kind = try integer(1)
            let text = try string(2)
            let until = Int32(bitPattern: UInt32(try integer(4)))
            let household = try string(2)
            let consent: Consent
            switch kind {
            case 0: consent = .own
            case 1: consent = .given(reference: text, until: until < 0 ? nil : Day(number: until))
            case 2: consent = .without(reason: text)
            default: throw malformed
            }
            var layout = Layout()
            layout.ownLogKey = try skip(32)
            for index in 0 ..< 2 {
                let count = Int(try integer(1))
                for _ in 0 ..< count {
                    let partner = try string(1)
                    let place = try skip(32)
                    if index == 0 { layout.received.append((partner, place)) } else { layout.made.append((partner, place)) }
                }
            }
            let count = Int(try integer(2))
            for _ in 0 ..< count {
                let record = try take(16)
                guard let compartment = Compartment(rawValue: UInt8(try integer(1))),
                      let provenance = Provenance(rawValue: UInt8(try integer(1))) else { throw malformed }
                layout.halves.append((CompartmentRef(record: RecordID(bytes: record), compartment: compartment), provenance, try skip(32)))
            }
            guard offset == end else { throw malformed }
            return Header(caseID: CaseID(bytes: caseBytes), consent: consent, household: household, layout: layout)
        }
    }
}
