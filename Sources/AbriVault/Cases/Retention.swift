import Foundation
import AbriPublic
import AbriStore

extension MemberSession {
    /// Closes a case (or reopens it): the date of the last closing starts the retention period.
    public func close(_ caseID: CaseID, reopen: Bool = false) throws {
        try run { context in
            guard let (own, _) = try context.grant(on: caseID) else { throw AbriError.notPermitted(CaseID.unknownMessage) }
            var entry = context.details(reopen ? "reopen" : "close")
            entry.case = caseID.description
            var draft = LogDraft.caseAction(entry, readers: context.actionReaders(of: own))
            // Retention is the administrator's: it reads which case was closed, and by which partner, nothing more.
            draft.summary.case = entry.case
            context.drafts.append(draft)
        }
    }
}

/// A case whose retention has ended.
public struct RetentionCandidate: Sendable, Codable, Equatable {
    /// The case id.
    public var `case`: String
    /// The day it was closed.
    public var closed: String
}

extension AdminSession {
    /// The cases closed more than `years` years ago and not reopened since, found in the log.
    public func retentionCandidates(years: Int) throws -> [RetentionCandidate] {
        let today = Day.today()
        let (y, m, d) = today.components
        let limit = Day(year: y - years, month: m, day: min(d, 28))
        return try vault.store.read { db in
            var closed: [String: Day] = [:]
            for entry in try LogReader.allEntries(administrator: identity, vault: vault, db) {
                guard let caseID = entry.details.case else { continue }
                switch entry.details.action {
                case "close": closed[caseID] = entry.day
                case "reopen", "shred": closed[caseID] = nil
                default: break
                }
            }
            let existing = Set(try db.caseIDs().map { CaseID(bytes: $0).description })
            return closed.filter { existing.contains($0.key) && $0.value <= limit }
                .map { RetentionCandidate(case: $0.key, closed: $0.value.description) }
                .sorted { $0.closed < $1.closed }
        }
    }
}
