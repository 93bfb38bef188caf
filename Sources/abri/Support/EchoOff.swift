#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the terminal's echo off while a passphrase is typed, and always back on: on return,
/// on a thrown error, and on the signals that end a process (Ctrl-C, Ctrl-\, a hang-up,
/// `kill`). A stopped job (Ctrl-Z) is left to the shell, which restores its terminal itself.
enum EchoOff {
    /// Runs `body` with echo off on `tty`; if `tty` is not a terminal, runs it as is.
    static func `while`<R: ~Copyable>(tty: Int32, _ body: () throws -> R) throws -> R {
        guard tcgetattr(tty, savedTermios) == 0 else { return try body() }
        savedFD = tty

        var quiet = savedTermios.pointee
        // No echo, but show the newline so that the next prompt starts on its own line.
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)

        var previous = restoringSignals.map { _ in sigaction() }
        for (index, signal) in restoringSignals.enumerated() {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = restoreAndReraise
            #else
            action.__sigaction_u.__sa_handler = restoreAndReraise
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, &previous[index])
        }
        _ = tcsetattr(tty, TCSAFLUSH, &quiet)

        defer {
            _ = tcsetattr(tty, TCSAFLUSH, savedTermios)
            for (index, signal) in restoringSignals.enumerated() {
                sigaction(signal, &previous[index], nil)
            }
            savedFD = -1
        }
        return try body()
    }

    static let restoringSignals: [Int32] = [SIGINT, SIGQUIT, SIGTERM, SIGHUP]
}

// Set before the handlers are installed; read only by the handler. Allocated once, never freed.
nonisolated(unsafe) private var savedTermios: UnsafeMutablePointer<termios> = {
    let pointer = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    pointer.initialize(to: termios())
    return pointer
}()
nonisolated(unsafe) private var savedFD: Int32 = -1

/// Restores the terminal, then lets the signal do what it does by default (end or stop the
/// process). Async-signal-safe: `tcsetattr`, `signal`, `raise` only.
private func restoreAndReraise(_ number: Int32) {
    if savedFD >= 0 {
        _ = tcsetattr(savedFD, TCSAFLUSH, savedTermios)
    }
    _ = signal(number, SIG_DFL)
    _ = raise(number)
}
