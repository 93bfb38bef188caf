/// How the store holds pages in memory: not rows, but what a command that rewrites many of them asks for (a bulk
/// deposit's new cases and records, a re-seal of every grant of a partner: their keys are random by design, so they
/// touch pages all over the indexes).
public protocol StoreTuning {
    /// Keeps many more pages in memory (256 MiB on SQLite) until `restorePageCache()`, or until the store is closed.
    func raisePageCache() throws
    /// Puts the page cache back to its usual size (16 MiB on SQLite).
    func restorePageCache() throws
}
