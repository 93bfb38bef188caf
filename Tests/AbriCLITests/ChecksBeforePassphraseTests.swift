import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Every refusal that needs no secret comes before the passphrase: the passphrase file is a FIFO, and the test
/// sees whether the command opened it.
@Suite struct ChecksBeforePassphraseTests {
    /// A passphrase "file" that is a FIFO: a thread waits to write the passphrase into it. A command that opens it
    /// reads the passphrase and leaves the pipe empty; one that never opens it leaves the passphrase for the test to
    /// read back. So `wasRead()` tells, after the command ended, whether the passphrase was asked for.
    final class PassphraseWatch: @unchecked Sendable {
        let path: String
        private let written = DispatchSemaphore(value: 0)

        init(path: String, passphrase: String) throws {
            self.path = path
            signal(SIGPIPE, SIG_IGN)
            guard mkfifo(path, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
            let line = Array((passphrase + "\n").utf8)
            Thread.detachNewThread { [written] in
                let fd = open(path, O_WRONLY | O_CLOEXEC)
                if fd >= 0 {
                    _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                    close(fd)
                }
                written.signal()
            }
        }

        /// Whether a command opened the FIFO; call once, after the command ended.
        func wasRead() -> Bool {
            let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            written.wait()
            var buffer = [UInt8](repeating: 0, count: 512)
            let count = fd >= 0 ? read(fd, &buffer, buffer.count) : -1
            if fd >= 0 { close(fd) }
            return count <= 0
        }
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var name: String
        var status: Int32
        var actor: Story.Actor
        var arguments: [String]
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "an unknown flag", status: 64, actor: .ines, arguments: ["open", "$CASE", "--bogus"]),
        Refusal(name: "a deposit to another partner without consent", status: 64, actor: .alice,
                arguments: ["deposit", "$REPORT", "--to", "cidff-62"]),
        Refusal(name: "a share without consent", status: 64, actor: .alice, arguments: ["share", "$CASE", "--to", "cidff-62"]),
        Refusal(name: "a reveal without a purpose", status: 64, actor: .ines, arguments: ["open", "$CASE", "--reveal"]),
        Refusal(name: "a missing report", status: 66, actor: .alice, arguments: ["deposit", "$HOME/absent.json"]),
        Refusal(name: "a missing attachment", status: 66, actor: .alice,
                arguments: ["deposit", "$REPORT", "--attach", "$HOME/absent.pdf"]),
        Refusal(name: "a missing attachment on add", status: 66, actor: .ines,
                arguments: ["add", "$CASE", "$NOTE", "--attach", "$HOME/absent.pdf"]),
        Refusal(name: "a missing bundle", status: 66, actor: .ines, arguments: ["import", "$HOME/absent.abri"]),
        Refusal(name: "a damaged bundle", status: 65, actor: .ines, arguments: ["import", "$HOME/damaged.abri"]),
        Refusal(name: "an unknown partner on deposit", status: 64, actor: .alice,
                arguments: ["deposit", "$REPORT", "--to", "nobody", "--consent", "c"]),
        Refusal(name: "an unknown partner on share", status: 64, actor: .alice,
                arguments: ["share", "$CASE", "--locating-to", "nobody", "--consent", "c"]),
        Refusal(name: "an unknown partner on consent withdraw", status: 64, actor: .alice,
                arguments: ["consent", "withdraw", "$CASE", "--from", "nobody", "--yes"]),
        Refusal(name: "the address to a never-locating partner", status: 77, actor: .alice,
                arguments: ["share", "$CASE", "--locating-to", "foh-tenancy", "--consent", "c"]),
        Refusal(name: "an unknown member", status: 64, actor: .admin, arguments: ["member", "remove", "cidff-62", "nobody", "--yes"]),
        Refusal(name: "the last member of a partner", status: 77, actor: .admin,
                arguments: ["member", "remove", "cidff-62", "ines", "--yes"]),
        Refusal(name: "a mistyped case id", status: 64, actor: .ines, arguments: ["open", "not-a-case"]),
        Refusal(name: "the administrator opening a case", status: 77, actor: .admin, arguments: ["open", "$CASE"]),
        Refusal(name: "a member acting as the administrator", status: 77, actor: .alice, arguments: ["shred", "$CASE", "--yes"]),
        Refusal(name: "a missing attachments folder", status: 73, actor: .ines,
                arguments: ["open", "$CASE", "--attachments", "$HOME/absent"]),
    ]

    @Test(arguments: refusals)
    func refusedWithoutAskingThePassphrase(_ refusal: Refusal) throws {
        let story = try Story()
        let report = try story.write("report.json", Story.report)
        let note = try story.write("note.json", #"{"type": "note", "household": "FOH-2021-000123", "notes": "rappel"}"#)
        _ = try story.write("damaged.abri", "ABRI-BUNDLE but not really one\n")
        let arguments = refusal.arguments.map {
            $0.replacingOccurrences(of: "$CASE", with: story.caseID).replacingOccurrences(of: "$REPORT", with: report)
                .replacingOccurrences(of: "$NOTE", with: note).replacingOccurrences(of: "$HOME", with: story.cli.home.path)
        }
        let watch = try PassphraseWatch(path: story.file("passphrase.fifo"), passphrase: story.cli.passphrase)
        let result = try story.abri(arguments, as: refusal.actor, environment: ["ABRI_PASSPHRASE_FILE": watch.path])
        let read = watch.wasRead()
        #expect(result.status == refusal.status, "\(refusal.name): \(result)")
        #expect(!read, "\(refusal.name): the passphrase was read before the refusal: \(result)")
    }

    /// The watch can fail: a command that needs the passphrase reads it.
    @Test func theWatchSeesAPassphraseRead() throws {
        let story = try Story()
        let watch = try PassphraseWatch(path: story.file("passphrase.fifo"), passphrase: story.cli.passphrase)
        let result = try story.abri(["cases"], as: .ines, environment: ["ABRI_PASSPHRASE_FILE": watch.path])
        #expect(result.status == 0, "\(result)")
        #expect(watch.wasRead())
    }
}
