import AbriHub
import ArgumentParser

/// `abri-hub migrate`: creates the hub's schema, or does nothing when it is there.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create the hub's tables in the database (safe to run again).")

    @OptionGroup var database: DatabaseOption

    func run() async throws {
        let store = HubStore(database: try database.url())
        try await Reachability.check(store, database: try database.url())
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            do {
                try await store.migrate()
            } catch {
                Reachability.say("abri-hub: the schema could not be created in \(try database.url()) (is the user allowed to create tables?)")
                throw HubExit.tempFail
            }
        }
        print("abri-hub: the schema is in place")
    }
}
