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

    @Test func playsTheWholeStoryAndCleansUp() throws {
        let cli = try CLI()
        let scratch = try TempDir("abri-demo-tmp")
        let result = try cli.run(["demo"], environment: ["TMPDIR": scratch.path], timeout: 300)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")

        // Every step, in order.
        var positions: [String.Index] = []
        for heading in Self.headings {
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
           let step3 = result.stdout.range(of: Self.headings[2])?.lowerBound,
           let step4 = result.stdout.range(of: Self.headings[3])?.lowerBound {
            #expect(step3 < at && at < step4, "the address is printed outside the reveal step")
        }

        // The tenancy unit's refusal reads like an unknown case; the log verifies.
        #expect(result.stdout.contains("no case with that id is open to you"))
        #expect(result.stdout.contains("The log checks out"))

        // No colour when stderr is not a terminal.
        #expect(!result.stdout.contains("\u{1B}["))

        // Nothing left in its temporary directory.
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
        #expect(left.isEmpty, "left behind: \(left)")
    }
}
