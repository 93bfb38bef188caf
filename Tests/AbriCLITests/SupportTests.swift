@testable import abri
import Foundation
import AbriCrypto
import Testing

/// The CLI's support code, tested in process: default paths, progress text, error sentences.
struct SupportTests {
    @Test func vaultPathFollowsFlagThenEnvironmentThenXDG() {
        #expect(Paths.vault(explicit: "/v.db", environment: ["ABRI_VAULT": "/e.db"]) == "/v.db")
        #expect(Paths.vault(explicit: nil, environment: ["ABRI_VAULT": "/e.db", "XDG_DATA_HOME": "/x"]) == "/e.db")
        #expect(Paths.vault(explicit: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/abri/vault.db")
        #expect(Paths.vault(explicit: nil, environment: ["HOME": "/h"]) == "/h/.local/share/abri/vault.db")
        // A relative or empty XDG value is ignored, as the specification says.
        #expect(Paths.vault(explicit: nil, environment: ["XDG_DATA_HOME": "rel", "HOME": "/h"]) == "/h/.local/share/abri/vault.db")
        #expect(Paths.vault(explicit: nil, environment: ["ABRI_VAULT": "", "HOME": "/h"]) == "/h/.local/share/abri/vault.db")
    }

    @Test func stateIdentityAndPassphraseFile() {
        #expect(Paths.stateDirectory(environment: ["XDG_STATE_HOME": "/s"]) == "/s/abri")
        #expect(Paths.stateDirectory(environment: ["HOME": "/h"]) == "/h/.local/state/abri")
        #expect(Paths.identity(explicit: nil, environment: ["ABRI_IDENTITY": "/i"]) == "/i")
        #expect(Paths.identity(explicit: "/a", environment: ["ABRI_IDENTITY": "/i"]) == "/a")
        #expect(Paths.identity(explicit: nil, environment: [:]) == nil)
        #expect(Paths.passphraseFile(explicit: nil, environment: ["ABRI_PASSPHRASE_FILE": "/p"]) == "/p")
    }

    @Test func progressLineShowsPercentAndTimeLeftAndRatesOnlyWhenVerbose() {
        let progress = Progress(total: 1000, label: "re-sealing grants", enabled: false)
        progress.advance(by: 250)
        let line = progress.line(elapsed: .seconds(5), language: .english, verbose: false)
        #expect(line.hasPrefix("re-sealing grants ["))
        #expect(line.contains("25%") && line.contains("15s left"), "\(line)")
        #expect(!line.contains("/s") && !line.contains("250/1000"), "\(line)")
        let verbose = progress.line(elapsed: .seconds(5), language: .english, verbose: true)
        #expect(verbose.contains("250/1000") && verbose.contains("50.0/s"), "\(verbose)")
        let french = Progress(total: 1000, label: "re-scellement des accès", enabled: false)
        french.advance(by: 250)
        let frenchLine = french.line(elapsed: .seconds(5), language: .french, verbose: false)
        #expect(frenchLine.contains("25 %") && frenchLine.contains("reste 15 s"), "\(frenchLine)")
        #expect(french.line(elapsed: .seconds(5), language: .french, verbose: true).contains("50,0/s"))
        #expect(Progress.formatDurationFrench(3725) == "1 h 02 min")
        progress.advance(by: 10_000)
        #expect(progress.done == 1000)
        #expect(!progress.line(elapsed: .seconds(10), language: .english).contains("left"))
        #expect(Progress.formatDuration(3725) == "1h02m")
        #expect(Progress.formatDuration(61) == "1m01s")
    }

    @Test func usageMessagesBecomeOneHouseStyleLine() {
        let text = Runner.sentence("Error: Missing expected argument '--out <file>'\nHelp:  --out <file>  The file.\n",
                                   arguments: ["identity", "new", "--name", "x"])
        #expect(text == "missing expected argument '--out <file>' (see `abri identity new --help`)")
        #expect(Runner.commandPath(arguments: ["identity", "show", "new"]) == ["abri", "identity", "show"])
    }
}

/// `abri identity new --generate`: six words of the shipped list, shown on a terminal only.
@Suite struct GeneratedPassphraseTests {
    @Test func theWordListIsLargeUniqueAndEasyToType() {
        let list = FrenchWords.list
        #expect(list.count >= 1296, "at least 10.3 bits a word")
        #expect(Set(list).count == list.count, "each word once")
        #expect(list.allSatisfy { word in (3 ... 10).contains(word.count) && word.allSatisfy { $0.isASCII && $0.isLowercase } })
    }

    @Test func aGeneratedPassphraseIsSixWordsOfTheListAndDiffersEachTime() throws {
        let words = Set(FrenchWords.list)
        var seen = Set<String>()
        for _ in 0 ..< 20 {
            let passphrase = try GeneratedPassphrase.make()
            let text = passphrase.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
            let parts = text.split(separator: " ").map(String.init)
            #expect(parts.count == 6 && parts.allSatisfy(words.contains), "\(parts.count) words")
            #expect(passphrase.withUnsafeBytes { PassphraseStrength.isEnough($0) })
            seen.insert(text)
        }
        #expect(seen.count == 20)
    }

    @Test func generateShowsThePassphraseOnATerminalOnly() throws {
        let cli = try CLI()
        let out = cli.home.file("generated.identity")
        let result = try cli.run(["identity", "new", "--out", out, "--generate"], environment: ["ABRI_PASSPHRASE_FILE": nil])
        #expect(result.status == 64, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let both = try cli.run(["identity", "new", "--out", out, "--generate", "--passphrase-file", cli.passphraseFile])
        #expect(both.status == 64, "\(both)")
    }
}
