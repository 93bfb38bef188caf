public import GRDB
public import Foundation

/// Waiting for another command that holds the vault: SQLite's busy handler, which retries for up to the busy wait
/// (then the command ends in 75) and, once a wait has lasted long enough for a person to wonder, says so once.
///
/// SQLite's own `busy_timeout` waits in silence; a callback is the only way to know that a command is waiting.
public enum BusyHandler {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var notice: (@Sendable () -> Void)?
    nonisolated(unsafe) private static var noticed = false

    /// Sets what is called once per process, the first time a command has waited `noticeAfter` for a busy vault.
    public static func onWaiting(_ notice: @escaping @Sendable () -> Void) {
        lock.lock(); defer { lock.unlock() }
        Self.notice = notice
    }

    /// A wait shorter than this is ordinary contention between two commands, not worth a word.
    public static let noticeAfter = 250

    /// The sleeps between tries, in milliseconds, as SQLite's `busy_timeout` spaces them; the last one repeats.
    static let delays = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100]

    /// Milliseconds slept before try `tries` of one wait (SQLite counts the tries of each wait from 0).
    static func waited(before tries: Int) -> Int {
        let listed = delays.prefix(tries).reduce(0, +)
        return listed + max(0, tries - delays.count) * delays[delays.count - 1]
    }

    /// The busy handler: sleeps between tries, as `busy_timeout` does, until `total` seconds have been slept.
    ///
    /// Stateless, like SQLite's own handler: the time waited follows from the number of tries, so one closure
    /// serves every connection and thread.
    public static func callback(total: TimeInterval) -> Database.BusyCallback {
        let limit = Int(total * 1000)
        return { tries in
            let waited = waited(before: tries)
            let delay = min(delays[min(tries, delays.count - 1)], limit - waited)
            guard delay > 0 else { return false }
            if waited >= noticeAfter { noticeOnce() }
            usleep(useconds_t(delay * 1000))
            return true
        }
    }

    private static func noticeOnce() {
        lock.lock()
        let said = noticed ? nil : notice
        noticed = true
        lock.unlock()
        said?()
    }
}
