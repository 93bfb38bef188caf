import AbriVault

/// What the person already gave this command, kept in memory for the runs that follow a hub conflict (Runner): a
/// command that runs again after a pull neither asks the passphrase twice, nor reopens the editor, nor asks its
/// question again, nor finds standard input already read. Nothing of it outlives the process.
enum Rerun {
    nonisolated(unsafe) private static var identities: [String: Held] = [:]
    nonisolated(unsafe) private static var confirmed: Set<String> = []
    nonisolated(unsafe) private static var standardInput: [UInt8]?
    nonisolated(unsafe) private static var edited: Report?

    /// The identity unlocked from `path` by an earlier run, else `unlock()`'s, kept for the next.
    static func identity(_ path: String, unlock: () throws -> Identity) throws -> Identity {
        if let held = identities[path] { return held.identity.sameKeys() }
        let held = Held(try unlock())
        identities[path] = held
        return held.identity.sameKeys()
    }

    /// Asks `question` through `ask` unless an earlier run had it confirmed.
    static func confirm(_ question: String, ask: () throws -> Void) throws {
        guard !confirmed.contains(question) else { return }
        try ask()
        confirmed.insert(question)
    }

    /// Standard input, read once.
    static func readStandardInput(_ read: () -> [UInt8]) -> [UInt8] {
        if let standardInput { return standardInput }
        let bytes = read()
        standardInput = bytes
        return bytes
    }

    /// The report written in the editor by an earlier run, else `write()`'s, kept for the next.
    static func editedReport(_ write: () throws -> Report) throws -> Report {
        if let edited { return edited }
        let report = try write()
        edited = report
        return report
    }
}

/// An unlocked identity, held for the runs that follow.
private final class Held {
    let identity: Identity

    init(_ identity: consuming Identity) {
        self.identity = identity
    }
}
