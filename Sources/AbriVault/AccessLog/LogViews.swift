import AbriCrypto
import Foundation
import AbriStore
public import AbriPublic

/// One line of `abri log`, as the caller may see it.
public struct LogLine: Sendable, Codable, Equatable {
    /// Position in the log.
    public var seq: Int
    /// When (UTC, to the second; a day only in household extracts).
    public var at: String
    /// What was done.
    public var action: String
    /// Who did it (`partner/name`, `admin`; the partner only in household extracts).
    public var actor: String
    /// The case, where the entry concerns one.
    public var `case`: String?
    /// The purpose given.
    public var purpose: String?
    /// The partner concerned (the recipient of a share, the partner rotated).
    public var partner: String?
    /// The consent reference or the reason for sharing without consent.
    public var consent: String?
    /// `consent` or `without-consent`.
    public var consentKind: String?

    init(_ entry: OpenedEntry) {
        seq = entry.seq
        at = entry.details.at
        action = entry.details.action
        actor = entry.details.actor
        self.case = entry.details.case
        purpose = entry.details.purpose
        partner = entry.details.partner
        consent = entry.details.consent?.text
        consentKind = entry.details.consent?.kind
    }

    /// The household extract's reduced form: the day, the organisation, the action and the purpose.
    static func extract(_ entry: OpenedEntry) -> LogLine {
        var line = LogLine(entry)
        line.at = entry.day.description
        line.actor = String(entry.details.actor.split(separator: "/").first ?? "")
        line.partner = nil
        line.consent = nil
        line.consentKind = nil
        return line
    }
}

/// The actions that consult a household's data, for its access extract.
let consultations: Set<String> = ["open", "reveal", "export"]

extension MemberSession {
    /// The entries this member's partner may read, of the cases it holds (or of one of them).
    public func log(case caseID: CaseID? = nil) throws -> [LogLine] {
        try run { context in
            // One entry can hold two sections this partner reads (its deposit and its grant): both are shown.
            try checkedSignatures(try context.heldCases(caseID).flatMap { body in
                try LogReader.entries(of: body, vault: vault, context.db)
            }, roster: context.roster).sorted { ($0.seq, $0.section) < ($1.seq, $1.section) }.map(LogLine.init)
        }
    }

    /// A section whose signature is not its stated actor's is never shown as that actor's action: a writer who holds
    /// a reader's key could otherwise put words in a colleague's mouth. The whole view is refused (65), as `verify` does.
    private func checkedSignatures(_ entries: [OpenedEntry], roster: Roster) throws -> [OpenedEntry] {
        if let forged = entries.first(where: { !$0.signatureValid || !vault.actorMatches($0.details, roster: roster) }) {
            throw AbriError.badData("log entry \(forged.seq) is not signed by the member it names: the vault was altered (run `abri verify`)")
        }
        return entries
    }

    /// A household's access extract: consultations of the household's cases that this partner holds,
    /// leaving out every case that holds a locating compartment.
    public func householdLog(_ reference: String) throws -> [LogLine] {
        try run { context in
            var lines: [LogLine] = []
            for keys in context.generations {
                guard let blind = try keys.blindIndex(reference) else { continue }
                for row in try context.db.grants(blind: blind, holder: try keys.holderLabel()) {
                    let body = try GrantStore.StoredRow(locator: Data(row.locator), keys: keys, expires: row.expires, box: Data(row.box)).open()
                    guard try !context.caseHasLocating(body) else { continue }
                    lines += try checkedSignatures(try LogReader.entries(of: body, vault: vault, context.db), roster: context.roster)
                        .filter { consultations.contains($0.details.action) }.map(LogLine.extract)
                }
            }
            return lines.sorted { $0.seq < $1.seq }
        }
    }
}

extension MemberContext {
    /// The grants this partner holds: on one case (77 when none), or on all.
    func heldCases(_ caseID: CaseID?) throws -> [GrantBody] {
        if let caseID {
            guard let (body, _) = try grant(on: caseID) else { throw AbriError.notPermitted(CaseID.unknownMessage) }
            return [body]
        }
        return try GrantStore.ownRows(generations: generations, db).map { try $0.open() }
    }

    /// Whether any record of the case that this partner reads says it has a locating part: a general-only holder
    /// (a tenancy unit) learns it from the records' signed general parts, which say so.
    func caseHasLocating(_ body: GrantBody) throws -> Bool {
        if body.compartments.contains(where: { $0.compartment == .locating }) { return true }
        guard let caseKey = try db.caseKey(caseID: body.caseID.bytes) else {
            return false
        }
        return try openRecords(caseID: body.caseID, caseKey: Array(caseKey), grant: body, reveal: false).value.records
            .contains { !$0.masked.isEmpty || !$0.withheld.isEmpty }
    }
}

/// What the administrator reads of one partner's day: how many of each action its members took.
public struct DailyCount: Sendable, Codable, Equatable {
    /// The day.
    public var day: String
    /// The partner.
    public var partner: String
    /// The action (`deposit`, `share`, `reveal`…), or `share-without-consent`.
    public var action: String
    /// How many.
    public var count: Int
}

extension AdminSession {
    /// The administrator's log: roster operations and its own actions in full, every other entry as its operator
    /// summary (action, actor, time); of one case, only the entries that name it to the administrator.
    public func log(case caseID: CaseID? = nil) throws -> [LogLine] {
        try vault.store.read { db in
            try LogReader.allEntries(administrator: identity, vault: vault, db).filter { entry in
                caseID == nil || entry.details.case == caseID?.description
            }.map(LogLine.init)
        }
    }

    /// Per partner and day, how many deposits, shares, shares without consent, reveals and refusals.
    public func dailyCounts(withoutConsentOnly: Bool = false) throws -> [DailyCount] {
        try vault.store.read { db in
            var counts: [String: DailyCount] = [:]
            for entry in try LogReader.allEntries(administrator: identity, vault: vault, db) {
                let partner = String(entry.details.actor.split(separator: "/").first ?? "")
                guard entry.details.actor.contains("/") else { continue }
                var actions: [(String, Int)] = withoutConsentOnly ? [] : [(entry.details.action, 1)]
                if let without = entry.details.withoutConsent, without > 0 { actions.append(("share-without-consent", without)) }
                for (action, n) in actions {
                    let key = "\(entry.day)|\(partner)|\(action)"
                    counts[key, default: DailyCount(day: entry.day.description, partner: partner, action: action, count: 0)].count += n
                }
            }
            return counts.values.sorted { ($0.day, $0.partner, $0.action) < ($1.day, $1.partner, $1.action) }
        }
    }

    /// The administrator reads no household reference: a household's extract is made by a partner that holds its cases.
    public func householdLog(_ reference: String) throws -> [LogLine] {
        throw AbriError.notPermitted("the administrator reads no household reference (ask a partner that holds the household's cases for its extract)")
    }
}
