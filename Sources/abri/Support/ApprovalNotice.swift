import AbriVault
import Foundation

/// The one line on stderr that tells an approved member that a newcomer of their partner waits for their
/// approval: said after the command succeeded, never on stdout, so `--json` stays one document.
enum ApprovalNotice {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var sessions: [MemberSession] = []

    /// Remembers a member session of this command, whose partner's newcomers are announced at the end.
    static func track(_ session: MemberSession) -> MemberSession {
        lock.lock(); defer { lock.unlock() }
        sessions.append(session)
        return session
    }

    /// Prints the line, once, when a session of this command found newcomers waiting.
    static func say() {
        lock.lock(); defer { lock.unlock() }
        guard let session = sessions.first(where: { !$0.awaitingApproval.isEmpty }),
              let partner = session.handle?.split(separator: "/").first.map(String.init) else { return }
        let names = session.awaitingApproval
        let command = "abri member approve \(partner) \(names.count == 1 ? quoted(names[0]) : "NAME")"
        Output.say(tr("Awaiting approval at %@: %@ (compare their fingerprint, then run `%@`).",
                      partner, names.joined(separator: ", "), command))
    }

    private static func quoted(_ name: String) -> String {
        name.contains(where: { $0 == " " || $0 == "'" || $0 == "\"" }) ? "\"\(name)\"" : name
    }
}
