import AbriCrypto
import Foundation
public import AbriPublic
import AbriStore

/// One line of `abri cases`.
public struct CaseSummary: Sendable, Codable, Equatable {
    /// Case id.
    public var `case`: String
    /// The household reference, as the caller's partner knows it.
    public var household: String
    /// How many records the caller can read.
    public var records: Int
    /// The day the case was deposited (its public day).
    public var created: String
    /// The latest day among the records the caller can read (their public days), else the day of deposit.
    public var lastActivity: String
    /// The last day of the consent under which the caller's partner holds the case, when it was given with one.
    public var consentUntil: String?
    /// How the caller's partner holds the case: `own` (its own deposit), `consent` or `without-consent`.
    public var holding: String
    /// The partners the caller's partner granted the case to (from its own grant: nobody else's grants).
    public var grantedTo: [String]
    /// Whether the case is closed (its latest close or reopen that the caller's partner can read is a close).
    public var closed: Bool
    /// The types of the records the caller can read, oldest first, each once (`signalement`, `relogement`…).
    public var types: [String]
}

extension MemberSession {
    /// The cases this member's partner holds, or those of one household (found through the partner's blind index).
    ///
    /// Everything but `closed` comes from the grants' headers and the rows' public days; `closed` reads the case's
    /// own log entries (a close or a reopen), so a caller that does not show it passes `status: false`.
    public func cases(household: String? = nil, status: Bool = true) throws -> [CaseSummary] {
        try run { context in
            var rows: [GrantStore.StoredRow] = []
            if let household {
                for keys in context.generations {
                    guard let blind = try keys.blindIndex(household) else { continue }
                    for row in try context.db.grants(blind: blind, holder: try keys.holderLabel()) {
                        rows.append(GrantStore.StoredRow(row, keys: keys))
                    }
                }
            } else {
                rows = try GrantStore.ownRows(generations: context.generations, context.db)
            }
            let headers = try Parallel.map(count: rows.count) { index in
                let row = rows[index]
                guard let plaintext = row.keys.openGrant(Array(row.box), locator: Array(row.locator), expires: row.expires) else {
                    throw GrantBody.malformed
                }
                return try GrantBody.header(plaintext)
            }
            // Open or closed: the case's entries this partner reads, found here (the database's part) and opened on
            // every core (each an AEAD and a signature check).
            var closedFlags = [Bool](repeating: false, count: rows.count)
            var typeLists = [[String]](repeating: [], count: rows.count)
            if status {
                let vault = self.vault
                let authors = try AuthorCheck.load(roster: context.roster, vault: vault.id, context.db)
                // A batch at a time, so that the entries read stay a few megabytes whatever the number of cases.
                for start in stride(from: 0, to: rows.count, by: 1024) {
                    let range = start ..< min(start + 1024, rows.count)
                    let bodies = try Parallel.map(count: range.count) { offset in try rows[range.lowerBound + offset].open() }
                    let found = try bodies.map { body in
                        try body.readingKeys.flatMap { try AccessLog.sealedEntries(readBy: $0, context.db) }
                    }
                    // The records' general parts, for their types: read here, opened (and their authors checked) on
                    // every core.
                    let sealed: [(caseKey: [UInt8]?, parts: [(id: RecordID, origin: [UInt8], general: [UInt8])])] = try bodies.map { body in
                        let key = try context.db.caseKey(caseID: body.caseID.bytes)
                        let parts = try body.compartments.filter { $0.compartment == .general }.compactMap { ref in
                            try context.db.generalPart(record: ref.record.bytes, caseID: body.caseID.bytes).map {
                                (ref.record, $0.origin, $0.general)
                            }
                        }
                        return (key, parts)
                    }
                    let results = try Parallel.map(count: range.count) { offset -> (Bool, [String]) in
                        var seen = Set<[Int]>()
                        let entries = try found[offset].map { try $0.open(vault: vault) }
                            .filter { seen.insert([$0.seq, $0.section]).inserted }
                            .sorted { ($0.seq, $0.section) < ($1.seq, $1.section) }
                        var opened: [(String, String)] = []
                        if let caseKey = sealed[offset].caseKey {
                            let body = bodies[offset]
                            for part in sealed[offset].parts {
                                guard let half = body.half(CompartmentRef(record: part.id, compartment: .general)) else { continue }
                                let dataKey = try RecordSealing.dataKey(half: half, caseKey: caseKey, record: part.id, compartment: .general)
                                let ad = RecordSealing.associatedData(origin: part.origin, caseID: body.caseID, record: part.id,
                                                                      compartment: .general)
                                let record = try RecordSealing.open(part.general, dataKey: dataKey, associatedData: ad, authors: authors)
                                opened.append((record.createdAt, record.type))
                            }
                        }
                        var types: [String] = []
                        for (_, type) in opened.sorted(by: { $0.0 < $1.0 }) where !types.contains(type) { types.append(type) }
                        return (Self.isClosed(entries), types)
                    }
                    closedFlags.replaceSubrange(range, with: results.map(\.0))
                    typeLists.replaceSubrange(range, with: results.map(\.1))
                }
            }
            // Dates come from the public days of the rows (a case's, its records'): no record is opened for a listing.
            var result: [CaseSummary] = []
            for (index, header) in headers.enumerated() {
                let created = try context.db.caseDay(caseID: header.caseID.bytes)
                let readable = Set(header.layout.halves.map { $0.ref.record.bytes })
                var latest = created
                for row in try context.db.recordDays(caseID: header.caseID.bytes) where readable.contains(row.id) {
                    latest = max(latest ?? row.day, row.day)
                }
                let holding: String
                var until: String?
                switch header.consent {
                case .own: holding = "own"
                case .given(_, let day): holding = "consent"; until = day?.description
                case .without: holding = "without-consent"
                }
                result.append(CaseSummary(case: header.caseID.description, household: header.household,
                                          records: header.readableRecords,
                                          created: created.map { Day(number: $0).description } ?? "",
                                          lastActivity: latest.map { Day(number: $0).description } ?? "",
                                          consentUntil: until, holding: holding,
                                          grantedTo: header.layout.made.map(\.0).sorted(),
                                          closed: closedFlags[index], types: typeLists[index]))
            }
            // A shredded case leaves its holders' rows behind (nobody else can find them): without the case key
            // they open nothing, and the holder drops them here.
            let existing = Set(try context.db.caseIDs().map { CaseID(bytes: $0).description })
            for (index, summary) in result.enumerated() where !existing.contains(summary.case) {
                try context.db.deleteGrant(locator: Array(rows[index].locator))
            }
            // The most recently active first; the case id breaks ties, so that the order is stable.
            return result.filter { existing.contains($0.case) }
                .sorted { ($0.lastActivity, $1.case) > ($1.lastActivity, $0.case) }
        }
    }

    /// Whether the latest close or reopen among a case's entries, in order, is a close.
    static func isClosed(_ entries: [OpenedEntry]) -> Bool {
        var closed = false
        for entry in entries {
            switch entry.details.action {
            case "close": closed = true
            case "reopen": closed = false
            default: break
            }
        }
        return closed
    }
}
