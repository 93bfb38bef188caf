import Foundation
public import AbriPublic

/// What the vault takes from the world: the day, and how long a command waits for another that holds the store.
///
/// Release builds use the real clock and the default wait, whatever the environment says: a member who could set
/// the day could destroy every time-limited grant and write a future day into the log. Debug builds read the test
/// variables once (`ABRI_TODAY`, YYYY-MM-DD; `ABRI_BUSY_WAIT`, seconds), as only the test suites set them.
struct VaultEnvironment: Sendable {
    /// Today in Europe/Paris.
    var today: @Sendable () -> Day
    /// Seconds to wait for a busy store before giving up (exit 75).
    var busyWait: TimeInterval

    static let current: VaultEnvironment = {
        var environment = VaultEnvironment(today: { Day(date: Date()) }, busyWait: 60)
        #if DEBUG
        let variables = ProcessInfo.processInfo.environment
        if let text = variables["ABRI_TODAY"], let day = try? Day(parsing: text) { environment.today = { day } }
        if let text = variables["ABRI_BUSY_WAIT"], let seconds = TimeInterval(text) { environment.busyWait = seconds }
        #endif
        return environment
    }()
}
