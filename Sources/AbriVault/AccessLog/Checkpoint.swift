import AbriCrypto
import Foundation
public import AbriPublic

/// A checkpoint kept outside the store: the administrator's signature over the note of a head (Docs/FORMAT.md §3.7).
///
/// ```
/// abri.vault/<vault id>
/// <size>
/// <root>
/// <day>
/// roster <version> <hash>
/// previous <size>
///
/// — abri-admin <base64 of the signature>
/// ```
///
/// Whoever writes the store can rewrite everything in it consistently for a machine that never saw the vault; a
/// checkpoint kept elsewhere (on paper, in another system) is what `abri verify --checkpoint` holds the log to.
public struct ExportedCheckpoint: Sendable {
    static let signatureLinePrefix = "— abri-admin "

    let note: HeadNote
    let signature: [UInt8]

    /// Reads and parses a checkpoint file (66 when it cannot be read, 65 when it is not a checkpoint).
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AbriError.noInput("cannot read the checkpoint \(path) (check the path)")
        }
        try self.init(bytes: [UInt8](data), source: path)
    }

    /// Parses a checkpoint file's bytes (65 when they are not a checkpoint); `source` names them in the error.
    init(bytes data: [UInt8], source: String) throws {
        let malformed = AbriError.badData("\(source) is not an abri checkpoint (export one with `abri checkpoint export`)")
        guard data.count < 4096, let text = String(data: Data(data), encoding: .utf8),
              let split = text.range(of: "\n\n", options: .backwards) else { throw malformed }
        let noteText = String(text[..<split.lowerBound]) + "\n"
        let signatureLine = String(text[split.upperBound...])
        let encoded = String(signatureLine.dropFirst(Self.signatureLinePrefix.count).dropLast())
        // Foundation's base64 decoder ignores the unused bits of the last digit: only the signature's own spelling is
        // its line (fuzzing found `…D7==` read as `…Dw==`: FuzzRegression/checkpoint).
        guard signatureLine.hasPrefix(Self.signatureLinePrefix), signatureLine.hasSuffix("\n"),
              let signature = Data(base64Encoded: encoded), signature.count == 64, signature.base64EncodedString() == encoded,
              let note = HeadNote(text: noteText) else { throw malformed }
        self.note = note
        self.signature = Array(signature)
    }

    init(note: HeadNote, signature: [UInt8]) {
        self.note = note
        self.signature = signature
    }

    /// The file's bytes: the note, a blank line, the signature line.
    var bytes: [UInt8] {
        note.text() + Array("\n\(Self.signatureLinePrefix)\(Data(signature).base64EncodedString())\n".utf8)
    }

    /// The size of the log the checkpoint names.
    public var size: Int { note.head.size }
}

extension AdminSession {
    /// Signs the store's latest head (checked as every command checks it) into `path`, created with O_EXCL and
    /// O_NOFOLLOW, mode 0600 (73 when it exists). Nothing is written to the store.
    public func exportCheckpoint(to path: String) throws -> Int {
        let note = try vault.store.read { db -> HeadNote in
            _ = try vault.roster(db)
            guard let head = try AccessLog.latestHead(db, vault: vault) else {
                throw AbriError.usage("the log is empty: there is nothing to checkpoint yet (enrol a partner first)")
            }
            return HeadNote(vaultHex: vault.idHex, head: head.head, day: head.day, binding: head.binding)
        }
        let checkpoint = ExportedCheckpoint(note: note, signature: try identity.sign(note.text()))
        try ExclusiveFile.create(path, contents: checkpoint.bytes, what: "the checkpoint")
        return note.head.size
    }
}
