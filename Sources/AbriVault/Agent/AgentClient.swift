public import AbriCrypto
import Foundation
#if canImport(Glibc)
import Glibc
public import AbriPublic
#endif

/// A command's side of the agent: performs an identity's secret-key operations by asking the agent that holds it.
///
/// Every request opens its own connection and checks, before sending anything, that the folder and the socket are
/// private to this user and that the kernel says the agent runs as this user (`SO_PEERCRED`).
public final class AgentClient: IdentityKeys {
    /// The agent's socket.
    public let path: String

    private init(path: String) {
        self.path = path
    }

    /// The agent that holds `identity` under `directory`, when one runs and answers with that very identity; nil
    /// otherwise (the command then asks for the passphrase: a missing agent is never an error).
    public static func connect(directory: String, identity: PublicIdentity) -> AgentClient? {
        let client = AgentClient(path: AgentSocket.path(in: directory, for: identity))
        guard AgentSocket.isPrivateDirectory(directory),
              let hello = try? client.request(.hello, payload: []),
              let keys = try? hello.withUnsafeBytes({ Array($0) }),
              keys == identity.boxPublicKey + identity.signingPublicKey else { return nil }
        return client
    }

    /// Asks the agent to wipe its keys and exit; whether one was there to ask.
    public static func stop(path: String) -> Bool {
        (try? AgentClient(path: path).request(.stop, payload: [])) != nil
    }

    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        try request(.sign, payload: message).withUnsafeBytes { Array($0) }
    }

    public func openSealed(_ box: [UInt8]) throws -> SecureBytes {
        do {
            return try request(.openSealed, payload: box)
        } catch AgentRefusal.refused {
            throw AbriCryptoError.authenticationFailed
        }
    }

    public func sharedKey(with publicKey: [UInt8]) throws -> SecureBytes {
        do {
            return try request(.sharedKey, payload: publicKey)
        } catch AgentRefusal.refused {
            throw AbriCryptoError.authenticationFailed
        }
    }

    private enum AgentRefusal: Error { case refused }

    /// One connection: send the request, read the reply's payload into secure memory.
    private func request(_ request: AgentFrame.Request, payload: [UInt8]) throws -> SecureBytes {
        let lost = AbriError.io("the agent stopped answering during the command; nothing was written (run it again: it will ask for the passphrase)")
        let directory = (path as NSString).deletingLastPathComponent
        guard AgentSocket.isPrivateDirectory(directory), AgentSocket.isPrivateSocket(path),
              let fd = AgentSocket.connect(path) else { throw lost }
        defer { close(fd) }
        guard AgentSocket.admits(peer: AgentSocket.peerUID(fd)) else { throw lost }
        try AgentFrame.write(fd, code: request.rawValue, payload: payload)
        let (code, length) = try AgentFrame.readHeader(fd)
        guard code == AgentFrame.ok else { throw AgentRefusal.refused }
        guard length > 0 else { return try SecureBytes(count: 0) }
        var reply = try SecureBytes(count: length)
        try reply.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) throws in try AgentFrame.readAll(fd, raw) }
        return reply
    }
}
