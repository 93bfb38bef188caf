import Foundation
import Testing

/// `abri demo` plays the whole story on a temporary vault: it succeeds, narrates every step,
/// prints the victim's address only where an entitled adviser reveals it, and leaves no file behind.
struct DemoTests {
    static let headings = [
        "1. The administrator creates the vault and enrols the network",
        "2. Alice (FOH social support) deposits the signalement",
        "3. Inès (CIDFF) opens the case, then reveals the address",
        "4. Tom (FOH tenancy) looks for the case",
        "5. Rehousing with Bailleur B",
        "6. The access log",
        "7. Inès leaves the CIDFF",
        "8. Retention: the administrator shreds a test case",
        "In short",
    ]

    static let frenchHeadings = [
        "1. L'administrateur crée le coffre et enrôle le réseau",
        "2. Alice (accompagnement social de FOH) dépose le signalement",
        "3. Inès (CIDFF) ouvre le dossier, puis révèle l'adresse",
        "4. Tom (gestion locative de FOH) cherche le dossier",
        "5. Relogement chez Bailleur B",
        "6. Le journal des accès",
        "7. Inès quitte le CIDFF",
        "8. Conservation : l'administrateur détruit un dossier de test",
        "En bref",
    ]

    /// Runs the demo in `language` (a `LANG` value) and checks what holds in every language: it succeeds, plays
    /// every step in order, prints the address only in the reveal step, uses no colour off a terminal and leaves
    /// nothing behind.
    func play(headings: [String], language: String) throws -> CLI.Result {
        let cli = try CLI()
        let scratch = try TempDir("abri-demo-tmp")
        let result = try cli.run(["demo"], environment: ["TMPDIR": scratch.path, "LANG": language, "LC_ALL": nil, "LC_MESSAGES": nil],
                                 timeout: 300)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")

        // Every step, in order.
        var positions: [String.Index] = []
        for heading in headings {
            let range = result.stdout.range(of: heading)
            #expect(range != nil, "missing heading \(heading)")
            if let range { positions.append(range.lowerBound) }
        }
        #expect(positions == positions.sorted(), "the steps are out of order")

        // The address appears once, in the reveal step (step 3); the phone too; the new address never.
        let address = "12 rue des Tilleuls"
        #expect(result.stdout.components(separatedBy: address).count - 1 == 1, "\(result)")
        #expect(result.stdout.components(separatedBy: "+33 6 12 34 56 78").count - 1 == 1, "\(result)")
        #expect(!result.stdout.contains("allée des Roses") && !result.stdout.contains("Lille"), "\(result)")
        if let at = result.stdout.range(of: address)?.lowerBound,
           let step3 = result.stdout.range(of: headings[2])?.lowerBound,
           let step4 = result.stdout.range(of: headings[3])?.lowerBound {
            #expect(step3 < at && at < step4, "the address is printed outside the reveal step")
        }

        // No colour when stderr is not a terminal.
        #expect(!result.stdout.contains("\u{1B}["))

        // Nothing left in its temporary directory.
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
        #expect(left.isEmpty, "left behind: \(left)")
        return result
    }

    @Test func playsTheWholeStoryAndCleansUp() throws {
        let result = try play(headings: Self.headings, language: "en_GB.UTF-8")

        // The tenancy unit's refusal reads like an unknown case; the log verifies.
        #expect(result.stdout.contains("no case with that id is open to you"))
        #expect(result.stdout.contains("The log checks out"))
        // Log lines and records read as `abri log` and `abri open` print them.
        #expect(result.stdout.contains("  reveal  cidff-62/ines  "), "\(result)")
        #expect(result.stdout.contains("locating part: masked"), "\(result)")
        #expect(result.stdout.contains("1 grant re-sealed"), "\(result)")
        #expect(!result.stdout.contains("En bref") && !result.stdout.contains("motif :"), "\(result)")
    }

    @Test func tellsTheStoryInFrench() throws {
        let result = try play(headings: Self.frenchHeadings, language: "fr_FR.UTF-8")

        // The same checks, in the words of `abri open`, `abri log`, `abri cases` and `abri verify`.
        #expect(result.stdout.contains("aucun dossier portant cet identifiant ne vous est ouvert"), "\(result)")
        #expect(result.stdout.contains("Le journal est intact"), "\(result)")
        #expect(result.stdout.contains("  consultation de l'adresse  cidff-62/ines  "), "\(result)")
        #expect(result.stdout.contains("partie localisante : masquée"), "\(result)")
        #expect(result.stdout.contains("1 accès re-scellé "), "\(result)")
        #expect(result.stdout.contains("(accès au droit)") && !result.stdout.contains("legal-aid"), "\(result)")
        // A time reads « 1 déc. 2026, 18:02 », never `2026-12-01T17:02:18Z`.
        #expect(result.stdout.range(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"#, options: .regularExpression) == nil, "\(result)")

        // No English word left in the narration.
        let english = FrenchTests.proseWords(result.stdout).filter { FrenchTests.englishWords.contains($0) }
        #expect(english.isEmpty, "English words \(Set(english).sorted()) in\n\(result.stdout)")
        // A French colon never starts a line.
        #expect(!result.stdout.split(separator: "\n").contains { $0.hasPrefix(":") }, "\(result)")
    }
}
