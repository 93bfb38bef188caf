import Foundation
public import GRDB
public import AbriStore

extension Database: RosterRows {
    public func insertVaultHeader(format: [UInt8], vault: [UInt8], admin: [UInt8]) throws {
        try execute(sql: "INSERT INTO meta (key, value) VALUES ('format', ?), ('vault', ?), ('admin', ?)",
                    arguments: [Data(format), Data(vault), Data(admin)])
    }

    public func vaultHeader() throws -> VaultHeaderRow {
        let id = try Data.fetchOne(self, sql: "SELECT value FROM meta WHERE key = 'vault'")
        let admin = try Data.fetchOne(self, sql: "SELECT value FROM meta WHERE key = 'admin'")
        return VaultHeaderRow(vault: id.map { Array($0) }, admin: admin.map { Array($0) })
    }

    public func latestRoster() throws -> RosterVersionRow? {
        try Row.fetchOne(self, sql: "SELECT version, body, signature FROM roster ORDER BY version DESC LIMIT 1").map { row in
            RosterVersionRow(version: row["version"], body: Array(row["body"] as Data), signature: Array(row["signature"] as Data))
        }
    }

    public func insertRoster(_ row: RosterVersionRow) throws {
        try execute(sql: "INSERT INTO roster (version, body, signature) VALUES (?, ?, ?)",
                    arguments: [row.version, Data(row.body), Data(row.signature)])
    }

    public func approvals(partner: String) throws -> [ApprovalRow] {
        try Row.fetchAll(self, sql: "SELECT identity, enrolled, signer_key, signature FROM approvals WHERE partner = ?",
                         arguments: [partner]).map { row in
            ApprovalRow(partner: partner, identity: row["identity"], enrolled: row["enrolled"],
                        signerKey: Array(row["signer_key"] as Data), signature: Array(row["signature"] as Data))
        }
    }

    public func insertOrReplaceApproval(_ row: ApprovalRow) throws {
        try execute(sql: """
            INSERT OR REPLACE INTO approvals (partner, identity, enrolled, signer_key, signature) VALUES (?, ?, ?, ?, ?)
            """, arguments: [row.partner, row.identity, row.enrolled, Data(row.signerKey), Data(row.signature)])
    }

    public func latestHeadKeys() throws -> [UInt8]? {
        try Data.fetchOne(self, sql: "SELECT keys FROM heads ORDER BY size DESC LIMIT 1").map { Array($0) }
    }

    public func latestHeadRoster() throws -> HeadRosterRow? {
        try Row.fetchOne(self, sql: "SELECT roster_version, roster_hash FROM heads ORDER BY size DESC LIMIT 1")
            .map { HeadRosterRow(rosterVersion: $0[0] as Int, rosterHash: Array($0[1] as Data)) }
    }

    public func isShredded(caseID: [UInt8]) throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT 1 FROM shredded WHERE case_id = ?", arguments: [Data(caseID)]) != nil
    }

    public func hasCase(id: [UInt8]) throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT 1 FROM cases WHERE id = ?", arguments: [Data(id)]) != nil
    }

    public func deleteChunks(caseID: [UInt8]) throws {
        try execute(sql: "DELETE FROM chunks WHERE case_id = ?", arguments: [Data(caseID)])
    }

    public func deleteRecords(caseID: [UInt8]) throws {
        try execute(sql: "DELETE FROM records WHERE case_id = ?", arguments: [Data(caseID)])
    }

    public func deleteCase(id: [UInt8]) throws {
        try execute(sql: "DELETE FROM cases WHERE id = ?", arguments: [Data(id)])
    }

    public func insertShredded(caseID: [UInt8]) throws {
        try execute(sql: "INSERT OR IGNORE INTO shredded (case_id) VALUES (?)", arguments: [Data(caseID)])
    }
}
