/// The rows of a replica's own state: its hub, cursor and last sync (Docs/FORMAT.md §7.4), as the domain reads and writes them.
public protocol ReplicaRows {
}
