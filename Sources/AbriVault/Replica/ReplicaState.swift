public import Foundation
import GRDB

/// What makes a vault file a replica (Docs/FORMAT.md §7.4): the hub's address, the sequence this copy has pulled to,
/// and when it last heard from the hub. Kept in the table `replica`, local to this machine: never on the wire.
public struct ReplicaState: Sendable, Equatable {
    /// The hub's base URL (`https://hub.example.org` or `http://127.0.0.1:8080`).
    public var hub: String
    /// The hub's sequence this copy holds every change up to.
    public var cursor: UInt64
    /// The last time a pull or a push succeeded.
    public var synced: Date?

    static func load(_ db: Database) throws -> ReplicaState? {
        guard try db.tableExists("replica") else { return nil }
        let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM replica")
        var values: [String: DatabaseValue] = [:]
        for row in rows { values[row["key"]] = row["value"] as DatabaseValue }
        guard let hub = values["hub"].flatMap(String.fromDatabaseValue) else { return nil }
        let cursor = values["cursor"].flatMap(Int64.fromDatabaseValue).map { UInt64(max(0, $0)) } ?? 0
        let synced = values["synced"].flatMap(Int64.fromDatabaseValue).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        return ReplicaState(hub: hub, cursor: cursor, synced: synced)
    }

    func save(_ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO replica (key, value) VALUES ('hub', ?), ('cursor', ?), ('synced', ?)",
                       arguments: [hub, Int64(clamping: cursor), Int64((synced ?? Date()).timeIntervalSince1970)])
    }

    static func moveCursor(to cursor: UInt64, _ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO replica (key, value) VALUES ('cursor', ?), ('synced', ?)",
                       arguments: [Int64(clamping: cursor), Int64(Date().timeIntervalSince1970)])
    }
}
