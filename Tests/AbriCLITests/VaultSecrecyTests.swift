import AbriVault
import Foundation
import Testing

/// What someone with the vault's files, or with the outputs of commands not entitled to a
/// locating field, can learn: nothing of the report, in any of the usual encodings.
@Suite struct VaultSecrecyTests {
    /// The strings that must not be in the store, in any form.
    static let storeSecrets = [Story.address, Story.phone, Story.victimName, Story.facts, Story.household,
                               Story.otherHousehold, Story.newAddress, "bail signé", Story.consent, "recepisse.pdf"]

    private func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func theVaultFilesHoldNoSecretInAnyEncoding() throws {
        let story = try Story.played()
        // Copy the vault, its WAL and shared memory as they are between two commands.
        var files: [(String, [UInt8])] = []
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: story.vault + suffix) {
            files.append(("vault.db" + suffix, try bytes(story.vault + suffix)))
        }
        #expect(files.count >= 1)
        for path in story.attachmentFiles() { files.append(((path as NSString).lastPathComponent, try bytes(path))) }
        files.append(("backup.db", try bytes(story.file("backup.db"))))
        for (name, content) in files {
            for secret in Self.storeSecrets {
                let forms = Encodings.found(secret, in: content)
                #expect(forms.isEmpty, "\(name) holds \"\(secret)\" as \(forms)")
            }
        }
        // The attachment's bytes are not in the store either (a 64-byte window from its middle).
        let window = Array(story.attachment[150_000..<150_064])
        for (name, content) in files { #expect(!content.contains(subsequence: window), "\(name) holds the attachment in clear") }
    }

