import Foundation
public import GRDB
public import AbriStore

extension Database: BundleRows {
    public func bundleWasImported(bundleID: [UInt8]) throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT 1 FROM imported WHERE bundle = ?", arguments: [Data(bundleID)]) != nil
    }

    public func insertImportedBundle(bundleID: [UInt8]) throws {
        try execute(sql: "INSERT INTO imported (bundle) VALUES (?)", arguments: [Data(bundleID)])
    }

    public func insertForeignRoster(vault: [UInt8], version: Int, body: [UInt8], signature: [UInt8]) throws {
        try execute(sql: "INSERT OR IGNORE INTO foreign_rosters (vault, version, body, signature) VALUES (?, ?, ?, ?)",
                    arguments: [Data(vault), version, Data(body), Data(signature)])
    }

    public func foreignRosters(vault: [UInt8]) throws -> [SignedRosterRow] {
        try Row.fetchAll(self, sql: "SELECT body, signature FROM foreign_rosters WHERE vault = ? ORDER BY version",
                         arguments: [Data(vault)]).map { row in
            SignedRosterRow(body: Array(row["body"] as Data), signature: Array(row["signature"] as Data))
        }
    }

    public func foreignRosters() throws -> [ForeignRosterRow] {
        try Row.fetchAll(self, sql: "SELECT vault, body, signature FROM foreign_rosters ORDER BY vault, version").map { row in
            ForeignRosterRow(vault: Array(row["vault"] as Data), body: Array(row["body"] as Data),
                             signature: Array(row["signature"] as Data))
        }
    }
}
