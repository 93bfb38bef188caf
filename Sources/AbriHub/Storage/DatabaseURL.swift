import Foundation
import PostgresNIO

/// A `postgres://user[:password]@host[:port]/database[?sslmode=disable|require]` address.
///
/// TLS to the database is off unless `sslmode=require` (the usual deployment puts PostgreSQL on the same host or a
/// private network); a password is taken from the address only, never from a log.
public struct DatabaseURL: Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let username: String
    let password: String?
    public let database: String
    public let requireTLS: Bool

    /// Parses `text`; anything else than the form above is a usage error (64).
    public init(parsing text: String) throws(HubUsageError) {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty, let username = components.user, !username.isEmpty
        else { throw HubUsageError("--database takes postgres://USER@HOST[:PORT]/DATABASE") }
        let database = String(components.path.dropFirst())
        guard !database.isEmpty, !database.contains("/") else { throw HubUsageError("--database names no database") }
        var requireTLS = false
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("sslmode", "disable"): requireTLS = false
            case ("sslmode", "require"): requireTLS = true
            default: throw HubUsageError("--database accepts only sslmode=disable or sslmode=require")
            }
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = username
        self.password = components.password
        self.database = database
        self.requireTLS = requireTLS
    }

    /// The address without its password.
    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)" }

    var clientConfiguration: PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(host: host, port: port, username: username, password: password,
                                                         database: database, tls: requireTLS ? .require(.makeClientConfiguration()) : .disable)
        configuration.options.maximumConnections = 16
        return configuration
    }
}

/// A mistake on the command line (exit 64), with the sentence that says how to put it right.
public struct HubUsageError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
