#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns every crash into one fixed line on stderr and exit 70: no backtrace, no core file.
///
/// A failed precondition ends the process with a signal, and Swift's backtracer would then
/// print every register and the bytes they point to, which may be key bytes. The handler
/// replaces it. It runs in a signal context, so it only calls `write(2)` and `_exit(2)` on a
/// message that is a static C string: no Swift allocation, no lock.
enum CrashGuard {
    /// The signals a crash raises: a trap from a failed precondition, a bad memory access, an abort; and
    /// SIGQUIT, on which Swift's runtime would otherwise print its backtrace and register dump.
    static let crashSignals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGQUIT]

    /// The exit code of a crash, the contract's "internal error".
    static let exitCode: Int32 = 70

    /// Installs the guard; call it first thing in `main`.
    static func install() {
        keepMemoryOutOfCoreFiles()
        installAlternateStack()
        for signal in crashSignals {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = crashHandler
            #else
            action.__sigaction_u.__sa_handler = crashHandler
            #endif
            sigemptyset(&action.sa_mask)
            // SA_ONSTACK: a stack overflow is a SIGSEGV that needs another stack to run on.
            // SA_RESETHAND: a fault inside the handler itself ends the process at once.
            action.sa_flags = Int32(SA_ONSTACK) | Int32(bitPattern: UInt32(SA_RESETHAND))
            sigaction(signal, &action, nil)
        }
    }

    private static func keepMemoryOutOfCoreFiles() {
        #if os(Linux)
        // Not dumpable: no core file, and other processes of the same user cannot ptrace us
        // or read /proc/self/mem. Glibc's Swift module does not export <sys/prctl.h>, so the
        // function is looked up by name and called with the C calling convention.
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        let prSetDumpable: Int32 = 4  // PR_SET_DUMPABLE in <linux/prctl.h>
        if let symbol = dlsym(nil, "prctl") {
            _ = unsafeBitCast(symbol, to: Prctl.self)(prSetDumpable, 0, 0, 0, 0)
        }
        #endif
        var limit = rlimit(rlim_cur: 0, rlim_max: 0)
        #if canImport(Glibc)
        _ = setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &limit)
        #else
        _ = setrlimit(RLIMIT_CORE, &limit)
        #endif
    }

    private static func installAlternateStack() {
        let size = 64 * 1024
        // Allocated once and never freed: the handler may need it until the process ends.
        guard let memory = malloc(size) else { return }
        var stack = stack_t(ss_sp: memory, ss_flags: 0, ss_size: size)
        _ = sigaltstack(&stack, nil)
    }
}

/// The handler: a literal `StaticString` lives in the binary's read-only data, so writing it
/// allocates nothing.
private func crashHandler(_ signal: Int32) {
    let line: StaticString = "abri: internal error, stopped (nothing was changed; please report it)\n"
    _ = write(2, line.utf8Start, line.utf8CodeUnitCount)
    _exit(70)  // a literal: a static property could need a lazy initialiser here
}
