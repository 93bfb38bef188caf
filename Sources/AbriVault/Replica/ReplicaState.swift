public import Foundation
import AbriStore

/// What makes a vault file a replica (Docs/FORMAT.md §7.4): the hub's address, the sequence this copy has pulled to,
/// and when it last heard from the hub. Kept in the table `replica`, local to this machine: never on the wire.
public struct ReplicaState: Sendable, Equatable {
    /// The hub's base URL (`https://hub.example.org` or `http://127.0.0.1:8080`).
    public var hub: String
    /// The hub's sequence this copy holds every change up to.
    public var cursor: UInt64
    /// The last time a pull or a push succeeded.
    public var synced: Date?
    /// Whether this copy fetches attachments from the hub when they are opened, rather than keeping them all
    /// (`abri clone --attachments on-demand`, Docs/FORMAT.md §7.5).
    public var attachmentsOnDemand: Bool = false

    static func load(_ db: any VaultTransaction) throws -> ReplicaState? {
        guard let row = try db.replicaState() else { return nil }
        return ReplicaState(hub: row.hub, cursor: UInt64(max(0, row.cursor)),
                            synced: row.synced.map { Date(timeIntervalSince1970: TimeInterval($0)) },
                            attachmentsOnDemand: row.attachmentsOnDemand)
    }

    func save(_ db: any VaultTransaction) throws {
        try db.saveReplicaState(ReplicaStateRow(hub: hub, cursor: Int64(clamping: cursor),
                                                synced: Int64((synced ?? Date()).timeIntervalSince1970),
                                                attachmentsOnDemand: attachmentsOnDemand))
    }

    static func moveCursor(to cursor: UInt64, _ db: any VaultTransaction) throws {
        try db.moveReplicaCursor(to: Int64(clamping: cursor), synced: Int64(Date().timeIntervalSince1970))
    }
}
