/// The rows of the access log: entries, slots, heads and the tree edge (Docs/FORMAT.md: log, heads), as the domain reads and writes them.
public protocol LogRows {
}
