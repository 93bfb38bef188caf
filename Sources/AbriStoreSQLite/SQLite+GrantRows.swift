public import GRDB
public import AbriStore
import Foundation

extension Database: GrantRows {
    public func insertGrant(_ row: GrantRow) throws {
        try cachedStatement(sql: """
            INSERT OR REPLACE INTO grants (locator, holder, blind, expires, box) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [Data(row.locator), Data(row.holder), row.blind.map { Data($0) }, row.expires, Data(row.box)])
    }

    public func deleteGrant(locator: [UInt8]) throws {
        try cachedStatement(sql: "DELETE FROM grants WHERE locator = ?").execute(arguments: [Data(locator)])
    }

    public func grant(locator: [UInt8]) throws -> SealedGrantRow? {
        try Row.fetchOne(self, sql: "SELECT box, expires FROM grants WHERE locator = ?", arguments: [Data(locator)]).map {
            SealedGrantRow(locator: locator, expires: $0["expires"], box: Array($0["box"] as Data))
        }
    }

    public func grants(holder: [UInt8]) throws -> [SealedGrantRow] {
        try Row.fetchAll(self, sql: "SELECT locator, expires, box FROM grants WHERE holder = ?", arguments: [Data(holder)])
            .map(Self.sealedGrant)
    }

    public func grants(blind: [UInt8], holder: [UInt8]) throws -> [SealedGrantRow] {
        try Row.fetchAll(self, sql: "SELECT locator, expires, box FROM grants WHERE blind = ? AND holder = ?",
                         arguments: [Data(blind), Data(holder)])
            .map(Self.sealedGrant)
    }

    public func grantsExpired(before day: Int32) throws -> [ExpiredGrantRow] {
        try Row.fetchAll(self, sql: "SELECT locator, holder, expires, box FROM grants WHERE expires IS NOT NULL AND expires < ?",
                         arguments: [day]).map {
            ExpiredGrantRow(locator: Array($0["locator"] as Data), holder: Array($0["holder"] as Data), expires: $0["expires"],
                            box: Array($0["box"] as Data))
        }
    }

    public func resealGrants(_ rows: [ResealedGrantRow]) throws {
        // One prepared statement for every row of every batch of the re-seal.
        let update = try cachedStatement(sql: "UPDATE grants SET locator = ?, holder = ?, blind = ?, box = ? WHERE locator = ?")
        for row in rows {
            try update.execute(arguments: [Data(row.locator), Data(row.holder), row.blind.map { Data($0) }, Data(row.box),
                                           Data(row.oldLocator)])
        }
    }

    public func insertInboxItem(box: [UInt8]) throws {
        try cachedStatement(sql: "INSERT INTO inbox (box) VALUES (?)").execute(arguments: [Data(box)])
    }

    public func inboxItems() throws -> [InboxRow] {
        try Row.fetchAll(self, sql: "SELECT n, box FROM inbox ORDER BY n").map { InboxRow(n: $0["n"], box: Array($0["box"] as Data)) }
    }

    public func deleteInboxItem(n: Int64) throws {
        try cachedStatement(sql: "DELETE FROM inbox WHERE n = ?").execute(arguments: [n])
    }

    /// A row of `SELECT locator, expires, box FROM grants …`.
    private static func sealedGrant(_ row: Row) -> SealedGrantRow {
        SealedGrantRow(locator: Array(row["locator"] as Data), expires: row["expires"], box: Array(row["box"] as Data))
    }
}
