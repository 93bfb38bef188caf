import AbriTestSupport
import Foundation
import Testing

/// `abri ui` in a real headless Chromium, driven through WebDriver: the landlord deposits through the form, the
/// CIDFF adviser reveals with a purpose and shares with consent, the tenancy unit sees no address; markup in every
/// field stays text; and the local server's refusals, by plain HTTP.
///
/// Screenshots of each page go to `$ABRI_UI_SCREENSHOTS` when set (Docs/screenshots for the guides), else to a
/// temporary folder named in the test's output.
@Suite(.serialized) struct WebInterfaceTests {
    static let address = "8 rue des Lilas, 62000 Arras"
    static let phone = "+33 6 98 76 54 32"
    static let household = "FOH-2024-000042"
    static let purpose = "préparation audience JAF"
    static let payloads = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"]

    /// Where the screenshots go, and the folder's owner (nil when it is kept).
    static func screenshots() throws -> (path: String, temporary: TempDir?) {
        if let kept = ProcessInfo.processInfo.environment["ABRI_UI_SCREENSHOTS"], !kept.isEmpty {
            try FileManager.default.createDirectory(atPath: kept, withIntermediateDirectories: true)
            return (kept, nil)
        }
        let folder = try TempDir("abri-ui-screens")
        return (folder.path, folder)
    }

    /// Opens the entry address and unlocks with the story's passphrase; the case list is then shown.
    static func signIn(_ browser: WebDriver, _ ui: UIProcess, _ story: Story) throws {
        try browser.go(ui.entry)
        try browser.type("#passphrase", story.cli.passphrase)
        try browser.submit("form[action='/deverrouiller'] button[type=submit]")
        let text = try browser.text
        #expect(try browser.url.hasSuffix("/dossiers"), "the unlock did not lead to the case list: \(text)")
    }

    /// Every field of the page has a label that names it (RGAA 11.1), and no inline script or style is in it.
    static func expectLabelled(_ browser: WebDriver, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let source = try browser.source
        let page = try browser.url
        let controls = try NSRegularExpression(pattern: #"<(input|select|textarea)\b[^>]*>"#)
        for match in controls.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
            guard let range = Range(match.range, in: source) else { continue }
            let tag = String(source[range])
            if tag.contains(#"type="hidden""#) { continue }
            guard let idRange = tag.range(of: #"id="[^"]+""#, options: .regularExpression) else {
                Issue.record("a field without an id on \(page): \(tag)", sourceLocation: sourceLocation)
                continue
            }
            let id = tag[idRange].dropFirst(4).dropLast()
            #expect(source.contains("<label for=\"\(id)\""), "no label for \(id) on \(page)", sourceLocation: sourceLocation)
        }
        #expect(!source.contains("<script") && !source.contains(" style="), "inline script or style on \(page)", sourceLocation: sourceLocation)
    }

    @Test func theLandlordDepositsTheAdviserRevealsAndSharesTheTenancyUnitSeesNoAddress() throws {
        let story = try Story()
        let (shots, _folder) = try Self.screenshots()
        defer { withExtendedLifetime(_folder) {} }
        let profile = try TempDir("abri-ui-browser")
        let browser = try WebDriver(folder: profile.path)

        // alice, the landlord's social support, deposits through the form.
        let alice = try UIProcess(story, as: .alice)
        try browser.go(alice.entry)
        #expect(try browser.title.contains("Déverrouiller"))
        try browser.screenshot(to: shots + "/01-deverrouiller.png")
        try Self.expectLabelled(browser)
        try browser.type("#passphrase", story.cli.passphrase)
        try browser.submit("form[action='/deverrouiller'] button[type=submit]")
        #expect(try browser.text.contains(Story.household), "alice's earlier case is listed")
        try browser.screenshot(to: shots + "/02-dossiers.png")
        try Self.expectLabelled(browser)

        let started = Date()
        try browser.go("http://127.0.0.1:\(alice.port)/deposer")
        try browser.type("#g\\.menage", Self.household)
        try browser.type("#g\\.victime\\.nom", "Awa K.")
        try browser.type("#g\\.victime\\.anneeNaissance", "1991")
        try browser.type("#g\\.faits", "Menaces répétées signalées par la locataire.")
        try browser.type("#l\\.adresse", Self.address)
        try browser.type("#l\\.telephone", Self.phone)
        try browser.click("input[name=transmettre][value='foh-tenancy']")
        try browser.click("input[name=coordonnees][value='cidff-62']")
        #expect(try !browser.isEnabled("input[name=coordonnees][value='foh-tenancy']"),
                "« inclure les coordonnées » is disabled for a never-locating partner")
        try browser.click("#consent-avec")
        try browser.type("#consent-ref", "formulaire signé le 07/12/2026")
        try browser.screenshot(to: shots + "/03-deposer.png")
        try Self.expectLabelled(browser)
        try browser.submit("form.deposit button[type=submit]")
        let page = try browser.text
        let seconds = Date().timeIntervalSince(started)
        #expect(page.contains("déposé. Peuvent le lire : FOH Social (adresse comprise), CIDFF 62 (adresse comprise), FOH Gestion locative."),
                "the CLI's sentence: \(page)")
        let link = try browser.attribute("#dossier-depose", "href") ?? ""
        let caseID = String(link.split(separator: "/").last ?? "")
        #expect(!caseID.isEmpty)
        try browser.screenshot(to: shots + "/04-depose.png")
        try Self.expectLabelled(browser)
        print("abri ui: the landlord's first deposit through the form took \(String(format: "%.2f", seconds)) s (page to confirmation)")
        try "\(seconds)\n".write(toFile: shots + "/deposit-seconds.txt", atomically: true, encoding: .utf8)
        alice.stop()

