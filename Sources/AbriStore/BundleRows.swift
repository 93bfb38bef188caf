/// The rows of what a bundle brings in and takes out: foreign rosters (Docs/FORMAT.md: bundles), as the domain reads and writes them.
public protocol BundleRows {
}
