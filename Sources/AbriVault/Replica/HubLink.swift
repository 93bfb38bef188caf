public import AbriPublic

/// How a replica reaches its hub: given to the store by the command line, which knows the network (AbriSync), so
/// that the vault itself links no networking code.
public struct HubLink {
    /// Sends `changes` on top of the hub's sequence `base`, signed by `signer`; returns the hub's new sequence.
    /// Throws `HubConflict` when the hub moved on (the command is run again after a pull), an `AbriError` otherwise.
    public let push: (_ base: UInt64, _ changes: [WireChange], _ signer: HubSigner) throws -> UInt64
    /// On a replica that fetches attachments on demand: the sealed segments of one attachment (by its blob id), in
    /// order, nil when the hub holds none (`abri clone --attachments on-demand`, Docs/FORMAT.md §7.5).
    public let fetchAttachment: ((_ blob: [UInt8], _ signer: HubSigner) throws -> [[UInt8]]?)?

    public init(push: @escaping (_ base: UInt64, _ changes: [WireChange], _ signer: HubSigner) throws -> UInt64,
                fetchAttachment: ((_ blob: [UInt8], _ signer: HubSigner) throws -> [[UInt8]]?)? = nil) {
        self.push = push
        self.fetchAttachment = fetchAttachment
    }
}

/// The identity that signs a replica's requests to the hub: the acting member's or administrator's (FORMAT §7.2).
public struct HubSigner {
    /// Its public identity line.
    public let line: String
    /// Signs a request's text.
    public let sign: ([UInt8]) throws -> [UInt8]

    public init(line: String, sign: @escaping ([UInt8]) throws -> [UInt8]) {
        self.line = line
        self.sign = sign
    }
}

/// The hub holds changes this replica has not pulled yet: nothing was written; pull, then run the command again.
public struct HubConflict: Error, Sendable {
    public init() {}
}
