/// The rows of grants, the inbox and consent withdrawals (Docs/FORMAT.md: grants, inbox, withdrawals), as the domain reads and writes them.
public protocol GrantRows {
}
