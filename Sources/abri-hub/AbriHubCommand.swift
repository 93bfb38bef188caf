import AbriHub
import ArgumentParser

/// `abri-hub`: keeps vaults' rows in PostgreSQL and serves them to their replicas (Docs/FORMAT.md §7).
@main
struct AbriHubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abri-hub",
        abstract: "Keep Abri vaults' rows in PostgreSQL and serve them to their replicas.",
        subcommands: [Migrate.self, Serve.self]
    )
}

/// The PostgreSQL database, for every subcommand.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: "The PostgreSQL database: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=require].")
    var database: String

    func url() throws -> DatabaseURL {
        do {
            return try DatabaseURL(parsing: database)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// The exit codes of `abri-hub` (sysexits.h).
enum HubExit {
    static let unavailable = ExitCode(69)
    static let tempFail = ExitCode(75)
}