        // ines, the CIDFF adviser: the address stays masked until she reveals it with a purpose.
        let ines = try UIProcess(story, as: .ines)
        try Self.signIn(browser, ines, story)
        try browser.go("http://127.0.0.1:\(ines.port)/dossiers/\(caseID)")
        var text = try browser.text
        #expect(text.contains("Masquées") && !text.contains(Self.address) && !text.contains(Self.phone))
        try browser.screenshot(to: shots + "/05-dossier-masque.png")
        try Self.expectLabelled(browser)
        try browser.type("#motif", Self.purpose)
        try browser.submit("form.reveal button[type=submit]")
        text = try browser.text
        #expect(text.contains(Self.address) && text.contains(Self.phone), "the reveal shows the address: \(text)")
        try browser.screenshot(to: shots + "/06-dossier-revele.png")
        try Self.expectLabelled(browser)

        // She shares the situation with the new landlord, with consent; the locating choice is closed to the tenancy unit.
        try browser.go("http://127.0.0.1:\(ines.port)/dossiers/\(caseID)/partager")
        #expect(try !browser.isEnabled("input[value='l:foh-tenancy']"))
        try browser.click("input[value='g:bailleur-b']")
        try browser.click("#consent-avec")
        try browser.type("#consent-ref", "accord relogement")
        try browser.screenshot(to: shots + "/07-partager.png")
        try Self.expectLabelled(browser)
        try browser.submit("form[action$='/partager'] button[type=submit]")
        text = try browser.text
        #expect(text.contains("partagé. Peuvent maintenant le lire : Bailleur B."), "the CLI's sentence: \(text)")
        try browser.go("http://127.0.0.1:\(ines.port)/journal?dossier=\(caseID)")
        #expect(try browser.text.contains(Self.purpose), "the reveal's purpose is in the log")
        try browser.screenshot(to: shots + "/08-journal.png")
        try Self.expectLabelled(browser)

        // The victim withdraws her consent to the new landlord: bailleur-b loses its keys on the case.
        try browser.go("http://127.0.0.1:\(ines.port)/dossiers/\(caseID)/retirer")
        try browser.click("#retrait-partenaire option[value='bailleur-b']")
        try browser.click("#retrait-confirme")
        try browser.screenshot(to: shots + "/09-retrait.png")
        try Self.expectLabelled(browser)
        try browser.submit("form[action$='/retirer'] button[type=submit]")
        text = try browser.text
        #expect(text.contains("Consentement retiré : bailleur-b perd ce qui lui a été transmis du dossier \(caseID)"), "the CLI's sentence: \(text)")
        ines.stop()
        #expect(try story.abri(["open", caseID], as: .bruno).status == 77, "bailleur-b holds nothing of the case any more")

        // tom, the tenancy unit, holds the situation only: no address on any page he can reach.
        let tom = try UIProcess(story, as: .tom)
        try Self.signIn(browser, tom, story)
        for path in ["/dossiers", "/dossiers?menage=\(Self.household)", "/dossiers/\(caseID)", "/journal", "/journal?dossier=\(caseID)",
                     "/journal?menage=\(Self.household)"] {
            try browser.go("http://127.0.0.1:\(tom.port)\(path)")
            let source = try browser.source
            for secret in [Self.address, Self.phone, "Arras", "bailleur-b", "Bailleur B", "cidff-62", "CIDFF 62"] {
                #expect(!source.contains(secret), "tom's page \(path) holds \(secret)")
            }
            if path == "/dossiers/\(caseID)" {
                #expect(try browser.text.contains("Retenues"), "what tom does not hold is named as withheld")
                try browser.screenshot(to: shots + "/10-service-locatif.png")
                try Self.expectLabelled(browser)
            }
        }
        tom.stop()

