/// The rows of the roster's versions, approvals and the vault's own metadata (Docs/FORMAT.md: roster, approvals, meta), as the domain reads and writes them.
public protocol RosterRows {
}
