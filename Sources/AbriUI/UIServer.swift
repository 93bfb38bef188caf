import Foundation
import Hummingbird
import Logging
import NIOCore

/// The local web interface: a Hummingbird server on 127.0.0.1 only, for one person at a time.
///
/// The person opens the entry address (a one-time token), which becomes a session cookie; they type their
/// passphrase once in the page; the unlocked identity stays in this process's memory until they sign out or leave
/// the page idle for `idleLimit`, and then a fresh entry address is given. Nothing is written to disk but the vault.
public struct UIServer: Sendable {
    /// The port asked for; 0 lets the system choose a free one.
    public var port: Int
    /// How long an unused session keeps the identity unlocked.
    public var idleLimit: Duration = .seconds(15 * 60)
    /// The largest deposit form the page may send, its attachments included (64 MiB): they are held in memory.
    public var uploadLimit = 64 << 20

    /// A server for `port` on 127.0.0.1.
    public init(port: Int) {
        self.port = port
    }

    /// Serves until SIGINT or SIGTERM. `onEntry` receives each entry address: the first once the server listens,
    /// then a fresh one whenever a session ends (sign-out, idle time).
    public func run(backend: UIBackend, onEntry: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "abri-ui")
        // No request log: the paths hold case ids and the queries household references.
        logger.logLevel = .critical
        let state = UIState(backend: backend, idleLimit: idleLimit, uploadLimit: uploadLimit, onEntry: onEntry)
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in
                await UIResponder.respond(to: request, state: state)
            },
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in
                await state.listening(port: channel.localAddress?.port ?? 0)
            },
            logger: logger
        )
        // The identity is forgotten after the idle time even when no request comes to notice it.
        let watch = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(5))
                await state.endIfIdle()
            }
        }
        defer { watch.cancel() }
        try await app.runService()
        await state.end(reason: nil)
    }
}
