import AbriVault
import Foundation
import Hummingbird

/// The one session of the interface, and the pages it leads to.
///
/// One person at a time: the entry address (a one-time token) opens one session, whose cookie is the only key to
/// the pages; the unlocked identity lives in `Session.member`, and goes with the session when it ends. Every page
/// runs here, one at a time, as the CLI's commands run one at a time on a vault.
actor UIState {
    /// The cookie's name carries the port: cookies are shared by every port of a host, and two interfaces may run.
    var cookieName: String { "abri_ui_\(port)" }

    struct Session {
        let id: String
        /// The token every form must carry (a form posted from another site cannot know it).
        let csrf: String
        var member: MemberSession?
        /// The administrator's session, when the acting identity is the vault's administrator: it holds no key that
        /// opens a case, and its pages offer none.
        var administrator: AdminSession?
        /// `partner/name`, once unlocked.
        var who = ""
        var lastSeen = ContinuousClock.now
        var failedUnlocks = 0

        /// The acting partner's id.
        var partner: String { String(who.split(separator: "/").first ?? "") }
    }

    let backend: UIBackend
    let idleLimit: Duration
    /// The largest deposit form, attachments included, in bytes.
    let uploadLimit: Int
    let onEntry: @Sendable (String) -> Void
    private(set) var port = 0
    private var entryToken: String?
    var session: Session?

    /// Wrong passphrases a session may type before it ends (a fresh entry address is then needed).
    static let unlockTries = 5

    init(backend: UIBackend, idleLimit: Duration, uploadLimit: Int, onEntry: @escaping @Sendable (String) -> Void) {
        self.backend = backend
        self.idleLimit = idleLimit
        self.uploadLimit = uploadLimit
        self.onEntry = onEntry
    }

    var words: UIWords { backend.words }

    func listening(port: Int) {
        self.port = port
        issueEntry()
    }

    /// A fresh one-time entry address, given to the terminal.
    private func issueEntry() {
        let token = Self.randomToken()
        entryToken = token
        onEntry("http://127.0.0.1:\(port)/entree?jeton=\(token)")
    }

    /// Ends the session: the identity is dropped (its keys wiped), and, unless the server stops, a new entry
    /// address is given.
    func end(reason: String?) {
        session = nil
        if reason != nil { issueEntry() }
    }

    func endIfIdle() {
        guard let session, ContinuousClock.now - session.lastSeen > idleLimit else { return }
        end(reason: "idle")
    }

    // MARK: Dispatch

    func handle(_ request: UIRequest) -> UIReply {
        if request.path == "/entree" { return enter(token: request.query["jeton"]) }
        guard var current = session, let cookie = request.cookie, Self.equal(cookie, current.id) else {
            return .refusal(.forbidden, tr("Unknown or ended session: open the address abri ui shows in the terminal."), words: words)
        }
        guard ContinuousClock.now - current.lastSeen <= idleLimit else {
            end(reason: "idle")
            return .refusal(.forbidden, tr("Session ended after 15 minutes without activity: open the new address abri ui shows in the terminal."),
                            words: words)
        }
        current.lastSeen = .now
        session = current
        if request.method == "POST" {
            guard let token = request.form["csrf"], Self.equal(token, current.csrf) else {
                return .refusal(.forbidden, tr("This form does not carry the session's token: it is refused (reload the page)."), words: words)
            }
        }
        if request.path == "/quitter" && request.method == "POST" {
            end(reason: "logout")
            return .page(Page(title: tr("Session closed"), body: Page.notice(
                tr("Your identity is forgotten. To come back, open the new address abri ui shows in the terminal."), kind: "succes"),
                words: words))
        }
        guard current.member != nil || current.administrator != nil else {
            switch (request.method, request.path) {
            case ("GET", "/"): return unlockPage(error: nil)
            case ("POST", "/deverrouiller"): return unlock(request.form)
            default: return .redirect("/")
            }
        }
        // On a replica, the hub's changes come in before any page reads the vault.
        do {
            try backend.refresh()
        } catch {
            let (status, sentence) = failure(error)
            return signedIn(tr("Vault unavailable"), Page.notice(sentence, kind: "erreur"), status: status)
        }
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if current.administrator != nil { return administratorPage(request, parts: parts) }
        switch (request.method, parts.first, parts.count) {
        case ("GET", nil, _): return .redirect("/dossiers")
        case ("GET", "dossiers", 1):
            return caseList(household: request.query.text("menage"), status: request.query.text("etat"), since: request.query.text("depuis"))
        case ("GET", "dossiers", 2): return casePage(parts[1], reveal: nil)
        case ("POST", "dossiers", 3) where parts[2] == "reveler": return casePage(parts[1], reveal: request.form.text("motif") ?? "")
        case ("POST", "dossiers", 3) where parts[2] == "piece": return download(parts[1], form: request.form)
        case ("GET", "dossiers", 3) where parts[2] == "partager": return sharePage(parts[1], form: nil, notice: nil)
        case ("POST", "dossiers", 3) where parts[2] == "partager": return share(parts[1], form: request.form)
        case ("GET", "dossiers", 3) where parts[2] == "retirer": return withdrawPage(parts[1])
        case ("POST", "dossiers", 3) where parts[2] == "retirer": return withdraw(parts[1], form: request.form)
        case ("GET", "deposer", 1): return depositPage(form: nil, notice: nil)
        case ("POST", "deposer", 1): return deposit(request.form, files: request.files)
        case ("GET", "approbations", 1): return approvalsPage(notice: nil)
        case ("POST", "approbations", 1): return approve(request.form)
        case ("GET", "journal", 1): return logPage(caseID: request.query.text("dossier"), household: request.query.text("menage"))
        default:
            return signedIn(tr("Page not found"), Page.notice(tr("This page does not exist."), kind: "erreur"), status: .notFound)
        }
    }

    private func enter(token: String?) -> UIReply {
        guard let expected = entryToken, let token, Self.equal(token, expected) else {
            return .refusal(.forbidden, tr("This entry address was already used or is not the right one: open the last address abri ui shows in the terminal."),
                            words: words)
        }
        entryToken = nil
        let id = Self.randomToken()
        session = Session(id: id, csrf: Self.randomToken())
        return .redirect("/", setCookie: "\(cookieName)=\(id); Path=/; HttpOnly; SameSite=Strict")
    }

    // MARK: Unlock

    private func unlockPage(error: String?, status: HTTPResponse.Status = .ok) -> UIReply {
        let csrf = session?.csrf ?? ""
        var body = error.map { Page.notice($0, kind: "erreur") } ?? ""
        body += """
        <p>\(HTML.escape(tr("Your passphrase unlocks your identity for this session only: it is kept nowhere, and the identity is forgotten when you sign out or after 15 minutes without activity.")))</p>
        <form method="post" action="/deverrouiller">\(Page.csrfField(csrf))
        <p class="field"><label for="passphrase">\(HTML.escape(tr("Passphrase")))</label>
        <input type="password" id="passphrase" name="passphrase" autocomplete="current-password" required autofocus></p>
        <p><button type="submit">\(HTML.escape(tr("Unlock")))</button></p>
        </form>
        """
        return .page(Page(title: tr("Unlock your identity"), body: body, words: words), status: status)
    }

    private func unlock(_ form: FormBody) -> UIReply {
        guard var current = session else { return .redirect("/") }
        let typed = Array((form["passphrase"] ?? "").utf8)
        guard !typed.isEmpty else { return unlockPage(error: tr("Type your passphrase."), status: .badRequest) }
        do {
            if let unlockAdministrator = backend.unlockAdministrator {
                current.administrator = try typed.withUnsafeBytes { try unlockAdministrator($0) }
                current.who = tr("the administrator")
                current.failedUnlocks = 0
                session = current
                return .redirect("/administration")
            }
            let member = try typed.withUnsafeBytes { try backend.unlock($0) }
            // The session's first command checks the membership, files incoming grants and finishes pending work.
            _ = try member.cases()
            current.member = member
            current.who = member.handle ?? ""
            current.failedUnlocks = 0
            session = current
            return .redirect("/dossiers")
        } catch {
            current.failedUnlocks += 1
            session = current
            if current.failedUnlocks >= Self.unlockTries {
                end(reason: "tries")
                return .refusal(.forbidden, tr("Too many tries: the session is closed. Open the new address abri ui shows in the terminal."),
                                words: words)
            }
            let (status, sentence) = failure(error)
            return unlockPage(error: sentence, status: status)
        }
    }

    // MARK: Helpers for the pages

    /// A page for the signed-in person, with the navigation.
    func signedIn(_ title: String, _ body: String, status: HTTPResponse.Status = .ok) -> UIReply {
        .page(Page(title: title, body: body, words: words,
                   signedIn: session.map { ($0.who, $0.csrf, $0.administrator != nil) }), status: status)
    }

    /// A catalogue template with its values, in the reader's language: the CLI's `tr`.
    func tr(_ template: String, _ arguments: any CustomStringConvertible...) -> String {
        words.text(template, arguments.map(\.description))
    }

    var csrfField: String { Page.csrfField(session?.csrf ?? "") }

    /// An error as the CLI would say it, in French, and the HTTP status of its exit code.
    func failure(_ error: any Error) -> (HTTPResponse.Status, String) {
        guard let error = error as? AbriError else {
            return (.internalServerError, words.message("internal error (please report it)"))
        }
        let sentence = words.message(error.message)
        switch error.exitCode {
        case 77: return (.forbidden, sentence)
        case 64, 65: return (.badRequest, sentence)
        case 66: return (.notFound, sentence)
        case 75: return (.serviceUnavailable, sentence)
        default: return (.internalServerError, sentence)
        }
    }

    /// The partners of the vault other than the acting one, as the roster names them.
    func otherPartners() -> [Partner] {
        let own = session?.partner ?? ""
        return ((try? backend.vault.currentRoster().partners) ?? []).filter { $0.id != own }
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0 ..< 32).map { _ in String(format: "%02x", UInt8.random(in: 0 ... 255, using: &generator)) }.joined()
    }

    /// Compares two tokens in a time that does not depend on where they differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
