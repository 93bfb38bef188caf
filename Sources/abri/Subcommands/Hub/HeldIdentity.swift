import AbriVault

/// An unlocked identity kept for the length of one command, so that its requests to the hub can be signed while it
/// stays in secure memory (it is never copied out).
final class HeldIdentity {
    let identity: Identity

    init(_ identity: consuming Identity) {
        self.identity = identity
    }

    var signer: HubSigner {
        HubSigner(line: identity.publicIdentity.line) { [self] in try self.identity.sign($0) }
    }
}
