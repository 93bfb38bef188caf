import AbriCrypto
@testable import AbriVault
import Foundation
import Testing

/// Attachments kept in segments, in files beside the vault (Docs/FORMAT.md §3.5).
@Suite(.serialized)
struct AttachmentStorageTests {
    typealias Lab = PropertyTests.Lab

    func deposit(_ bytes: [UInt8], in lab: Lab, name: String = "scan.pdf") throws -> CaseID {
        let file = lab.directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let report = try Report(json: Data(#"{"type": "signalement", "household": "FOH-1", "facts": "faits"}"#.utf8), source: "r", use: .newCase)
        return try #require(try lab.member("foh-social").deposit(
            [report], attachments: [AttachmentSource(path: file, compartment: .general)],
            recipients: Recipients(), consent: nil).first?.caseID)
    }

    func open(_ caseID: CaseID, in lab: Lab) throws -> [UInt8] {
        let output = lab.directory + "/out-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        _ = try lab.member("foh-social").open(caseID, reveal: false, purpose: nil, attachmentsDirectory: output)
        let names = try FileManager.default.contentsOfDirectory(atPath: output)
        try #require(names.count == 1)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: output + "/" + names[0])))
    }

    func folder(_ lab: Lab) -> String { lab.vault.store.path + "-attachments" }

    func files(_ lab: Lab) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder(lab)).sorted()
    }

    /// Sizes on every edge of a chunk and of a segment come back byte for byte, from a file of the stated length.
    @Test(arguments: [0, 1, 65_535, 65_536, 65_537, 2 * 1_048_576 - 1, 2 * 1_048_576, 2 * 1_048_576 + 1, 5 * 1_048_576 + 12_345])
    func everySizeComesBackWhole(size: Int) throws {
        let lab = try Lab()
        let bytes = Random.bytes(size)
        let caseID = try deposit(bytes, in: lab)
        #expect(try open(caseID, in: lab) == bytes)
        let names = try files(lab)
        try #require(names.count == 1)
        let stored = try FileManager.default.attributesOfItem(atPath: folder(lab) + "/" + names[0])
        let chunks = AttachmentLayout.chunks(forSize: size)
        #expect(stored[.size] as? Int == AttachmentLayout.sealedBytes(chunks: chunks))
        #expect(stored[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: folder(lab))[.posixPermissions] as? Int == 0o700)
    }

    /// Segments are bound to their place and their attachment: swapped, or taken from another attachment, they fail.
    @Test func aSegmentMovedOrBorrowedIsRefused() throws {
        let lab = try Lab()
        let size = 3 * 1_048_576 // two segments: one full, one of 16 chunks
        let first = try deposit(Random.bytes(size), in: lab, name: "a.pdf")
        let firstFile = try #require(try files(lab).first)
        let second = try deposit(Random.bytes(size), in: lab, name: "b.pdf")
        let secondFile = try #require(try files(lab).first { $0 != firstFile })
        let full = AttachmentLayout.sealedSegment
        var a = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder(lab) + "/" + firstFile)))
        let b = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder(lab) + "/" + secondFile)))
        // Segment 0 of the second attachment in place of the first one's.
        a.replaceSubrange(0..<full, with: b[0..<full])
        try Data(a).write(to: URL(fileURLWithPath: folder(lab) + "/" + firstFile))
        #expect(throws: AbriError.self) { try open(first, in: lab) }
        // The second attachment's two segments' headers swapped with their first chunks: still refused.
        var swapped = b
        swapped.replaceSubrange(0..<24, with: b[full..<(full + 24)])
        swapped.replaceSubrange(full..<(full + 24), with: b[0..<24])
        try Data(swapped).write(to: URL(fileURLWithPath: folder(lab) + "/" + secondFile))
        #expect(throws: AbriError.self) { try open(second, in: lab) }
    }

    /// A file no row names is what a killed command left: the next deposit with an attachment removes it,
    /// and leaves alone any file that is not named like a blob.
    @Test func leftoversOfAKilledCommandAreSweptAtTheNextDeposit() throws {
        let lab = try Lab()
        let kept = try deposit(Random.bytes(1000), in: lab)
        let orphan = folder(lab) + "/" + String(repeating: "ab", count: 16)
        let stranger = folder(lab) + "/notes.txt"
        try Data(Random.bytes(5000)).write(to: URL(fileURLWithPath: orphan))
        try Data("notes".utf8).write(to: URL(fileURLWithPath: stranger))
        _ = try deposit(Random.bytes(1000), in: lab, name: "second.pdf")
        #expect(!FileManager.default.fileExists(atPath: orphan))
        #expect(FileManager.default.fileExists(atPath: stranger))
        #expect(try files(lab).count == 3)
        #expect(try open(kept, in: lab).count == 1000)
    }

    /// The layout's arithmetic, on the figures FORMAT.md gives.
    @Test func theLayoutMatchesTheSpecification() {
        #expect(AttachmentLayout.sealedSegment == 24 + 32 * 65_553)
        #expect(AttachmentLayout.chunks(forSize: 0) == 1)
        #expect(AttachmentLayout.chunks(forSize: 65_537) == 2)
        #expect(AttachmentLayout.segments(chunks: 33) == 2)
        #expect(AttachmentLayout.sealedBytes(chunks: 33) == 2 * 24 + 33 * 65_553)
        #expect(AttachmentLayout.sealedSize(segment: 1, of: 33) == 24 + 65_553)
    }
}
