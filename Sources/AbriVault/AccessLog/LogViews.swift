import AbriCrypto
import Foundation
import GRDB

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
    /// The entries of the cases this member's partner holds (or of one of them).
    public func log(case caseID: CaseID? = nil) throws -> [LogLine] {
        try run { context in
            try context.heldCases(caseID).flatMap { body in
                try LogReader.entries(of: body.caseKeys, vault: vault, context.db)
            }.sorted { $0.seq < $1.seq }.map(LogLine.init)
        }
    }

    /// A household's access extract: consultations of the household's cases that this partner holds,
    /// leaving out every case that holds a locating compartment.
    public func householdLog(_ reference: String) throws -> [LogLine] {
        try run { context in
            var lines: [LogLine] = []
            for keys in context.generations {
                guard let blind = try keys.blindIndex(reference) else { continue }
                for row in try Row.fetchAll(context.db, sql: "SELECT locator, box FROM grants WHERE blind = ? AND holder = ?",
                                            arguments: [Data(blind), Data(try keys.holderLabel())]) {
                    guard let plaintext = keys.openGrant(Array(row["box"] as Data), locator: Array(row["locator"] as Data)) else {
                        throw GrantBody.malformed
                    }
                    let body = try GrantBody.decode(plaintext)
                    let entries = try LogReader.entries(of: body.caseKeys, vault: vault, context.db)
                    let history = LogReader.CaseHistory(entries, caseID: body.caseID.description)
                    guard !history.hasLocating else { continue }
                    lines += entries.filter { consultations.contains($0.details.action) }.map(LogLine.extract)
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
        return try GrantStore.ownRows(generations: generations, db).map { row in
            guard let plaintext = row.keys.openGrant(Array(row.box), locator: Array(row.locator)) else { throw GrantBody.malformed }
            return try GrantBody.decode(plaintext)
        }
    }
}

extension AdminSession {
    /// Every entry (or those of one case, or the shares made without consent), for the administrator.
    public func log(case caseID: CaseID? = nil, withoutConsentOnly: Bool = false) throws -> [LogLine] {
        try vault.store.read { db in
            try LogReader.allEntries(administrator: identity, vault: vault, db).filter { entry in
                (caseID == nil || entry.details.case == caseID?.description)
                    && (!withoutConsentOnly || entry.details.consent?.kind == "without-consent")
            }.map(LogLine.init)
        }
    }

    /// A household's access extract over the whole vault, leaving out every case with a locating compartment.
    public func householdLog(_ reference: String) throws -> [LogLine] {
        let normalized = HouseholdReference.normalize(reference)
        return try vault.store.read { db in
            let entries = try LogReader.allEntries(administrator: identity, vault: vault, db)
            let cases = Set(entries.filter { $0.details.household == normalized }.compactMap(\.details.case))
            var lines: [LogLine] = []
            for caseID in cases {
                let history = LogReader.CaseHistory(entries, caseID: caseID)
                guard !history.hasLocating else { continue }
                lines += entries.filter { $0.details.case == caseID && consultations.contains($0.details.action) }
                    .map(LogLine.extract)
            }
            return lines.sorted { $0.seq < $1.seq }
        }
    }
}
