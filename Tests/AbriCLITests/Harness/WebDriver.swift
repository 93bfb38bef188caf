import AbriTestSupport
import Foundation

/// Headless Chromium driven through chromedriver's WebDriver protocol (HTTP and JSON), started with posix_spawn.
///
/// Debian's `chromium` and `chromium-driver` are installed through apt when missing (`make deps` does it too);
/// a machine where they cannot be installed fails the test, it never skips it.
final class WebDriver: @unchecked Sendable {
    enum Failure: Error, CustomStringConvertible {
        case missing(String)
        case command(String, Int, String)
        var description: String {
            switch self {
            case .missing(let what): what
            case let .command(what, status, text): "WebDriver \(what): HTTP \(status) \(text.prefix(600))"
            }
        }
    }

    static let chromium = "/usr/bin/chromium"
    static let chromedriver = "/usr/bin/chromedriver"

    private let driver: Child
    private let port: Int
    private let session: String
    private let log: String

    /// Starts chromedriver on a free port and opens one headless browser.
    init(folder: String) throws {
        try Self.install()
        port = try RawHTTP.freePort()
        log = folder + "/chromedriver.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        driver = try Child(Self.chromedriver, ["--port=\(port)"], stdout: .file(log), stderr: .file(log))
        let deadline = Date().addingTimeInterval(30)
        while true {
            if let status = try? RawHTTP.send(port: port, method: "GET", path: "/status", timeout: 5), status.status == 200 { break }
            guard Date() < deadline, driver.isRunning else {
                driver.send(SIGKILL)
                throw Failure.missing("chromedriver did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
            }
            usleep(50_000)
        }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": [
                "binary": Self.chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=\(Self.windowWidth),\(Self.windowHeight)",
                         "--lang=fr-FR", "--no-first-run", "--disable-extensions", "--user-data-dir=\(folder)/profile"],
            ],
        ]]]
        do {
            let answer = try Self.call(port: port, "POST", "/session", capabilities)
            guard let value = answer as? [String: Any], let id = value["sessionId"] as? String else {
                throw Failure.missing("no WebDriver session in \(String(describing: answer))")
            }
            session = id
        } catch {
            driver.send(SIGKILL)
            driver.wait()
            throw error
        }
    }

    deinit {
        _ = try? Self.call(port: port, "DELETE", "/session/\(session)", nil)
        driver.send(SIGTERM)
        if driver.wait(timeout: 5) == nil {
            driver.send(SIGKILL)
            driver.wait()
        }
    }

    /// Installs Debian's chromium and chromium-driver when they are missing (as root; else fails with what to run).
    static func install() throws {
        let manager = FileManager.default
        if manager.isExecutableFile(atPath: chromium) && manager.isExecutableFile(atPath: chromedriver) { return }
        guard getuid() == 0 else {
            throw Failure.missing("chromium and chromium-driver are missing: run `make deps` (or apt-get install chromium chromium-driver)")
        }
        _ = try Child.run("/usr/bin/apt-get", ["update", "-qq"], timeout: 600)
        let install = try Child.run("/usr/bin/apt-get", ["install", "-y", "-qq", "chromium", "chromium-driver"],
                                    environment: ["DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"], timeout: 1200)
        guard install.ending == .exited(0), manager.isExecutableFile(atPath: chromedriver) else {
            throw Failure.missing("apt-get could not install chromium and chromium-driver: \(String(decoding: install.stderr, as: UTF8.self))")
        }
    }

    // MARK: Commands

    func go(_ url: String) throws { try command("POST", "url", ["url": url]) }

    var url: String { get throws { try command("GET", "url", nil) as? String ?? "" } }

    var title: String { get throws { try command("GET", "title", nil) as? String ?? "" } }

    /// The page's source as the browser holds it now (the DOM, serialised).
    var source: String { get throws { try command("GET", "source", nil) as? String ?? "" } }

    /// The text of the page's body as a person reads it.
    var text: String { get throws { try text(of: try find("body")) } }

    func find(_ css: String) throws -> String {
        let value = try command("POST", "element", ["using": "css selector", "value": css])
        guard let element = (value as? [String: Any])?.values.first as? String else { throw Failure.missing("no element \(css)") }
        return element
    }

    func findAll(_ css: String) throws -> [String] {
        let value = try command("POST", "elements", ["using": "css selector", "value": css]) as? [[String: Any]] ?? []
        return value.compactMap { $0.values.first as? String }
    }

    func type(_ css: String, _ text: String) throws {
        try command("POST", "element/\(try find(css))/value", ["text": text])
    }

    func click(_ css: String) throws {
        try command("POST", "element/\(try find(css))/click", [:])
    }

    /// Clicks a button that sends a form, and waits until the answer's page has replaced this one.
    func submit(_ css: String) throws {
        let page = try find("html")
        try click(css)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            do {
                _ = try command("GET", "element/\(page)/name", nil)
            } catch Failure.command(_, let status, _) where status == 404 {
                return
            } catch Failure.command(_, let status, let body) where status == 500 && body.contains("does not belong to the document") {
                // Chromium's own word for the same thing, when the old page goes while it is being asked.
                return
            }
            usleep(20_000)
        }
        throw Failure.missing("the form sent by \(css) led to no new page")
    }

    func text(of element: String) throws -> String {
        try command("GET", "element/\(element)/text", nil) as? String ?? ""
    }

    func attribute(_ css: String, _ name: String) throws -> String? {
        try command("GET", "element/\(try find(css))/property/\(name)", nil) as? String
    }

    func isEnabled(_ css: String) throws -> Bool {
        try command("GET", "element/\(try find(css))/enabled", nil) as? Bool ?? false
    }

    /// The text of an open alert, nil when none is open.
    func alertText() throws -> String? {
        do {
            return try command("GET", "alert/text", nil) as? String
        } catch Failure.command(_, let status, _) where status == 404 {
            return nil
        }
    }

    /// Writes a PNG of the whole page: the window grows to the page's height for it, then comes back.
    func screenshot(to path: String) throws {
        let height = try command("POST", "execute/sync", ["script": "window.scrollTo(0, 0); return document.documentElement.scrollHeight", "args": []]) as? Int ?? 0
        let grown = height > Self.windowHeight
        if grown { try command("POST", "window/rect", ["width": Self.windowWidth, "height": min(height + 120, 6000)]) }
        defer { if grown { _ = try? command("POST", "window/rect", ["width": Self.windowWidth, "height": Self.windowHeight]) } }
        guard let encoded = try command("GET", "screenshot", nil) as? String, let data = Data(base64Encoded: encoded) else {
            throw Failure.missing("no screenshot")
        }
        try data.write(to: URL(fileURLWithPath: path))
    }

    static let windowWidth = 1280
    static let windowHeight = 1000

    /// Cookies, as the browser keeps them.
    func cookies() throws -> [[String: Any]] { try command("GET", "cookie", nil) as? [[String: Any]] ?? [] }

    @discardableResult
    private func command(_ method: String, _ path: String, _ body: [String: Any]?) throws -> Any? {
        try Self.call(port: port, method, "/session/\(session)/\(path)", body)
    }

    private static func call(port: Int, _ method: String, _ path: String, _ body: [String: Any]?) throws -> Any? {
        let bytes = try body.map { Array(try JSONSerialization.data(withJSONObject: $0)) } ?? []
        let answer = try RawHTTP.send(port: port, method: method, path: path,
                                      headers: body == nil ? [] : [("Content-Type", "application/json; charset=utf-8")], body: bytes)
        let document = try? JSONSerialization.jsonObject(with: Data(answer.body), options: [.fragmentsAllowed]) as? [String: Any]
        guard answer.status == 200 else { throw Failure.command("\(method) \(path)", answer.status, answer.text) }
        return document?["value"] ?? nil
    }
}
