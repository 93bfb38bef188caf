import AbriVault
import ArgumentParser
import Foundation

// The guard goes first: from here on a crash is one fixed line and exit 70, never a backtrace.
CrashGuard.install()

#if DEBUG
// Test hooks, compiled into debug builds only (release builds do not contain this code): they
// prove that a crash ends as the contract says. `1` fails a precondition (a debug build's
// runtime prints its own "Fatal error" line first; a release build prints nothing of its own);
// `segv` writes through a bad pointer, a crash no runtime message comes before.
switch ProcessInfo.processInfo.environment["ABRI_TEST_CRASH"] {
case "1":
    preconditionFailure()
case "segv":
    UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
default:
    break
}
#endif

exit(await Runner.run(arguments: Array(CommandLine.arguments.dropFirst())))
