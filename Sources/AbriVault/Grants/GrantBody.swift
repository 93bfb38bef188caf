import AbriCrypto

/// Names one compartment of one record.
struct CompartmentRef: Hashable, Sendable {
    var record: RecordID
    var compartment: Compartment
}

/// What a grant holds, opened: the case's secret, the consent, the household, and one key half per compartment
/// (Docs/FORMAT.md §3.3). Secrets stay in secure memory.
final class GrantBody {
    let caseID: CaseID
    let caseKeys: CaseKeys
    var consent: Consent
    var household: String
    private(set) var halves: [CompartmentRef: Key] = [:]
    private(set) var order: [CompartmentRef] = []

    static let malformed = AbriError.badData("a grant is damaged: the vault was altered (run `abri verify`)")

    init(caseID: CaseID, caseSecret: Key, consent: Consent, household: String) throws {
        self.caseID = caseID
        caseKeys = try CaseKeys(secret: caseSecret)
        self.consent = consent
        self.household = household
    }

    func add(_ ref: CompartmentRef, half: Key) {
        if halves[ref] == nil { order.append(ref) }
        halves[ref] = half
    }

    func half(_ ref: CompartmentRef) -> Key? { halves[ref] }

    var compartments: [CompartmentRef] { order }

    /// A copy restricted to `refs` (what a share or an export hands on), under another consent.
    func restricted(to refs: [CompartmentRef], consent: Consent) throws -> GrantBody {
        let copy = try GrantBody(caseID: caseID, caseSecret: caseKeys.secret, consent: consent, household: household)
        for ref in refs { if let half = halves[ref] { copy.add(ref, half: half) } }
        return copy
    }

    /// Merges another grant on the same case: its keys join ours, its consent replaces ours (the latest wins).
    func merge(_ other: GrantBody) {
        for ref in other.order { add(ref, half: other.halves[ref]!) }
        if other.consent != .own || consent == .own { consent = other.consent }
        if household.isEmpty { household = other.household }
    }

    /// The padded plaintext, in secure memory.
    func encoded() throws -> SecureBytes {
        guard order.count <= 65535, consent.text.utf8.count <= 65535, household.utf8.count <= 65535 else {
            throw AbriError.badData("this case has grown past what one grant can hold (open a new case for new records)")
        }
        var header = ByteWriter()
        header.u8(1)
        header.raw(caseID.bytes)
        let secretOffset = header.bytes.count
        header.raw([UInt8](repeating: 0, count: 32))
        header.u8(consent.kindByte)
        header.str16(consent.text)
        header.i32(consent.until?.number ?? -1)
        header.str16(household)
        header.u16(UInt16(order.count))
        let entrySize = 16 + 1 + 32
        let length = header.bytes.count + order.count * entrySize
        let bucket = Padding.bucket(for: length)
        var output = try SecureBytes(count: bucket)
        output.withUnsafeMutableBytes { out in
            out.copyBytes(from: header.bytes)
            caseKeys.secret.bytes.withUnsafeBytes { secret in
                UnsafeMutableRawBufferPointer(rebasing: out[secretOffset ..< secretOffset + 32]).copyMemory(from: secret)
            }
            var offset = header.bytes.count
            for ref in order {
                UnsafeMutableRawBufferPointer(rebasing: out[offset ..< offset + 16]).copyBytes(from: ref.record.bytes)
                out[offset + 16] = ref.compartment.rawValue
                halves[ref]!.bytes.withUnsafeBytes { half in
                    UnsafeMutableRawBufferPointer(rebasing: out[offset + 17 ..< offset + 49]).copyMemory(from: half)
                }
                offset += entrySize
            }
            out[offset] = 0x80 // ISO/IEC 7816-4 padding; the rest is already zero.
        }
        return output
    }

    /// Parses a padded plaintext.
    static func decode(_ plaintext: borrowing SecureBytes) throws -> GrantBody {
        let publicPart = try header(plaintext)
        let body = try GrantBody(caseID: publicPart.caseID, caseSecret: Key(try plaintext.slice(17 ..< 49)),
                                 consent: publicPart.consent, household: publicPart.household)
        var offset = publicPart.entriesOffset
        for _ in 0 ..< publicPart.count {
            let (recordBytes, compartmentByte) = plaintext.withUnsafeBytes { raw in
                (Array(raw[offset ..< offset + 16]), raw[offset + 16])
            }
            guard let compartment = Compartment(rawValue: compartmentByte) else { throw malformed }
            body.add(CompartmentRef(record: RecordID(bytes: recordBytes), compartment: compartment),
                     half: Key(try plaintext.slice(offset + 17 ..< offset + 49)))
            offset += 49
        }
        return body
    }

    struct Header {
        var caseID: CaseID
        var consent: Consent
        var household: String
        var count: Int
        var entriesOffset: Int
    }

    /// How many records a grant opens the general compartment of, read without copying any key out.
    static func readableRecords(_ plaintext: borrowing SecureBytes, header: Header) throws -> Int {
        plaintext.withUnsafeBytes { raw in
            var records = Set<[UInt8]>()
            for index in 0 ..< header.count {
                let offset = header.entriesOffset + index * 49
                if raw[offset + 16] == Compartment.general.rawValue { records.insert(Array(raw[offset ..< offset + 16])) }
            }
            return records.count
        }
    }

    /// The public fields only, without copying any key out: enough to re-file a grant during rotation.
    static func header(_ plaintext: borrowing SecureBytes) throws -> Header {
        try plaintext.withUnsafeBytes { raw throws(AbriError) -> Header in
            var end = raw.count - 1
            while end >= 0 && raw[end] == 0 { end -= 1 }
            guard end >= 0, raw[end] == 0x80 else { throw malformed }
            // Reads copy public fields only; the secret and the key halves never leave secure memory.
            var offset = 0
            func take(_ count: Int) throws(AbriError) -> [UInt8] {
                guard count >= 0, offset + count <= end else { throw malformed }
                defer { offset += count }
                return Array(raw[offset ..< offset + count])
            }
            func integer(_ count: Int) throws(AbriError) -> UInt64 {
                try take(count).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * $1.offset) }
            }
            func string() throws(AbriError) -> String {
                guard let text = String(validating: try take(Int(try integer(2))), as: UTF8.self) else { throw malformed }
                return text
            }
            guard try integer(1) == 1 else { throw malformed }
            let caseBytes = try take(16)
            guard offset + 32 <= end else { throw malformed }
            offset += 32
            let kind = try integer(1)
            let text = try string()
            let until = Int32(bitPattern: UInt32(try integer(4)))
            let household = try string()
            let count = Int(try integer(2))
            let consent: Consent
            switch kind {
            case 0: consent = .own
            case 1: consent = .given(reference: text, until: until < 0 ? nil : Day(number: until))
            case 2: consent = .without(reason: text)
            default: throw malformed
            }
            guard offset + count * 49 == end else { throw malformed }
            return Header(caseID: CaseID(bytes: caseBytes), consent: consent, household: household,
                          count: count, entriesOffset: offset)
        }
    }
}
