import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore

/// The hub's HTTP server: the routes of FORMAT §7.2 over a `HubStore`.
public struct HubServer: Sendable {
    /// The TLS certificate chain and key, PEM files.
    public struct TLSFiles: Sendable {
        public var certificate: String
        public var key: String

        public init(certificate: String, key: String) {
            self.certificate = certificate
            self.key = key
        }
    }

    public var listen: ListenAddress
    public var tls: TLSFiles?
    /// The budget of one feed page (FORMAT §7.2: about 8 MiB).
    public var pageBytes = 8 << 20
    /// The largest request body read.
    public var maxBodyBytes = 512 << 20

    public init(listen: ListenAddress, tls: TLSFiles?) {
        self.listen = listen
        self.tls = tls
    }

    /// Serves until the process is stopped; `onListening` receives the address bound (`HOST:PORT`, the port chosen
    /// when 0 was asked).
    public func run(store: HubStore, onListening: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "abri-hub")
        // No request log: only what stops the server is reported.
        logger.logLevel = .critical
        let router = HubRouter.make(HubContext(store: store, pageBytes: pageBytes, maxBodyBytes: maxBodyBytes))
        let server: HTTPServerBuilder
        if let tls {
            let chain = try NIOSSLCertificate.fromPEMFile(tls.certificate)
            let key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
            let configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                         privateKey: .privateKey(key))
            server = try .tls(.http1(), tlsConfiguration: configuration)
        } else {
            server = .http1()
        }
        let host = listen.host
        let app = Application(
            router: router,
            server: server,
            configuration: ApplicationConfiguration(address: .hostname(listen.host, port: listen.port), serverName: nil),
            services: [store.service],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                onListening(host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)")
            },
            logger: logger
        )
        try await app.runService()
    }
}
