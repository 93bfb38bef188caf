import AbriTestSupport
import AbriPublic
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct HubCrashTests {
    /// The hub is killed with SIGKILL while it writes a large push (its transaction has written rows: PostgreSQL gave
    /// it a transaction id), at several moments: afterwards the push is wholly there or not at all.
    @Test func aHubKilledInThePushLeavesItWholeOrAbsent() throws {
        let hub = try HubProcess()
        let vault = try VaultBuilder()
        let admin = HubClient(port: hub.port, identity: vault.admin)
        #expect(try admin.create(vault.hex, try vault.creation()).status == 201)
        let baseRows = Int(try hub.sql("SELECT count(*) FROM rows")) ?? -1

        var outcomes: [String] = []
        for delay in [0, 100_000, 400_000, 1_500_000] as [useconds_t] {
            let seq = UInt64(try hub.sql("SELECT seq FROM vaults")) ?? 0
            let push = vault.records(3000, size: 200) + (try vault.logAndHead(2))
            let body = ChangeList(base: seq, changes: push).encoded()
            let target = "/v1/vaults/\(vault.hex)/push"
            let descriptor = try HTTPClient.sendWithoutWaiting(port: hub.port, method: "POST", target: target,
                                                               headers: try vault.admin.headers(method: "POST", target: target, body: body),
                                                               body: body)
            try waitForWrites(hub)
            usleep(delay)
            hub.kill()
            close(descriptor)
            // PostgreSQL rolls back the open transaction of a connection that is gone; give it a moment.
            var state = ""
            for _ in 0 ..< 50 {
                state = try hub.sql("SELECT seq FROM vaults")
                let busy = try hub.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
                if busy == "0" { break }
                usleep(100_000)
            }
            let after = UInt64(state) ?? 0
            let rowsOfPush = Int(try hub.sql("SELECT count(*) FROM rows WHERE seq = \(seq + 1)")) ?? -1
            if after == seq {
                #expect(rowsOfPush == 0)
                outcomes.append("absent")
                // The client would pull and run again: the builder's log state moved on, so make the vault catch up.
                try hub.restart()
                let retry = try HubClient(port: hub.port, identity: vault.admin).push(vault.hex, base: seq, push)
                #expect(retry.status == 200, "\(retry.text)")
            } else {
                #expect(after == seq + 1)
                #expect(rowsOfPush == push.count)
                outcomes.append("whole")
                try hub.restart()
            }
        }
        #expect(Int(try hub.sql("SELECT count(*) FROM rows")) == baseRows + 4 * (3000 + 3))
        #expect(try hub.sql("SELECT seq FROM vaults") == "5")
        print("pushes killed: \(outcomes.joined(separator: ", "))")
    }

    /// Returns once a connection of the hub holds a transaction that has written (or the push is committed).
    private func waitForWrites(_ hub: HubProcess) throws {
        for _ in 0 ..< 500 {
            let writing = try hub.sql("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                AND backend_xid IS NOT NULL
                """)
            if writing != "0" { return }
            usleep(5_000)
        }
        Issue.record("the hub's push never started writing")
    }
}