    @Test func nothingAbriWritesOutsideTheVaultHoldsASecret() throws {
        var story = try Story()
        let tmp = story.file("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        story.cli.environment["TMPDIR"] = tmp
        try story.playFull()
        // The state, cache and config folders, and the temporary directory.
        for folder in ["state", "cache", "config", "tmp"] {
            let root = story.file(folder)
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            for case let relative as String in walker {
                let path = root + "/" + relative
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                let content = try bytes(path)
                for secret in Self.storeSecrets {
                    #expect(Encodings.found(secret, in: content).isEmpty, "\(folder)/\(relative) holds \(secret)")
                }
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty, "temporary files left behind")
    }

    @Test func commandsNotEntitledToALocatingFieldNeverPrintOne() throws {
        let story = try Story.played()
        // More refusals and errors, to cover the error paths too.
        try story.abri(["open", story.caseID, "--reveal"], as: .ines)        // no purpose: allowed or 64
        try story.abri(["consent", "withdraw", story.caseID, "--from", "foh-social", "--yes"], as: .tom)
        try story.abri(["shred", story.caseID], as: .alice)
        try story.abri(["verify", "--json"], as: nil)
        let entries = story.transcript.entries
        #expect(entries.count > 40)
        var checked = 0
        for entry in entries {
            let revealed = entry.arguments.contains("--reveal") && entry.actor != .tom
            guard !revealed else { continue }
            checked += 1
            let output = Array((entry.result.stdout + entry.result.stderr).utf8)
            for secret in Story.locatingSecrets {
                let forms = Encodings.found(secret, in: output)
                #expect(forms.isEmpty, "abri \(entry.arguments.joined(separator: " ")) as \(entry.actor?.rawValue ?? "-") printed \(secret) as \(forms)")
            }
        }
        #expect(checked > 30)
        // tom's commands print not even the report's general part.
        for entry in entries where entry.actor == .tom {
            let output = entry.result.stdout + entry.result.stderr
            for secret in [Story.victimName, Story.facts, Story.newAddress, "bail signé"] {
                #expect(!output.contains(secret), "tom's \(entry.arguments.joined(separator: " ")) printed \(secret)")
            }
        }
    }

    @Test func theAdministratorCannotReadTheReportThroughAnyCommand() throws {
        let story = try Story.played()
        let runs = [["open", story.caseID], ["open", story.caseID, "--reveal", "--purpose", "contrôle"],
                    ["log", "--json"], ["log", "--case", story.caseID, "--json"], ["cases", "--json"],
                    ["cases", "--household", Story.household, "--json"], ["partner", "list", "--json"]]
        for arguments in runs {
            let result = try story.abri(arguments, as: .admin)
            for secret in Story.locatingSecrets + [Story.victimName, Story.facts] {
                #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "admin's \(arguments): \(secret)")
            }
        }
    }

    @Test func shreddingLeavesNoCopyOfTheCiphertextsInTheVaultFiles() throws {
        let story = try Story()
        try story.shareWithBailleurB()
        try story.addRehousing()
        // 48-byte windows from the middle of every stored ciphertext of the case.
        let hex = try SQLite.query(story.vault, """
            SELECT hex(substr(general, length(general) / 2, 48)) FROM records;
            SELECT hex(substr(locating, length(locating) / 2, 48)) FROM records;
            """).split(separator: "\n").map(String.init)
        #expect(hex.count >= 4)
        var windows: [[UInt8]] = hex.map { line in
            stride(from: 0, to: line.count, by: 2).map { offset in
                let start = line.index(line.startIndex, offsetBy: offset)
                return UInt8(line[start..<line.index(start, offsetBy: 2)], radix: 16)!
            }
        }
        let files = story.attachmentFiles()
        #expect(files.count == 1)
        for path in files {
            let content = try bytes(path)
            windows.append(Array(content[(content.count / 2)..<(content.count / 2 + 48)]))
        }
        try story.must(["shred", story.caseID, "--yes"], as: .admin)
        #expect(story.attachmentFiles().isEmpty, "an attachment file outlived its shredded case")
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: story.vault + suffix) {
            let content = try bytes(story.vault + suffix)
            for window in windows {
                #expect(!content.contains(subsequence: window), "vault.db\(suffix) still holds a shredded ciphertext")
            }
        }
    }

    /// Sign, then encrypt: with every member's public key, the rows of records, grants and the log
    /// name no author, actor or recipient, neither by key nor by name.
    @Test func theStoreNamesNoAuthorActorOrRecipient() throws {
        let story = try Story.played()
        let dump = try SQLite.query(story.vault, """
            SELECT hex(id) || hex(case_id) || hex(general) || hex(locating) FROM records;
            SELECT hex(locator) || hex(holder) || hex(coalesce(blind, x'')) || hex(box) FROM grants;
            SELECT hex(box) FROM inbox;
            SELECT hex(entry) FROM log;
            SELECT hex(tag) FROM log_tags;
            SELECT hex(id) || hex(case_key) FROM cases;
            SELECT hex(data) FROM chunks;
            """).uppercased() + (try story.attachmentFiles().map { try bytes($0).map { String(format: "%02X", $0) }.joined() }.joined())
        #expect(dump.count > 1000)
        for actor in Story.Actor.allCases {
            let identity = try PublicIdentity(parsing: try story.line(actor))
            for key in [identity.signingPublicKey, identity.boxPublicKey] {
                let hex = key.map { String(format: "%02X", $0) }.joined()
                #expect(!dump.contains(hex), "\(actor)'s public key is in the store's rows")
            }
            // Short names could match random ciphertext by chance; the partner ids below cover every handle.
            if actor.rawValue.count >= 4 {
                let name = Array(actor.rawValue.utf8).map { String(format: "%02X", $0) }.joined()
                #expect(!dump.contains(name), "\(actor)'s name is in the store's rows")
            }
        }
        for partner in ["cidff-62", "bailleur-b", "foh-social", "foh-tenancy"] {
            let hex = Array(partner.utf8).map { String(format: "%02X", $0) }.joined()
            #expect(!dump.contains(hex), "\(partner) is named in the store's rows")
        }
    }
}
