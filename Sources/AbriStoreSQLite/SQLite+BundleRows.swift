import Foundation
public import GRDB
public import AbriStore

extension Database: BundleRows {
    public func recordsToExport(caseID: [UInt8]) throws -> [SealedRecordRow] {
        try Row.fetchAll(self, sql: "SELECT id, origin, general, locating FROM records WHERE case_id = ? ORDER BY seq",
                         arguments: [Data(caseID)]).map { row in
            SealedRecordRow(id: Array(row["id"] as Data), origin: Array(row["origin"] as Data),
                            general: Array(row["general"] as Data), locating: Array(row["locating"] as Data))
        }
    }

    public func storedCopyOfImportedRecord(recordID: [UInt8]) throws -> StoredRecordCopyRow? {
        try Row.fetchOne(self, sql: "SELECT case_id, origin, general, locating FROM records WHERE id = ?",
                         arguments: [Data(recordID)]).map { stored in
            StoredRecordCopyRow(caseID: Array(stored["case_id"] as Data), origin: Array(stored["origin"] as Data),
                                general: Array(stored["general"] as Data), locating: Array(stored["locating"] as Data))
        }
    }

    public func bundleWasImported(bundleID: [UInt8]) throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT 1 FROM imported WHERE bundle = ?", arguments: [Data(bundleID)]) != nil
    }

    public func insertImportedRecord(_ record: RecordRow) throws -> Bool {
        try execute(sql: """
            INSERT OR IGNORE INTO records (id, case_id, seq, day, origin, general, locating) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [Data(record.id), Data(record.caseID), record.seq, record.day, Data(record.origin),
                             Data(record.general), Data(record.locating)])
        return changesCount > 0
    }

    public func insertImportedChunk(blob: [UInt8], n: Int, caseID: [UInt8], data: [UInt8]) throws {
        try execute(sql: """
            INSERT OR IGNORE INTO chunks (blob, n, case_id, data)
            SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM attachment_files WHERE blob = ?)
            """, arguments: [Data(blob), n, Data(caseID), Data(data), Data(blob)])
    }

    public func insertForeignRoster(vault: [UInt8], version: Int, body: [UInt8], signature: [UInt8]) throws {
        try execute(sql: "INSERT OR IGNORE INTO foreign_rosters (vault, version, body, signature) VALUES (?, ?, ?, ?)",
                    arguments: [Data(vault), version, Data(body), Data(signature)])
    }

    public func insertImportedBundle(bundleID: [UInt8]) throws {
        try execute(sql: "INSERT INTO imported (bundle) VALUES (?)", arguments: [Data(bundleID)])
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
