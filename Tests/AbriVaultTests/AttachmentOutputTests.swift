@testable import AbriVault
import Foundation
import Testing

/// `open --attachments DIR` writes names that a record's author chose (or that a forged or imported record carries):
/// `AttachmentOutput.clean` keeps a base name inside the folder, visible and printable, and `plan` keeps each distinct.
struct AttachmentOutputTests {
    @Test(arguments: [
        ("../x", "x"), ("../../etc/passwd", "passwd"), ("a/b", "b"), ("/abs/path.pdf", "path.pdf"),
        ("a\u{0}b", "a_b"), ("pv\u{7}\naudition.pdf", "pv__audition.pdf"), ("a\\b", "a_b"),
        (".bashrc", "bashrc"), ("...hidden", "hidden"), ("..", "attachment"), (".", "attachment"), ("", "attachment"),
        ("x/..", "attachment"),
    ])
    func pathLikeAndControlCharacterNamesAreCleaned(_ name: String, _ expected: String) {
        let cleaned = AttachmentOutput.clean(name)
        #expect(cleaned == expected, "\(name.debugDescription) → \(cleaned.debugDescription)")
        #expect(!cleaned.contains("/") && !cleaned.hasPrefix(".") && !cleaned.isEmpty)
        #expect(!cleaned.unicodeScalars.contains { $0.properties.generalCategory == .control })
    }

    @Test func aLongNameIsCutTo200Characters() {
        #expect(AttachmentOutput.clean(String(repeating: "a", count: 500) + ".pdf").count == 200)
    }

    @Test func repeatedAndCleanedToTheSameNamesGetANumberBeforeTheExtension() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("abri-out-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let infos = ["scan.pdf", "../scan.pdf", "a/scan.pdf", "notes", "notes", ".notes"].map {
            AttachmentInfo(name: $0, size: 1, blob: "", index: 0, chunks: 1)
        }
        let paths = try AttachmentOutput.plan(infos, into: directory)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["scan.pdf", "scan-2.pdf", "scan-3.pdf", "notes", "notes-2", "notes-3"])
        #expect(paths.allSatisfy { ($0 as NSString).deletingLastPathComponent == directory })
    }
}
