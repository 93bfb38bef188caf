import AbriPublic
import Logging
import NIOCore
import PostgresNIO

/// The hub's PostgreSQL store (FORMAT §7.5): one pool of connections, and every read or write of a request in one
/// transaction of its own.
public final class HubStore: Sendable {
    let client: PostgresClient
    let logger: Logger
    private let database: DatabaseURL

    /// A store on `database`; `run()` must run (in a task, or as a service) while it is used.
    public init(database: DatabaseURL) {
        var logger = Logger(label: "abri-hub.database")
        // The database's messages can quote statements' parameters: only errors that stop the hub are logged.
        logger.logLevel = .critical
        self.logger = logger
        self.database = database
        client = PostgresClient(configuration: database.clientConfiguration, backgroundLogger: logger)
    }

    /// Runs the pool until the task is cancelled.
    public func run() async { await client.run() }

    /// The pool, as a service of the HTTP application.
    var service: PostgresClient { client }

    /// Opens one connection and closes it, so that an unreachable database is found at start (exit 69), not at the
    /// first request.
    public func checkReachable() async throws {
        var configuration = PostgresConnection.Configuration(
            host: database.host, port: database.port, username: database.username, password: database.password,
            database: database.database, tls: database.requireTLS ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable
        )
        configuration.options.connectTimeout = .seconds(10)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        try await connection.close()
    }

    /// Creates the schema, or does nothing when it is there.
    public func migrate() async throws {
        try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(HubSchema.advisoryLock))", logger: self.logger)
            for statement in HubSchema.statements {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
            }
        }
    }

    /// True when `migrate` has run on this database.
    public func isMigrated() async throws -> Bool {
        let rows = try await client.query("SELECT to_regclass('public.rows') IS NOT NULL AND to_regclass('public.vaults') IS NOT NULL",
                                          logger: logger)
        for try await migrated in rows.decode(Bool.self) { return migrated }
        return false
    }

    /// Runs `body` in one transaction, begun with `begin`: committed when it returns, rolled back when it throws, and
    /// its error rethrown as it was (a `HubFailure` stays one).
    func transaction<Result: Sendable>(
        _ begin: PostgresQuery = "BEGIN", _ body: @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await client.withConnection { connection in
            try await connection.query(begin, logger: self.logger)
            let result: Result
            do {
                result = try await body(connection)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: self.logger)
                throw error
            }
            try await connection.query("COMMIT", logger: self.logger)
            return result
        }
    }
}

extension [UInt8] {
    /// The bytes as a bytea parameter.
    var bytea: ByteBuffer { ByteBuffer(bytes: self) }
}

extension ByteBuffer {
    /// A bytea column's bytes.
    var bytes: [UInt8] { Array(readableBytesView) }
}
