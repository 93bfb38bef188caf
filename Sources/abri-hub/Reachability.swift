import AbriHub
import ArgumentParser
import Foundation

/// The database answers, or the command stops with 69 and says which address it tried (never its password).
enum Reachability {
    static func check(_ store: HubStore, database: DatabaseURL) async throws {
        do {
            try await store.checkReachable()
        } catch {
            say("abri-hub: the database \(database) cannot be reached (is PostgreSQL running, and the address right?)")
            throw HubExit.unavailable
        }
    }

    static func say(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
