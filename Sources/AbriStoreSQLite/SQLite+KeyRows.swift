import Foundation
public import GRDB
public import AbriStore

extension Database: KeyRows {
    public func generations() throws -> [GenerationRow] {
        try Row.fetchAll(self, sql: """
            SELECT partner, number, public_key, made_by, signer_key, signature FROM generations ORDER BY partner, number
            """).map(GenerationRow.init(row:))
    }

    public func generationSeals() throws -> [GenerationSealRow] {
        try Row.fetchAll(self, sql: "SELECT partner, number, member_key, box FROM generation_seals ORDER BY partner, number, member_key")
            .map { row in
                GenerationSealRow(partner: row["partner"], number: row["number"], memberKey: Array(row["member_key"] as Data),
                                  box: Array(row["box"] as Data))
            }
    }

    public func logKeySeals() throws -> [LogKeySealRow] {
        try Row.fetchAll(self, sql: "SELECT generation, member_key, box FROM log_key_seals ORDER BY generation, member_key")
            .map { row in
                LogKeySealRow(generation: row["generation"], memberKey: Array(row["member_key"] as Data), box: Array(row["box"] as Data))
            }
    }

    public func latestGenerationNumber(partner: String) throws -> Int? {
        try Int.fetchOne(self, sql: "SELECT MAX(number) FROM generations WHERE partner = ?", arguments: [partner])
    }

    public func currentGeneration(partner: String) throws -> GenerationRow? {
        try Row.fetchOne(self, sql: "SELECT * FROM generations WHERE partner = ? ORDER BY number DESC LIMIT 1",
                         arguments: [partner]).map(GenerationRow.init(row:))
    }

    public func generation(partner: String, number: Int) throws -> GenerationRow? {
        try Row.fetchOne(self, sql: "SELECT * FROM generations WHERE partner = ? AND number = ?",
                         arguments: [partner, number]).map(GenerationRow.init(row:))
    }

    public func insertGeneration(_ row: GenerationRow) throws {
        try execute(sql: """
            INSERT INTO generations (partner, number, public_key, made_by, signer_key, signature) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [row.partner, row.number, Data(row.publicKey), row.madeBy, Data(row.signerKey), Data(row.signature)])
    }

    public func generationSeals(partner: String, memberKey: [UInt8]) throws -> [GenerationSealRow] {
        try Row.fetchAll(self, sql: """
            SELECT number, box FROM generation_seals WHERE partner = ? AND member_key = ? ORDER BY number DESC
            """, arguments: [partner, Data(memberKey)])
            // The rows' partner and member key are the ones the WHERE clause asked for.
            .map { row in GenerationSealRow(partner: partner, number: row["number"], memberKey: memberKey, box: Array(row["box"] as Data)) }
    }

    public func generationSealHolders(partner: String) throws -> [GenerationSealHolderRow] {
        try Row.fetchAll(self, sql: "SELECT number, member_key FROM generation_seals WHERE partner = ?", arguments: [partner])
            .map { row in GenerationSealHolderRow(number: row["number"], memberKey: Array(row["member_key"] as Data)) }
    }

    public func hasGenerationSeals(partner: String) throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT 1 FROM generation_seals WHERE partner = ? LIMIT 1", arguments: [partner]) != nil
    }

    public func insertGenerationSeal(_ row: GenerationSealRow) throws {
        try execute(sql: "INSERT INTO generation_seals (partner, number, member_key, box) VALUES (?, ?, ?, ?)",
                    arguments: [row.partner, row.number, Data(row.memberKey), Data(row.box)])
    }

    public func deleteGenerationSeals(partner: String, number: Int) throws {
        try execute(sql: "DELETE FROM generation_seals WHERE partner = ? AND number = ?", arguments: [partner, number])
    }

    public func logKeySeal(generation: Int, memberKey: [UInt8]) throws -> [UInt8]? {
        try Data.fetchOne(self, sql: "SELECT box FROM log_key_seals WHERE generation = ? AND member_key = ?",
                          arguments: [generation, Data(memberKey)]).map { Array($0) }
    }

    public func insertLogKeySeal(_ row: LogKeySealRow) throws {
        try execute(sql: "INSERT INTO log_key_seals (generation, member_key, box) VALUES (?, ?, ?)",
                    arguments: [row.generation, Data(row.memberKey), Data(row.box)])
    }

    public func insertLogKeySealUnlessPresent(_ row: LogKeySealRow) throws {
        try execute(sql: "INSERT OR IGNORE INTO log_key_seals (generation, member_key, box) VALUES (?, ?, ?)",
                    arguments: [row.generation, Data(row.memberKey), Data(row.box)])
    }

    public func deleteLogKeySeals(olderThan generation: Int) throws {
        try execute(sql: "DELETE FROM log_key_seals WHERE generation < ?", arguments: [generation])
    }
}

extension GenerationRow {
    /// A `generations` row as GRDB reads it (every column, named).
    init(row: Row) {
        self.init(partner: row["partner"], number: row["number"], publicKey: Array(row["public_key"] as Data),
                  madeBy: row["made_by"], signerKey: Array(row["signer_key"] as Data), signature: Array(row["signature"] as Data))
    }
}
