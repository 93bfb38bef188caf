public import GRDB
public import AbriStore
import Foundation

extension Database: CaseRows {
    public func caseIDs() throws -> [[UInt8]] {
        try Data.fetchAll(self, sql: "SELECT id FROM cases").map(Array.init)
    }

    public func caseExists(caseID: [UInt8]) throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT 1 FROM cases WHERE id = ?", arguments: [Data(caseID)]) != nil
    }

    public func caseKey(caseID: [UInt8]) throws -> [UInt8]? {
        // Cached: a listing reads one per case.
        try Data.fetchOne(cachedStatement(sql: "SELECT case_key FROM cases WHERE id = ?"), arguments: [Data(caseID)]).map(Array.init)
    }

    public func caseDay(caseID: [UInt8]) throws -> Int32? {
        try Int32.fetchOne(cachedStatement(sql: "SELECT day FROM cases WHERE id = ?"), arguments: [Data(caseID)])
    }

    public func insertCase(id: [UInt8], caseKey: [UInt8], day: Int32) throws {
        try cachedStatement(sql: "INSERT INTO cases (id, case_key, day) VALUES (?, ?, ?)").execute(
            arguments: [Data(id), Data(caseKey), day])
    }

    public func deleteCase(id: [UInt8]) throws {
        try execute(sql: "DELETE FROM cases WHERE id = ?", arguments: [Data(id)])
    }

    public func isShredded(caseID: [UInt8]) throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT 1 FROM shredded WHERE case_id = ?", arguments: [Data(caseID)]) != nil
    }

    public func insertShredded(caseID: [UInt8]) throws {
        try execute(sql: "INSERT OR IGNORE INTO shredded (case_id) VALUES (?)", arguments: [Data(caseID)])
    }

    public func insertRecord(_ row: RecordRow) throws {
        try cachedStatement(sql: """
            INSERT INTO records (id, case_id, seq, day, origin, general, locating) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [Data(row.id), Data(row.caseID), row.seq, row.day, Data(row.origin), Data(row.general),
                                     Data(row.locating)])
    }

    public func insertRecordUnlessPresent(_ row: RecordRow) throws -> Bool {
        try execute(sql: """
            INSERT OR IGNORE INTO records (id, case_id, seq, day, origin, general, locating) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [Data(row.id), Data(row.caseID), row.seq, row.day, Data(row.origin), Data(row.general),
                             Data(row.locating)])
        return changesCount > 0
    }

    public func record(id: [UInt8], caseID: [UInt8]) throws -> StoredRecordRow? {
        try Row.fetchOne(self, sql: "SELECT id, seq, origin, general, locating FROM records WHERE id = ? AND case_id = ?",
                         arguments: [Data(id), Data(caseID)]).map {
            StoredRecordRow(id: Array($0["id"] as Data), seq: $0["seq"], origin: Array($0["origin"] as Data),
                            general: Array($0["general"] as Data), locating: Array($0["locating"] as Data))
        }
    }

    public func generalPart(record: [UInt8], caseID: [UInt8]) throws -> GeneralPartRow? {
        // Cached: a listing reads one per record it can read.
        try Row.fetchOne(cachedStatement(sql: "SELECT id, origin, general FROM records WHERE id = ? AND case_id = ?"),
                         arguments: [Data(record), Data(caseID)]).map {
            GeneralPartRow(origin: Array($0["origin"] as Data), general: Array($0["general"] as Data))
        }
    }

    public func generalPart(record: [UInt8]) throws -> GeneralPartRow? {
        try Row.fetchOne(self, sql: "SELECT origin, general FROM records WHERE id = ?", arguments: [Data(record)]).map {
            GeneralPartRow(origin: Array($0["origin"] as Data), general: Array($0["general"] as Data))
        }
    }

    public func sealedRecord(id: [UInt8]) throws -> SealedRecordRow? {
        try Row.fetchOne(self, sql: "SELECT case_id, origin, general, locating FROM records WHERE id = ?", arguments: [Data(id)]).map {
            SealedRecordRow(id: id, caseID: Array($0["case_id"] as Data), origin: Array($0["origin"] as Data),
                            general: Array($0["general"] as Data), locating: Array($0["locating"] as Data))
        }
    }

    public func sealedRecords(caseID: [UInt8]) throws -> [SealedRecordRow] {
        try Row.fetchAll(self, sql: "SELECT id, origin, general, locating FROM records WHERE case_id = ? ORDER BY seq",
                         arguments: [Data(caseID)]).map {
            // The rows' case is the one the WHERE clause asked for.
            SealedRecordRow(id: Array($0["id"] as Data), caseID: caseID, origin: Array($0["origin"] as Data),
                            general: Array($0["general"] as Data), locating: Array($0["locating"] as Data))
        }
    }

    public func lastRecordSeq(caseID: [UInt8]) throws -> Int? {
        try Int.fetchOne(self, sql: "SELECT MAX(seq) FROM records WHERE case_id = ?", arguments: [Data(caseID)])
    }

    public func recordDays(caseID: [UInt8]) throws -> [RecordDayRow] {
        try Row.fetchAll(cachedStatement(sql: "SELECT id, day FROM records WHERE case_id = ?"), arguments: [Data(caseID)]).map {
            RecordDayRow(id: Array($0["id"] as Data), day: $0["day"])
        }
    }

    public func deleteRecords(caseID: [UInt8]) throws {
        try execute(sql: "DELETE FROM records WHERE case_id = ?", arguments: [Data(caseID)])
    }

    public func hasChunks(blob: [UInt8]) throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT 1 FROM chunks WHERE blob = ? LIMIT 1", arguments: [Data(blob)]) != nil
    }

    public func chunk(blob: [UInt8], segment: Int) throws -> [UInt8]? {
        try Data.fetchOne(self, sql: "SELECT data FROM chunks WHERE blob = ? AND n = ?", arguments: [Data(blob), segment]).map(Array.init)
    }

    public func insertChunkUnlessPresent(blob: [UInt8], segment: Int, caseID: [UInt8], data: [UInt8]) throws {
        try execute(sql: """
            INSERT OR IGNORE INTO chunks (blob, n, case_id, data)
            SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM attachment_files WHERE blob = ?)
            """, arguments: [Data(blob), segment, Data(caseID), Data(data), Data(blob)])
    }

    public func deleteChunks(caseID: [UInt8]) throws {
        try execute(sql: "DELETE FROM chunks WHERE case_id = ?", arguments: [Data(caseID)])
    }
}
