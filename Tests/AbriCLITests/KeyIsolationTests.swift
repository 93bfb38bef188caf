import AbriCrypto
@testable import AbriVault
import Foundation
import GRDB
import Testing

/// Key isolation by keys, not by policy: the secret keys of a removed member (and the generation seeds she held),
/// of the administrator and of a general-only holder (the tenancy unit) are tried, in process, against every
/// `generation_seals`, `log_key_seals`, `grants` and `inbox` box of the store, and each opens exactly what it should.
/// The log's slots are NeedToKnowTests' (`everyLogSectionOpensWithTheKeysOfExactlyTheRolesTheRuleNames`).
@Suite struct KeyIsolationTests {
    struct Opened: Equatable {
        var generationSeals: [String] = []
        var logKeySeals: Int = 0
        var grants: [String] = []
        var inbox: Int = 0
    }

    /// Tries `identity` and the generation keys it can unseal (plus `extra`, seeds kept from earlier) on every box.
    static func tryEverything(_ vault: Vault, _ identity: borrowing Identity, extra: [GenerationKeys] = [],
                              grantBodies: inout [GrantBody]) throws -> Opened {
        var opened = Opened()
        var generations = extra
        try vault.store.read { db in
            for row in try Row.fetchAll(db.file, sql: "SELECT partner, number, box FROM generation_seals ORDER BY partner, number") {
                guard let seed = try? identity.openSealed(Array(row["box"] as Data)) else { continue }
                let partner: String = row["partner"], number: Int = row["number"]
                opened.generationSeals.append("\(partner)#\(number)")
                generations.append(try GenerationKeys(partner: partner, number: number, seed: Key(seed)))
            }
            for row in try Row.fetchAll(db.file, sql: "SELECT box FROM log_key_seals") where (try? identity.openSealed(Array(row["box"] as Data))) != nil {
                opened.logKeySeals += 1
            }
            for row in try Row.fetchAll(db.file, sql: "SELECT locator, expires, box FROM grants") {
                let box = Array(row["box"] as Data)
                if (try? identity.openSealed(box)) != nil { opened.grants.append("identity") }
                for keys in generations {
                    let stored = GrantStore.StoredRow(locator: row["locator"], keys: keys, expires: row["expires"], box: row["box"])
                    if let body = try? stored.open() {
                        opened.grants.append("\(keys.partner)#\(keys.number)")
                        grantBodies.append(body)
                    }
                }
            }
            for row in try Row.fetchAll(db.file, sql: "SELECT box FROM inbox") {
                let box = Array(row["box"] as Data)
                if (try? identity.openSealed(box)) != nil || generations.contains(where: { $0.openInbox(box) != nil }) { opened.inbox += 1 }
            }
        }
        return opened
    }

    static func generations(_ vault: Vault, _ identity: borrowing Identity, partner: String) throws -> [GenerationKeys] {
        try vault.store.read { db in
            try Custody.unlockGenerations(partner: partner, identity: identity, roster: try vault.roster(db), vault: vault, db)
        }
    }

    static func open(_ story: Story) throws -> Vault {
        try Vault.open(path: story.vault, stateDirectory: story.file("in-process-state"), checkHistory: false)
    }

    @Test func aRemovedMemberTheAdministratorAndAGeneralOnlyHolderOpenOnlyWhatTheyShould() throws {
        let story = try Story()
        let mallory = try story.enrol("Mallory", in: "foh-social", approvedBy: .alice)
        try story.must(["share", story.caseID, "--to", "foh-tenancy", "--consent", "gestion"], as: .alice)
        try story.must(["cases"], as: .tom)
        // What Mallory held while she was a member: her partner's generation seeds.
        let kept = try Self.generations(try Self.open(story), try BundleTests.unlock(story, mallory.path), partner: "foh-social")
        #expect(!kept.isEmpty)
        try story.must(["member", "remove", "foh-social", "Mallory", "--yes"], as: .admin)
        try story.must(["cases"], as: .alice)   // the partner re-seals to a fresh generation
        // An inbox item waits, unfiled, for bailleur-b.
        try story.must(["share", story.caseID, "--to", "bailleur-b", "--consent", "relogement"], as: .alice)
        #expect(try story.rows("inbox") >= 1)

        let vault = try Self.open(story)
        var bodies: [GrantBody] = []
        let removed = try Self.tryEverything(vault, try BundleTests.unlock(story, mallory.path), extra: kept, grantBodies: &bodies)
        #expect(removed == Opened(), "the removed member's keys, and the seeds she kept, open \(removed)")
        let admin = try Self.tryEverything(vault, try BundleTests.unlock(story, story.identity(.admin)), grantBodies: &bodies)
        #expect(admin == Opened(), "the administrator's keys open \(admin)")
        #expect(bodies.isEmpty)

        let tomIdentity = try BundleTests.unlock(story, story.identity(.tom))
        let tom = try Self.tryEverything(vault, tomIdentity, grantBodies: &bodies)
        let tomsSeals = Int(try SQLite.query(story.vault, """
            SELECT count(*) FROM generation_seals WHERE partner = 'foh-tenancy' AND member_key = x'\(hex(tomIdentity.publicIdentity.boxPublicKey))';
            """).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(tom.generationSeals.count == tomsSeals && tom.generationSeals.allSatisfy { $0.hasPrefix("foh-tenancy#") }, "\(tom)")
        #expect(tom.logKeySeals >= 1, "a current member opens the log key sealed to them")
        #expect(tom.grants.count == 1 && tom.grants.allSatisfy { $0.hasPrefix("foh-tenancy#") }, "tom opens his partner's one grant: \(tom)")
        #expect(tom.inbox == 0, "the item for bailleur-b is not his")
        #expect(bodies.count == 1 && bodies.allSatisfy { body in body.compartments.allSatisfy { $0.compartment == .general } },
                "the tenancy unit's grant holds general halves only")
    }

    /// "rotate destroys the old generations": after a member's rotate, no seal of an older generation of the partner
    /// remains, and the seeds the member held before open no grant row.
    @Test func rotateDestroysTheOldGenerations() throws {
        let story = try Story()
        let alice = try BundleTests.unlock(story, story.identity(.alice))
        let before = try Self.generations(try Self.open(story), alice, partner: "foh-social")
        #expect(!before.isEmpty)
        try story.must(["rotate", "foh-social"], as: .alice)
        let newest = try SQLite.query(story.vault, "SELECT max(number) FROM generations WHERE partner = 'foh-social';")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try story.rows("generation_seals", where: "partner = 'foh-social' AND number <> \(newest)") == 0)
        #expect(try story.rows("generation_seals", where: "partner = 'foh-social'") >= 1)
        #expect(!before.contains { "\($0.number)" == newest })

        var bodies: [GrantBody] = []
        let vault = try Self.open(story)
        let old = try Self.tryEverything(vault, try Identity.generate(name: "nobody"), extra: before, grantBodies: &bodies)
        #expect(old.grants.isEmpty && old.inbox == 0, "the old seeds open \(old)")
        // And the current ones still open the partner's grant.
        let current = try Self.tryEverything(vault, alice, grantBodies: &bodies)
        #expect(current.grants == ["foh-social#\(newest)"], "\(current)")
    }
}
