import AbriTestSupport
import Foundation
import Testing

/// Several processes work on one vault at once for a bounded time: alice deposits and shares, ines opens,
/// bruno opens what is shared with him, and a member of foh-social rotates. No command may fail except with the
/// contract's 75 (busy past the wait); afterwards `verify` passes and every deposit is there, readable.
struct ConcurrencyTests {
    /// How long the workers run.
    static let duration: TimeInterval = 15

    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var failures: [String] = []
        private(set) var busy = 0
        private(set) var runs = 0
        private(set) var deposited: [String] = []

        func record(_ worker: String, _ arguments: [String], _ result: CLI.Result) {
            lock.lock(); defer { lock.unlock() }
            runs += 1
            if result.status == 75 { busy += 1 } else if result.status != 0 {
                failures.append("\(worker): abri \(arguments.joined(separator: " ")): \(result)")
            }
        }

        func deposit(_ id: String) { lock.lock(); deposited.append(id); lock.unlock() }
        var depositedIDs: [String] { lock.lock(); defer { lock.unlock() }; return deposited }
    }

    /// One worker's way to report the error that stopped it.
    final class Worker: @unchecked Sendable {
        var error: (any Error)?
    }

    /// The soak's 75, provoked on purpose in `make test`: sqlite3 holds the vault's write lock for longer than
    /// the busy wait (shortened with the debug-only `ABRI_BUSY_WAIT`), so a deposit gives up with 75, one line,
    /// and the vault unchanged; once the lock is released, the same deposit goes through.
    @Test func aVaultHeldPastTheBusyWaitIs75AndNothingChanges() throws {
        let story = try Story()
        let report = try story.write("busy.json", #"{"type":"note","household":"FOH-2024-000075"}"#)
        let before = try story.snapshot()
        let holder = try SQLite.holdWriteLock(story.vault, seconds: 4, folder: story.cli.home.path)
        defer { holder.terminate() }

        let busy = try story.abri(["deposit", report], as: .alice, environment: ["ABRI_BUSY_WAIT": "1"])
        #expect(busy.status == 75, "\(busy)")
        #expect(busy.stdout.isEmpty)
        #expect(busy.stderrLines.count == 1 && busy.stderr.hasPrefix("abri: "), "\(busy)")
        #expect(holder.isRunning, "the lock was released before the command gave up: the test proved nothing")
        holder.terminate()
        try story.expectUnchanged(since: before)
        let deposited = try story.must(["deposit", report], as: .alice, environment: ["ABRI_BUSY_WAIT": "1"])
        #expect(deposited.stdoutLines.count == 1)
    }

    /// Long and heavy on process launches, it runs with `make soak` (ABRI_SOAK=1), not in `make test`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ABRI_SOAK"] == "1"))
    func fourProcessesAtOnceLeaveAWholeVault() throws {
        let story = try Story()
        // A second member of foh-social rotates while alice deposits.
        let rotator = try story.enrol("carla", in: "foh-social", approvedBy: .alice)
        let outcomes = Outcomes()
        let deadline = Date().addingTimeInterval(Self.duration)
        let environment: [String: String?] = ["ABRI_BUSY_WAIT": "30"]

        // Each worker is a thread of its own, not a task: it blocks on a child process all the time, and the
        // tasks of the cooperative pool (two threads here) may all be busy with other suites' processes.
        let group = DispatchGroup()
        func worker(_ name: String, _ step: @escaping @Sendable (Int) throws -> Void) -> Worker {
            let worker = Worker()
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                var i = 0
                while Date() < deadline {
                    do { try step(i) } catch { worker.error = error; return }
                    i += 1
                }
            }
            thread.start()
            return worker
        }

        let depositor = worker("alice") { i in
            let path = try story.write("c-\(i).json", #"{"type": "note", "household": "C-\#(i)", "facts": "n \#(i)", "locating": {"city": "Arras"}}"#)
            let arguments = ["deposit", path, "--to", "bailleur-b", "--locating-to", "cidff-62", "--consent", "c"]
            let result = try story.cli.run(arguments + ["--as", story.identity(.alice)], environment: environment)
            outcomes.record("alice", arguments, result)
            if result.status == 0, let id = result.stdoutLines.first { outcomes.deposit(id) }
        }
        let sharer = worker("alice-share") { i in
            let ids = outcomes.depositedIDs
            let target = ids.isEmpty ? story.caseID : ids[i % ids.count]
            let arguments = ["share", target, "--to", "foh-tenancy", "--consent", "c\(i)"]
            outcomes.record("alice-share", arguments,
                            try story.cli.run(arguments + ["--as", story.identity(.alice)], environment: environment))
        }
        let reader = worker("ines") { i in
            let ids = outcomes.depositedIDs
            let target = ids.isEmpty || i % 3 == 0 ? story.caseID : ids[i % ids.count]
            let arguments = ["open", target, "--reveal", "--purpose", "suivi", "--json"]
            outcomes.record("ines", arguments,
                            try story.cli.run(arguments + ["--as", story.identity(.ines)], environment: environment))
        }
        let rotating = worker("carla") { i in
            let arguments = i % 4 == 0 ? ["rotate", "foh-social"] : ["open", story.caseID, "--json"]
            outcomes.record("carla", arguments,
                            try story.cli.run(arguments + ["--as", rotator.path], environment: environment))
        }
        group.wait()
        for worker in [depositor, sharer, reader, rotating] { if let error = worker.error { throw error } }

        // The history guard reads what this machine accepted before the vault's head, and never moves it back:
        // a command committing in between must not make another look "rolled back".
        #expect(outcomes.failures.isEmpty, "\(outcomes.failures.count) failures:\n\(outcomes.failures.prefix(5).joined(separator: "\n"))")
        #expect(outcomes.runs > 8, "only \(outcomes.runs) runs in \(Self.duration) s")
        let verify = try story.abri(["verify"], as: .admin)
        #expect(verify.status == 0, "\(verify)")
        // Every deposit is there and readable by each holder.
        let ids = outcomes.depositedIDs
        #expect(!ids.isEmpty)
        let listedByAlice = Set(try story.caseIDs(as: .alice))
        let listedByBruno = Set(try story.caseIDs(as: .bruno))
        let listedByInes = Set(try story.caseIDs(as: .ines))
        for id in ids {
            #expect(listedByAlice.contains(id) && listedByBruno.contains(id) && listedByInes.contains(id), "\(id) is missing")
        }
        for id in ids.suffix(3) + ids.prefix(2) {
            let opened = try story.abri(["open", id, "--reveal", "--purpose", "soak", "--json"], as: .ines)
            #expect(opened.status == 0 && opened.stdout.contains("Arras"), "\(id): \(opened)")
            #expect(try story.abri(["open", id, "--json"], as: .bruno).status == 0)
        }
        #expect(try story.abri(["open", story.caseID, "--json"], as: .alice).status == 0)
    }
}
