import AbriCrypto
import AbriVault
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The agent's own checks, in process: the kernel's word on the peer (`SO_PEERCRED`) decides, on every connection.
struct AgentSocketTests {
    /// Serves a fresh identity in a thread for `owner`; returns the folder, the public identity and the thread's end.
    static func serving(owner: uid_t) throws -> (directory: String, identity: PublicIdentity, done: DispatchSemaphore) {
        let directory = NSTemporaryDirectory() + "abri-agent-\(UUID().uuidString.prefix(8))"
        try AgentSocket.prepareDirectory(directory)
        let identity = try Identity.generate(name: "test")
        let publicIdentity = identity.publicIdentity
        let path = AgentSocket.path(in: directory, for: publicIdentity)
        let socket = try AgentServer.listen(at: path)
        let done = DispatchSemaphore(value: 0)
        let box = IdentityBox(identity)
        Thread.detachNewThread {
            _ = AgentServer.serve(box.take(), socket: socket, path: path, limits: .init(idle: 3), owner: owner)
            done.signal()
        }
        return (directory, publicIdentity, done)
    }

    /// Hands a non-copyable identity to another thread once.
    final class IdentityBox: @unchecked Sendable {
        var identity: Identity?
        init(_ identity: consuming Identity) { self.identity = Optional(identity) }
        func take() -> Identity { identity.take()! }
    }

    @Test func theOwnerIsServedAndSignaturesVerify() throws {
        let (directory, identity, done) = try Self.serving(owner: getuid())
        let client = try #require(AgentClient.connect(directory: directory, identity: identity))
        let message = Array("abri".utf8)
        let signature = try client.sign(message)
        #expect(signature.count == 64)
        let sealed = try SealedBox.seal(Array(repeating: 7, count: 32), to: identity.boxPublicKey)
        let opened = try client.openSealed(sealed)
        #expect(opened.withUnsafeBytes { Array($0) } == Array(repeating: 7, count: 32))
        #expect(AgentClient.stop(path: client.path))
        done.wait()
        #expect(!FileManager.default.fileExists(atPath: client.path))
    }

    @Test func anotherUserIsRefusedOnEveryConnection() throws {
        // The agent believes it belongs to another user: this process, though its files let it in, is that other user
        // to the agent, and the kernel's answer makes it close the connection unanswered.
        let (directory, identity, done) = try Self.serving(owner: getuid() &+ 1)
        #expect(AgentClient.connect(directory: directory, identity: identity) == nil)
        #expect(!AgentClient.stop(path: AgentSocket.path(in: directory, for: identity)))
        done.wait()   // it ends on its idle time, never having served
        #expect(AgentSocket.admits(peer: getuid(), owner: getuid()))
        #expect(!AgentSocket.admits(peer: 0, owner: 1000))
        #expect(!AgentSocket.admits(peer: nil, owner: getuid()))
    }
}
