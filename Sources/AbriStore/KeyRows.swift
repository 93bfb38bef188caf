/// The rows of key custody: generations, their seals and the log-key seals (Docs/FORMAT.md: generations), as the domain reads and writes them.
public protocol KeyRows {
}
