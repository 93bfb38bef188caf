import AbriCrypto
import Foundation
import GRDB

/// One line of `abri cases`.
public struct CaseSummary: Sendable, Codable, Equatable {
    /// Case id.
    public var `case`: String
    /// The household reference, as the caller's partner knows it.
    public var household: String
    /// How many records the caller can read.
    public var records: Int
}

extension MemberSession {
    /// The cases this member's partner holds, or those of one household (found through the partner's blind index).
    public func cases(household: String? = nil) throws -> [CaseSummary] {
        try run { context in
            var rows: [GrantStore.StoredRow] = []
            if let household {
                for keys in context.generations {
                    guard let blind = try keys.blindIndex(household) else { continue }
                    for row in try Row.fetchAll(context.db, sql: "SELECT locator, expires, box FROM grants WHERE blind = ? AND holder = ?",
                                                arguments: [Data(blind), Data(try keys.holderLabel())]) {
                        rows.append(GrantStore.StoredRow(locator: row["locator"], keys: keys, expires: row["expires"], box: row["box"]))
                    }
                }
            } else {
                rows = try GrantStore.ownRows(generations: context.generations, context.db)
            }
            let result = try Parallel.map(count: rows.count) { index in
                let row = rows[index]
                guard let plaintext = row.keys.openGrant(Array(row.box), locator: Array(row.locator), expires: row.expires) else {
                    throw GrantBody.malformed
                }
                let header = try GrantBody.header(plaintext)
                return CaseSummary(case: header.caseID.description, household: header.household, records: header.readableRecords)
            }
            // A shredded case leaves its holders' rows behind (nobody else can find them): without the case key
            // they open nothing, and the holder drops them here.
            let existing = Set(try Data.fetchAll(context.db, sql: "SELECT id FROM cases").map { CaseID(bytes: Array($0)).description })
            for (index, summary) in result.enumerated() where !existing.contains(summary.case) {
                try context.db.execute(sql: "DELETE FROM grants WHERE locator = ?", arguments: [rows[index].locator])
            }
            return result.filter { existing.contains($0.case) }.sorted { $0.case < $1.case }
        }
    }
}
