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

    public func rosterVersions() throws -> [RosterVersionRow] {
        try Row.fetchAll(self, sql: "SELECT version, body, signature FROM roster ORDER BY version").map { row in
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
}
