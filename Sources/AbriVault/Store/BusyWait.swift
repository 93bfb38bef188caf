import AbriStoreSQLite

/// Waiting for another command that holds the vault (then 75): what the person is told while it lasts.
public enum BusyWait {
    /// Sets what is called once per process, the first time a command has waited long enough for a busy vault that a
    /// person would wonder why nothing happens.
    public static func onWaiting(_ notice: @escaping @Sendable () -> Void) {
        BusyHandler.onWaiting(notice)
    }
}
