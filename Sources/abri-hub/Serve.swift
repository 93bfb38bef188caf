import AbriHub
import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// `abri-hub serve`: answers the requests of FORMAT §7.2 until stopped.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the hub protocol (HTTPS, or plain HTTP on a loopback address).")

    @OptionGroup var database: DatabaseOption

    @Option(name: .long, help: "The address to listen on, HOST:PORT (port 0: any free port, printed at start).")
    var listen: String

    @Option(name: .long, help: "The TLS certificate chain, a PEM file.")
    var tlsCert: String?

    @Option(name: .long, help: "The TLS private key, a PEM file.")
    var tlsKey: String?

    @Option(name: .long, help: ArgumentHelp("The budget of one feed page, in bytes.", visibility: .hidden))
    var pageBytes: Int = 8 << 20

    func validate() throws {
        let address: ListenAddress
        do {
            address = try ListenAddress(parsing: listen)
        } catch {
            throw ValidationError(error.description)
        }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
        if tlsCert == nil, !address.isLoopback {
            throw ValidationError("plain HTTP is served on a loopback address only: give --tls-cert and --tls-key, "
                + "or listen on 127.0.0.1 behind a TLS proxy")
        }
        guard pageBytes >= 1 else { throw ValidationError("--page-bytes is at least 1") }
    }

    func run() async throws {
        let url = try database.url()
        let store = HubStore(database: url)
        try await Reachability.check(store, database: url)
        let migrated = await withTaskGroup(of: Bool?.self) { group in
            group.addTask { await store.run(); return nil }
            defer { group.cancelAll() }
            return (try? await store.isMigrated()) ?? false
        }
        guard migrated else {
            Reachability.say("abri-hub: the database \(url) has no hub schema (run `abri-hub migrate --database …` first)")
            throw HubExit.unavailable
        }
        var server = HubServer(listen: try ListenAddress(parsing: listen),
                               tls: tlsCert.flatMap { cert in tlsKey.map { HubServer.TLSFiles(certificate: cert, key: $0) } })
        server.pageBytes = pageBytes
        try await server.run(store: HubStore(database: url)) { address in
            print("abri-hub: listening on \(address)")
            // The line is what a supervisor (or a test) waits for: it leaves now, not when a buffer fills.
            fflush(nil)
        }
    }
}
