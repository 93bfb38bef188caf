import Foundation
import Testing

/// `abri cases` says, per case, what a person needs to choose one: household, records, dates, open or closed, the
/// consent the caller's partner holds it under and the partners it granted; the most recently active first.
struct CaseListTests {
    func cases(_ story: Story, as actor: Story.Actor, _ extra: [String] = []) throws -> [[String: Any]] {
        let json = try story.json(["cases", "--vault", story.vault] + extra, as: actor)
        return try #require(json["cases"] as? [[String: Any]])
    }

    @Test func eachCaseShowsDatesStatusConsentAndGrantsWithinNeedToKnow() throws {
        let story = try Story()
        let vault = ["--vault", story.vault]
        try story.must(["share", story.caseID, "--to", "bailleur-b", "--consent", Story.consent, "--until", "2099-12-31"] + vault,
                       as: .alice)
        let today = try #require(try cases(story, as: .alice).first?["created"] as? String)

        let alice = try #require(try cases(story, as: .alice).first)
        // The contract's fields are all still there.
        #expect(alice["case"] as? String == story.caseID)
        #expect(alice["household"] as? String == Story.household)
        #expect(alice["records"] as? Int == 1)
        #expect(alice["lastActivity"] as? String == today)
        #expect(alice["closed"] as? Bool == false)
        #expect(alice["holding"] as? String == "own")
        #expect(alice["consentUntil"] == nil)
        #expect(alice["grantedTo"] as? [String] == ["bailleur-b", "cidff-62"])
        #expect(alice["types"] as? [String] == ["signalement"])

        // Bruno's partner holds it under alice's consent, with its end date; it granted nobody, and reads nothing of
        // the other grants alice made.
        let bruno = try #require(try cases(story, as: .bruno).first)
        #expect(bruno["consentUntil"] as? String == "2099-12-31")
        #expect(bruno["holding"] as? String == "consent")
        #expect(bruno["grantedTo"] as? [String] == [])

        // `open` says when the consent ends, in French for a French reader.
        let open = try story.abri(["open", story.caseID] + vault, as: .bruno, environment: ["LANG": "fr_FR.UTF-8"])
        #expect(open.status == 0, "\(open)")
        #expect(open.stdout.contains("prend fin après le 31 déc. 2099"), "\(open)")
        let openJSON = try story.json(["open", story.caseID] + vault, as: .bruno)
        #expect(openJSON["consentUntil"] as? String == "2099-12-31")

        // --closed and --since.
        #expect(try cases(story, as: .alice, ["--closed"]).isEmpty)
        try story.must(["close", story.caseID] + vault, as: .alice)
        #expect(try cases(story, as: .alice, ["--closed"]).map { $0["case"] as? String } == [story.caseID])
        #expect(try cases(story, as: .alice, ["--since", today]).count == 1)
        #expect(try cases(story, as: .alice, ["--since", "31/12/2099"]).isEmpty)
        let none = try story.abri(["cases", "--since", "2099-12-31"] + vault, as: .alice, environment: ["LANG": "fr_FR.UTF-8"])
        #expect(none.status == 0 && none.stderr.contains("Aucun de vos dossiers ne correspond."), "\(none)")

        // The human line, in French.
        let line = try story.abri(["cases"] + vault, as: .alice, environment: ["LANG": "fr_FR.UTF-8"])
        #expect(line.stdout.contains("\t1 fiche (signalement)\tcréé le "), "\(line)")
        #expect(line.stdout.contains("\tclos\t") && line.stdout.contains("partagé avec bailleur-b, cidff-62"), "\(line)")
    }

    @Test func theMostRecentlyActiveComeFirst() throws {
        let story = try Story()
        let vault = ["--vault", story.vault]
        let report = try story.write("later.json", #"{"type": "signalement", "household": "FOH-2022-000009", "facts": "Menaces."}"#)
        let later = try story.must(["deposit", report] + vault, as: .alice, environment: ["ABRI_TODAY": "2099-06-01"])
        let ids = try cases(story, as: .alice).map { $0["case"] as? String }
        #expect(ids.first == later.stdoutLines.first, "\(ids)")
        #expect(ids.count == 2)
        // A date is checked before the passphrase is asked.
        let bad = try story.abri(["cases", "--since", "hier"] + vault, as: .alice)
        #expect(bad.status == 64, "\(bad)")
    }
}