        // The form wrote what the CLI reads.
        let opened = try story.json(["open", caseID, "--reveal", "--purpose", "contrôle"], as: .ines)
        let record = (opened["records"] as? [[String: Any]])?.first
        #expect((record?["locating"] as? [String: Any])?["adresse"] as? String == Self.address)
        #expect((record?["general"] as? [String: Any])?["menage"] as? String == Self.household)
    }

    @Test func markupInEveryFieldRendersAsText() throws {
        let story = try Story()
        let (shots, _folder) = try Self.screenshots()
        defer { withExtendedLifetime(_folder) {} }
        let profile = try TempDir("abri-ui-browser")
        let browser = try WebDriver(folder: profile.path)
        let alice = try UIProcess(story, as: .alice)
        try Self.signIn(browser, alice, story)
        try browser.go("http://127.0.0.1:\(alice.port)/deposer")
        // Every free-text field of both parts, numbers apart (the schema refuses text there).
        let fields = try browser.findAll("form.deposit input[type=text]:not([inputmode=numeric]):not([name^=consent]), form.deposit textarea")
        #expect(fields.count >= 15, "found \(fields.count) text fields")
        var typed = 0
        for css in try Self.textFieldSelectors(browser) {
            try browser.type(css, Self.payloads[typed % 2])
            typed += 1
        }
        try browser.click("input[name=coordonnees][value='cidff-62']")
        try browser.click("#consent-avec")
        try browser.type("#consent-ref", Self.payloads[0])
        try browser.submit("form.deposit button[type=submit]")
        let confirmation = try browser.text
        #expect(confirmation.contains("déposé"), "the deposit with markup in every field went through: \(confirmation)")
        let caseID = String((try browser.attribute("#dossier-depose", "href") ?? "").split(separator: "/").last ?? "")

        try browser.go("http://127.0.0.1:\(alice.port)/dossiers/\(caseID)")
        try browser.type("#motif", Self.payloads[1])
        try browser.submit("form.reveal button[type=submit]")
        try browser.screenshot(to: shots + "/11-balises.png")
        let pages = ["/dossiers/\(caseID)", "/journal?dossier=\(caseID)",
                     "/dossiers?menage=" + (Self.payloads[1].addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")]
        for (index, path) in ([""] + pages).enumerated() {
            // The first look is the revealed page itself (a POST's answer).
            if index > 0 { try browser.go("http://127.0.0.1:\(alice.port)\(path)") }
            let text = try browser.text
            #expect(try browser.alertText() == nil, "an alert opened on \(path)")
            #expect(try browser.findAll("img").isEmpty, "an <img> was created on \(path)")
            #expect(try browser.findAll("script").isEmpty, "a <script> was created on \(path)")
            #expect(try browser.findAll("[onerror]").isEmpty, "an onerror attribute was created on \(path)")
            if path.hasPrefix("/dossiers?") {
                #expect(try browser.attribute("#menage", "value") == Self.payloads[1], "the search keeps the text as typed")
            } else if path.hasPrefix("/journal") {
                #expect(text.contains(Self.payloads[1]), "the purpose shows as text in the log")
            } else {
                for payload in Self.payloads { #expect(text.contains(payload), "\(payload) shows as text on \(path.isEmpty ? "the reveal" : path)") }
            }
        }
        alice.stop()
    }

    /// A CSS selector for each free-text field of the deposit form (by id, escaped for CSS).
    static func textFieldSelectors(_ browser: WebDriver) throws -> [String] {
        let source = try browser.source
        var selectors: [String] = []
        let pattern = try NSRegularExpression(pattern: #"<(input type="text"|textarea) id="([gl]\.[A-Za-z.]+)""#)
        for match in pattern.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
            guard let range = Range(match.range(at: 2), in: source) else { continue }
            let id = String(source[range])
            selectors.append("#" + id.replacingOccurrences(of: ".", with: "\\."))
        }
        return selectors
    }

    @Test func aForeignHostAFormWithoutItsTokenAndAStaleSessionAreRefused() throws {
        let story = try Story()
        let ui = try UIProcess(story, as: .alice)
        let port = ui.port
        func get(_ path: String, host: String? = nil, cookie: String? = nil) throws -> RawHTTP.Response {
            try RawHTTP.send(port: port, method: "GET", path: path, host: host, headers: cookie.map { [("Cookie", $0)] } ?? [])
        }
        func post(_ path: String, _ fields: [(String, String)], cookie: String?, origin: String? = nil) throws -> RawHTTP.Response {
            let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
            var headers = [("Content-Type", "application/x-www-form-urlencoded")]
            if let cookie { headers.append(("Cookie", cookie)) }
            if let origin { headers.append(("Origin", origin)) }
            return try RawHTTP.send(port: port, method: "POST", path: path, headers: headers, body: Array(body.utf8))
        }

        // DNS rebinding: another name, or another port, in Host.
        for host in ["evil.example:\(port)", "evil.example", "127.0.0.1:\(port + 1)", "127.0.0.2:\(port)"] {
            #expect(try get("/", host: host).status == 421, "Host \(host)")
            #expect(try get(ui.path(of: ui.entry), host: host).status == 421, "the entry address through Host \(host)")
        }
        // No session yet.
        let anonymous = try get("/dossiers")
        #expect(anonymous.status == 403)
        #expect(anonymous.header("Content-Security-Policy")?.hasPrefix("default-src 'self'") == true)
        #expect(anonymous.header("Cache-Control") == "no-store")

        // The entry address becomes the session cookie, once.
        let entered = try get(ui.path(of: ui.entry), host: "localhost:\(port)")
        #expect(entered.status == 303)
        let setCookie = entered.header("Set-Cookie") ?? ""
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), "\(setCookie)")
        #expect(try get(ui.path(of: ui.entry)).status == 403, "the entry address works once")
        let cookie = String(setCookie.split(separator: ";").first ?? "")

        let unlockPage = try get("/", cookie: cookie)
        #expect(unlockPage.status == 200)
        #expect(unlockPage.header("Cache-Control") == "no-store")
        #expect(unlockPage.header("Content-Security-Policy")?.contains("default-src 'self'") == true)
        #expect(!unlockPage.text.contains("<script") && !unlockPage.text.contains("style="), "no inline script or style")
        let csrf = try #require(Self.csrf(in: unlockPage.text))

        // Forms without the session's token, or from another origin.
        let passphrase = story.cli.passphrase
        #expect(try post("/deverrouiller", [("passphrase", passphrase)], cookie: cookie).status == 403)
        #expect(try post("/deverrouiller", [("passphrase", passphrase), ("csrf", String(repeating: "0", count: csrf.count))], cookie: cookie).status == 403)
        #expect(try post("/deverrouiller", [("passphrase", passphrase), ("csrf", csrf)], cookie: cookie, origin: "http://evil.example").status == 403)
        #expect(try get("/dossiers", cookie: cookie).status == 303, "still locked: the forms above unlocked nothing")

        // A wrong passphrase: the CLI's refusal, in French.
        let wrong = try post("/deverrouiller", [("passphrase", "not it"), ("csrf", csrf)], cookie: cookie)
        #expect(wrong.status == 403)
        #expect(wrong.text.contains("phrase secrète incorrecte"), "\(wrong.text)")

        let unlocked = try post("/deverrouiller", [("passphrase", passphrase), ("csrf", csrf)], cookie: cookie)
        #expect(unlocked.status == 303 && unlocked.header("Location") == "/dossiers")
        let list = try get("/dossiers", cookie: cookie)
        #expect(list.status == 200 && list.text.contains(Story.household))
        #expect(try get("/dossiers?etat=ouverts&depuis=2020-01-01", cookie: cookie).text.contains(Story.household))
        #expect(try get("/dossiers?etat=clos", cookie: cookie).text.contains("Aucun de vos dossiers ne correspond."))

        // The report's refusals are the CLI's, in French; the form comes back with what was typed, and nothing is written.
        let located = "Elle vit au 12 rue des Tilleuls, 62100 Calais"
        let refused = try post("/deposer", [("csrf", csrf), ("g.menage", "FOH-2024-000099"), ("g.faits", located)], cookie: cookie)
        #expect(refused.status == 400 && refused.text.contains("dans le formulaire, `faits` contient") && refused.text.contains("rien n&#39;a été écrit"),
                "\(refused.text)")
        #expect(refused.text.contains(">\(located)</textarea>"), "the form keeps what was typed")
        #expect(try story.caseIDs(as: .alice).count == 1, "nothing was deposited")

        // A forged cookie, and the right one with another name.
        let forged = "abri_ui_\(port)=" + String(repeating: "a", count: 64)
        #expect(try get("/dossiers", cookie: forged).status == 403)
        #expect(try get("/dossiers", cookie: "abri_ui_\(port + 1)=" + cookie.split(separator: "=").last!).status == 403)

        // A stale session: signed out, its cookie opens nothing; a fresh entry address is printed.
        #expect(try post("/quitter", [("csrf", csrf)], cookie: cookie).status == 200)
        #expect(try get("/dossiers", cookie: cookie).status == 403)
        #expect(try post("/deposer", [("csrf", csrf)], cookie: cookie).status == 403)
        #expect(ui.addresses.count == 2, "a new entry address after the sign-out")

        // Ctrl-C stops it.
        #expect(ui.stop() == .exited(0))
    }

    @Test func anIdleSessionForgetsTheIdentity() throws {
        let story = try Story()
        let ui = try UIProcess(story, as: .alice, environment: ["ABRI_TEST_UI_IDLE": "1"])
        let client = try Client(ui, passphrase: story.cli.passphrase)
        #expect(client.unlocked.status == 303)
        sleep(2)
        let idle = try client.get("/dossiers")
        #expect(idle.status == 403 && idle.text.contains("sans activité"), "\(idle)")
        #expect(ui.addresses.count == 2, "a new entry address once the session ended")
        #expect(ui.stop() == .exited(0))
    }

    /// A session of `abri ui` driven by plain HTTP: entered, unlocked, with its cookie and CSRF token.
    struct Client {
        let port: Int
        let cookie: String
        let csrf: String
        /// The answer to the unlock form.
        let unlocked: RawHTTP.Response

        init(_ ui: UIProcess, passphrase: String) throws {
            port = ui.port
            let entered = try RawHTTP.send(port: port, method: "GET", path: ui.path(of: ui.entry))
            cookie = String((entered.header("Set-Cookie") ?? "").split(separator: ";").first ?? "")
            let page = try RawHTTP.send(port: port, method: "GET", path: "/", headers: [("Cookie", cookie)])
            csrf = try #require(WebInterfaceTests.csrf(in: page.text))
            unlocked = try RawHTTP.send(port: port, method: "POST", path: "/deverrouiller",
                                        headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")],
                                        body: Array(Self.encode([("csrf", csrf), ("passphrase", passphrase)]).utf8))
        }

        static func encode(_ fields: [(String, String)]) -> String {
            fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        }

        func get(_ path: String) throws -> RawHTTP.Response {
            try RawHTTP.send(port: port, method: "GET", path: path, headers: [("Cookie", cookie)])
        }

        /// A form of the session, with its CSRF token unless `withToken` is false.
        func post(_ path: String, _ fields: [(String, String)], withToken: Bool = true) throws -> RawHTTP.Response {
            try RawHTTP.send(port: port, method: "POST", path: path,
                             headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")],
                             body: Array(Self.encode((withToken ? [("csrf", csrf)] : []) + fields).utf8))
        }
    }

    /// The administrator's pages in the browser: the roster, a partner enrolled through the form, the log verified;
    /// every field labelled, no case anywhere. Screenshots for the administrator's guide.
    @Test func theAdministratorsPagesInTheBrowser() throws {
        let story = try Story()
        let caseID = try #require(try story.caseIDs(as: .alice).first)
        let (shots, _folder) = try Self.screenshots()
        defer { withExtendedLifetime(_folder) {} }
        let profile = try TempDir("abri-ui-browser")
        let browser = try WebDriver(folder: profile.path)
        let ui = try UIProcess(story, as: .admin)
        try browser.go(ui.entry)
        try browser.type("#passphrase", story.cli.passphrase)
        try browser.submit("form[action='/deverrouiller'] button[type=submit]")
        #expect(try browser.url.hasSuffix("/administration"))
        var text = try browser.text
        for expected in ["foh-social", "CIDFF 62", "alice", "ines"] { #expect(text.contains(expected), "the roster shows \(expected)") }
        #expect(!text.contains(caseID) && !text.contains(Story.household), "no case on the administrator's pages")
        try Self.expectLabelled(browser)
        try browser.screenshot(to: shots + "/20-administration.png")

        // The kinds are the roster's, as words (a page once showed them as another library's SQL: each must be an option).
        let source = try browser.source
        for kind in ["landlord", "legal-aid", "association"] { #expect(source.contains("<option value=\"\(kind)\"")) }
        try browser.type("#partenaire-id", "asso-59")
        try browser.type("#partenaire-nom", "Association d'aide aux victimes du Nord")
        try browser.submit("form.add-partner button[type=submit]")
        text = try browser.text
        #expect(text.contains("(asso-59) enrôlé. Ensuite : inscrivez ses membres ci-dessous."), "the page's sentence: \(text)")
        try browser.screenshot(to: shots + "/21-partenaire-inscrit.png")
        try browser.go("http://127.0.0.1:\(ui.port)/administration/verifier")
        try browser.submit("form.verify button[type=submit]")
        text = try browser.text
        #expect(text.contains("Le journal est intact"), "the verification's sentence: \(text)")
        try Self.expectLabelled(browser)
        try browser.screenshot(to: shots + "/22-journal-verifie.png")
        let partners = try story.json(["partner", "list"], as: .admin)["partners"] as? [[String: Any]] ?? []
        #expect(partners.contains { $0["id"] as? String == "asso-59" })
        #expect(ui.stop() == .exited(0))
    }

    @Test func theAdministratorKeepsTheRosterAndVerifiesTheLogWithoutSeeingACase() throws {
        let story = try Story()
        let caseID = try #require(try story.caseIDs(as: .alice).first)
        let ui = try UIProcess(story, as: .admin)
        let admin = try Client(ui, passphrase: story.cli.passphrase)
        #expect(admin.unlocked.status == 303 && admin.unlocked.header("Location") == "/administration", "\(admin.unlocked)")

        // The roster: partners with their kind and the never-locating mark, members with their state and fingerprint.
        var page = try admin.get("/administration")
        #expect(page.status == 200, "\(page)")
        for expected in ["foh-tenancy", "FOH Gestion locative", "ne reçoit jamais la partie localisante", "approbation reçue", "<code>", "Vérifier le journal",
                         "lang=\"fr\""] {
            #expect(page.text.contains(expected), "the roster shows \(expected)")
        }
        let inesLine = try story.line(.ines)
        let fingerprint = try story.must(["identity", "show", story.identity(.ines), "--fingerprint"], as: nil).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!fingerprint.isEmpty)
        #expect(page.text.contains(fingerprint), "ines's fingerprint is shown")
        #expect(!page.text.contains(inesLine), "the roster shows fingerprints, not identity lines")

        // Enrolling a partner, with markup in its name: the CLI's sentence, the name as text.
        #expect(try admin.post("/administration/partenaire", [("id", "asso-59"), ("nom", "Asso <b>59</b>"), ("type", "association")],
                               withToken: false).status == 403, "a form without the session's token is refused")
        page = try admin.post("/administration/partenaire", [("id", "asso-59"), ("nom", "Asso <b>59</b>"), ("type", "association")])
        #expect(page.status == 200 && page.text.contains("Partenaire Asso &lt;b&gt;59&lt;/b&gt; (asso-59) enrôlé"), "\(page.text)")
        #expect(!page.text.contains("<b>59"))
        page = try admin.post("/administration/partenaire", [("id", "Asso 59"), ("nom", "x"), ("type", "association")])
        #expect(page.status == 400, "the CLI's check of the id")
        let partners = try story.json(["partner", "list"], as: .admin)["partners"] as? [[String: Any]] ?? []
        #expect(partners.contains { $0["id"] as? String == "asso-59" && $0["name"] as? String == "Asso <b>59</b>" })

        // Enrolling members: the first of a partner is approved at once, a later one waits for a colleague.
        let lea = try story.cli.newIdentity("lea.identity", name: "Léa")
        page = try admin.post("/administration/membre", [("partenaire", "asso-59"), ("identite", lea.line), ("nom", "Léa")])
        #expect(page.status == 200 && page.text.contains("Léa est maintenant membre de asso-59."), "\(page.text)")
        let marc = try story.cli.newIdentity("marc.identity", name: "Marc")
        page = try admin.post("/administration/membre", [("partenaire", "cidff-62"), ("identite", marc.line), ("nom", "Marc")])
        #expect(page.status == 200 && page.text.contains("attend l&#39;approbation d&#39;un membre de son partenaire"), "\(page.text)")
        page = try admin.post("/administration/membre", [("partenaire", "cidff-62"), ("identite", "abri1-not-an-identity"), ("nom", "X")])
        #expect(page.status == 400, "a mistyped public identity is refused as the CLI refuses it: \(page.status)")

        // A partner's new key generation: the CLI's sentence.
        page = try admin.post("/administration/rotation", [("partenaire", "cidff-62")])
        #expect(page.status == 200 && page.text.contains("Le partenaire cidff-62 a une nouvelle génération de clés"), "\(page.text)")

        // Removing a member takes the name typed again.
        page = try admin.get("/administration/retirer?partenaire=cidff-62&nom=Marc")
        #expect(page.status == 200 && page.text.contains("Pour confirmer"), "\(page.text)")
        page = try admin.post("/administration/retirer", [("partenaire", "cidff-62"), ("nom", "Marc"), ("confirmation", "Marcel")])
        #expect(page.status == 400, "a wrong name removes nobody")
        page = try admin.post("/administration/retirer", [("partenaire", "cidff-62"), ("nom", "Marc"), ("confirmation", "Marc")])
        #expect(page.status == 200 && page.text.contains("Marc ne fait plus partie de cidff-62"), "\(page.text)")
        #expect(page.text.contains("retrait effectué"))

        // The verification: the report of `abri verify --as ADMIN`.
        page = try admin.post("/administration/verifier", [])
        #expect(page.status == 200 && page.text.contains("Le journal est intact"), "\(page.text)")

        // No page of a case: the administrator holds no key that opens one, and no page names a recipient.
        for path in ["/dossiers", "/dossiers/\(caseID)", "/deposer", "/journal", "/journal?dossier=\(caseID)", "/dossiers/\(caseID)/partager"] {
            let refused = try admin.get(path)
            #expect(refused.status == 403, "\(path): \(refused.status)")
            #expect(refused.text.contains("aucune clé qui ouvre un dossier"))
        }
        #expect(try admin.post("/dossiers/\(caseID)/reveler", [("motif", "curiosité")]).status == 403)
        for path in ["/administration", "/administration/verifier"] {
            let text = try admin.get(path).text
            for secret in [Story.address, Story.household, Story.victimName, caseID, "/dossiers"] {
                #expect(!text.contains(secret), "\(path) holds \(secret)")
            }
        }
        #expect(ui.stop() == .exited(0))
    }

    @Test func aMemberApprovesAWaitingColleagueAfterComparingTheFingerprint() throws {
        let story = try Story()
        let marc = try story.cli.newIdentity("marc.identity", name: "Marc")
        try story.must(["member", "add", "cidff-62", "--identity", marc.line, "--name", "Marc"], as: .admin)
        let fingerprint = try story.must(["identity", "show", marc.path, "--fingerprint"], as: nil).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let ui = try UIProcess(story, as: .ines)
        let ines = try Client(ui, passphrase: story.cli.passphrase)
        var page = try ines.get("/approbations")
        #expect(page.status == 200 && page.text.contains("Marc") && page.text.contains(fingerprint), "\(page.text)")
        page = try ines.post("/approbations", [("nom", "Marc"), ("empreinte", fingerprint)])
        #expect(page.status == 400, "the comparison is confirmed before anything is sealed")
        page = try ines.post("/approbations", [("nom", "Marc"), ("empreinte", "autre"), ("compare", "oui")])
        #expect(page.status == 400, "a fingerprint other than the one shown approves nobody")
        page = try ines.post("/approbations", [("nom", "Marc"), ("empreinte", fingerprint), ("compare", "oui")])
        #expect(page.status == 200 && page.text.contains("Approbation de Marc chez cidff-62 faite"), "\(page.text)")
        #expect(try story.cli.run(["cases", "--as", marc.path]).status == 0, "Marc reads the partner's cases now")
        #expect(ui.stop() == .exited(0))
    }

    @Test func aMembersPagesAreInEnglishUnderAnEnglishLocale() throws {
        let story = try Story()
        let ui = try UIProcess(story, as: .alice, environment: ["LANG": "C.UTF-8"])
        let alice = try Client(ui, passphrase: story.cli.passphrase)
        #expect(alice.unlocked.status == 303)
        let french = ["Dossiers", "Rechercher", "Se déconnecter", "Référence du ménage", "Dernière activité", "Déposer un signalement",
                      "déposé par votre partenaire", "Session :", "Journal", "Extraire", "Consentement", "Aller au contenu"]
        for (path, english) in [("/dossiers", ["Cases", "Household reference", "Search", "Sign out", "Last activity", "your deposit"]),
                                ("/journal", ["Log", "Extract", "Purpose", "Consent"])] {
            let page = try alice.get(path)
            #expect(page.status == 200 && page.text.contains("lang=\"en\""), "\(path): \(page.status)")
            for word in english { #expect(page.text.contains(word), "\(path) says \(word)") }
            for word in french { #expect(!page.text.contains(word), "\(path) holds the French \(word)") }
        }
        #expect(ui.stop() == .exited(0))
    }

    @Test func attachmentsGoUpThroughTheFormAndComeDownOnlyToWhoMayReadThem() throws {
        let story = try Story()
        let (shots, _folder) = try Self.screenshots()
        defer { withExtendedLifetime(_folder) {} }
        let profile = try TempDir("abri-ui-browser")
        let browser = try WebDriver(folder: profile.path)
        // The files the person chooses in the browser; a marker that no stored file may hold in clear.
        let chosen = try TempDir("abri-ui-chosen")
        let marker = Array("ABRI-PLAINTEXT-MARKER-7c1e".utf8)
        var generator = SystemRandomNumberGenerator()
        let general = marker + (0 ..< 150_000).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }
        let locating = marker + (0 ..< 70_000).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }
        let generalName = "compte-rendu.txt", locatingName = "quittance \"mars\" été.pdf"
        let generalPath = try chosen.write(generalName, general)
        let locatingPath = try chosen.write(locatingName, locating)

        // alice deposits through the form with one attachment in each part; her process's TMPDIR stays empty.
        let aliceTemp = try TempDir("abri-ui-tmp")
        let alice = try UIProcess(story, as: .alice, environment: ["TMPDIR": aliceTemp.path])
        try Self.signIn(browser, alice, story)
        try browser.go("http://127.0.0.1:\(alice.port)/deposer")
        #expect(try browser.attribute("form.deposit", "enctype") == "multipart/form-data")
        try browser.type("#g\\.menage", Self.household)
        try browser.type("#g\\.faits", "Menaces répétées signalées par la locataire.")
        try browser.type("#l\\.adresse", Self.address)
        try browser.type("#g\\.pieces", generalPath)
        try browser.type("#l\\.pieces", locatingPath)
        try browser.click("input[name=transmettre][value='foh-tenancy']")
        try browser.click("input[name=coordonnees][value='cidff-62']")
        try browser.click("#consent-avec")
        try browser.type("#consent-ref", "formulaire signé le 07/12/2026")
        try browser.screenshot(to: shots + "/12-deposer-pieces.png")
        try Self.expectLabelled(browser)
        try browser.submit("form.deposit button[type=submit]")
        let confirmation = try browser.text
        #expect(confirmation.contains("déposé"), "the deposit with attachments went through: \(confirmation)")
        let caseID = String((try browser.attribute("#dossier-depose", "href") ?? "").split(separator: "/").last ?? "")
        #expect(!caseID.isEmpty)
        alice.stop()
        #expect(try FileManager.default.contentsOfDirectory(atPath: aliceTemp.path).isEmpty, "alice's TMPDIR stays empty")

        // The CLI opens what the form sealed, byte for byte, each in its part.
        let written = try TempDir("abri-ui-cli-out")
        _ = try story.must(["open", caseID, "--reveal", "--purpose", "contrôle", "--attachments", written.path], as: .ines)
        #expect(FileManager.default.contents(atPath: written.file(generalName)).map(Array.init) == general)
        #expect(FileManager.default.contents(atPath: written.file(locatingName)).map(Array.init) == locating)

        // ines downloads both from the case page: the general one as it is, the locating one once revealed.
        let inesTemp = try TempDir("abri-ui-tmp")
        let ines = try UIProcess(story, as: .ines, environment: ["TMPDIR": inesTemp.path])
        try Self.signIn(browser, ines, story)
        try browser.go("http://127.0.0.1:\(ines.port)/dossiers/\(caseID)")
        var source = try browser.source
        #expect(source.contains("Télécharger \(generalName)") && !source.contains("quittance"),
                "the general attachment is offered, the locating one only after the reveal")
        let purpose = "copie de la quittance pour l'avocate"
        try browser.type("#motif", purpose)
        try browser.submit("form.reveal button[type=submit]")
        source = try browser.source
        #expect(try browser.text.contains("Télécharger quittance \"mars\" été.pdf"), "the locating attachment, its name as text")
        try browser.screenshot(to: shots + "/13-dossier-pieces.png")
        try Self.expectLabelled(browser)
        let session = try #require(try browser.cookies().first { ($0["name"] as? String) == "abri_ui_\(ines.port)" }?["value"] as? String)
        let cookie = "abri_ui_\(ines.port)=\(session)"
        let csrf = try #require(Self.csrf(in: source))
        let record = try #require(Self.hidden("fiche", in: source))

        func download(_ fields: [(String, String)], port: Int, cookie: String?, host: String? = nil) throws -> RawHTTP.Response {
            let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
            var headers = [("Content-Type", "application/x-www-form-urlencoded")]
            if let cookie { headers.append(("Cookie", cookie)) }
            return try RawHTTP.send(port: port, method: "POST", path: "/dossiers/\(caseID)/piece", host: host, headers: headers,
                                    body: Array(body.utf8))
        }
        let generalFields = [("csrf", csrf), ("fiche", record), ("partie", "situation"), ("numero", "0")]
        let locatingFields = [("csrf", csrf), ("fiche", record), ("partie", "coordonnees"), ("numero", "0")]
        let got = try download(generalFields, port: ines.port, cookie: cookie)
        #expect(got.status == 200 && got.body == general, "the general attachment, byte for byte (HTTP \(got.status))")
        #expect(got.header("Content-Type") == "application/octet-stream")
        #expect(got.header("Cache-Control") == "no-store")
        #expect(got.header("X-Content-Type-Options") == "nosniff")
        #expect(got.header("Content-Disposition") == "attachment; filename=\"compte-rendu.txt\"; filename*=UTF-8''compte-rendu.txt")

        let refusedWithoutPurpose = try download(locatingFields, port: ines.port, cookie: cookie)
        #expect(refusedWithoutPurpose.status == 400 && refusedWithoutPurpose.text.contains("motif"), "\(refusedWithoutPurpose.status)")
        // The page's form carries the reveal's purpose; another one here, to find this download's entries in the log.
        let downloadPurpose = "pièce pour l'avocate"
        let revealed = try download(locatingFields + [("motif", downloadPurpose)], port: ines.port, cookie: cookie)
        #expect(revealed.status == 200 && revealed.body == locating, "the locating attachment, byte for byte (HTTP \(revealed.status))")
        #expect(revealed.header("Content-Disposition")
                == "attachment; filename=\"quittance _mars_ _t_.pdf\"; filename*=UTF-8''quittance%20%22mars%22%20%C3%A9t%C3%A9.pdf",
                "\(revealed.header("Content-Disposition") ?? "")")

        // Refused: no session, a foreign Host, no CSRF token, an attachment that does not exist.
        #expect(try download(generalFields, port: ines.port, cookie: nil).status == 403)
        #expect(try download(generalFields, port: ines.port, cookie: cookie, host: "evil.example:\(ines.port)").status == 421)
        #expect(try download(Array(generalFields.dropFirst()), port: ines.port, cookie: cookie).status == 403)
        let missing = try download([("csrf", csrf), ("fiche", record), ("partie", "situation"), ("numero", "7")], port: ines.port, cookie: cookie)
        #expect(missing.status == 404 && missing.text.contains("rouvrez le dossier"), "\(missing.status)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: inesTemp.path).isEmpty, "ines's TMPDIR stays empty")

        // The download is logged as `open --reveal --attachments` logs it: the open, then the reveal with its purpose.
        try browser.go("http://127.0.0.1:\(ines.port)/journal?dossier=\(caseID)")
        #expect(try browser.text.contains(downloadPurpose), "the download's purpose is in the log")
        ines.stop()
        let entries = try story.json(["log", "--case", caseID], as: .ines)["entries"] as? [[String: Any]] ?? []
        let withPurpose = entries.filter { $0["purpose"] as? String == downloadPurpose }.compactMap { $0["action"] as? String }
        #expect(withPurpose.sorted() == ["open", "reveal"], "\(withPurpose)")

        // tom, the tenancy unit, gets the general attachment and nothing of the locating one.
        let tom = try UIProcess(story, as: .tom)
        try Self.signIn(browser, tom, story)
        try browser.go("http://127.0.0.1:\(tom.port)/dossiers/\(caseID)")
        source = try browser.source
        #expect(source.contains("Télécharger \(generalName)") && !source.contains("quittance"), "tom sees no locating attachment")
        let tomSession = try #require(try browser.cookies().first { ($0["name"] as? String) == "abri_ui_\(tom.port)" }?["value"] as? String)
        let tomCookie = "abri_ui_\(tom.port)=\(tomSession)"
        let tomCSRF = try #require(Self.csrf(in: source))
        let tomFields = [("csrf", tomCSRF), ("fiche", record), ("partie", "coordonnees"), ("numero", "0"), ("motif", "curiosité")]
        let tomTry = try download(tomFields, port: tom.port, cookie: tomCookie)
        #expect(tomTry.status == 404 && !tomTry.body.starts(with: marker), "tom gets no locating attachment (HTTP \(tomTry.status))")
        let tomGeneral = try download([("csrf", tomCSRF), ("fiche", record), ("partie", "situation"), ("numero", "0")],
                                      port: tom.port, cookie: tomCookie)
        #expect(tomGeneral.status == 200 && tomGeneral.body == general)
        tom.stop()

        // Nothing beside the vault holds the plaintext: only ciphertext was written.
        let folder = URL(fileURLWithPath: story.vault).deletingLastPathComponent().path
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            #expect(data.range(of: Data(marker)) == nil, "\(name) holds an attachment's plaintext")
        }
    }

    @Test func theDepositFormRefusesTooMuchAndMalformedFiles() throws {
        let story = try Story()
        let ui = try UIProcess(story, as: .alice, environment: ["ABRI_TEST_UI_UPLOAD_LIMIT": "4096"])
        let client = try Client(ui, passphrase: story.cli.passphrase)
        let (cookie, csrf) = (client.cookie, client.csrf)
        #expect(client.unlocked.status == 303)
        let boundary = "----abri-test-boundary"
        func multipart(_ parts: [String], closed: Bool = true) -> [UInt8] {
            Array((parts.map { "--\(boundary)\r\n\($0)\r\n" }.joined() + (closed ? "--\(boundary)--\r\n" : "")).utf8)
        }
        func send(_ bytes: [UInt8]) throws -> RawHTTP.Response {
            try RawHTTP.send(port: ui.port, method: "POST", path: "/deposer",
                             headers: [("Cookie", cookie), ("Content-Type", "multipart/form-data; boundary=\(boundary)")], body: bytes)
        }
        let csrfPart = "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)"
        let household = "Content-Disposition: form-data; name=\"g.menage\"\r\n\r\nFOH-2024-000077"
        let big = "Content-Disposition: form-data; name=\"g.pieces\"; filename=\"gros.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            + String(repeating: "x", count: 10_000)
        let tooLarge = try send(multipart([csrfPart, household, big]))
        #expect(tooLarge.status == 413 && tooLarge.text.contains("64 Mio"), "\(tooLarge.status)")
        // No closing delimiter, a header no browser sends, no CSRF token: refused, nothing deposited.
        #expect(try send(multipart([csrfPart, household], closed: false)).status == 400)
        #expect(try send(multipart([csrfPart, "Content-Disposition: form-data; name=\"g.menage\"\r\nX-Other: 1\r\n\r\nx"])).status == 400)
        #expect(try send(multipart([household])).status == 403)
        #expect(try story.caseIDs(as: .alice).count == 1, "nothing was deposited")
        #expect(ui.stop() == .exited(0))
    }

    /// The value of the first hidden field named `name`.
    static func hidden(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"[^\"]*\"", options: .regularExpression) else { return nil }
        return String(html[range].dropFirst("name=\"\(name)\" value=\"".count).dropLast())
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value="([0-9a-f]{64})""#, options: .regularExpression) else { return nil }
        return String(html[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
    }
}
