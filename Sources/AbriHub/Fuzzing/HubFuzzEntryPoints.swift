import AbriPublic
import Foundation
import HTTPTypes

/// The hub's parsers of what anyone on the network sends, for the libFuzzer targets in `Fuzz/` and for the regression
/// tests that replay what they found (`Tests/AbriHubTests/FuzzRegression/`): the vault id of a path, the query of a
/// request target, the three headers of FORMAT §7.2 and the signature over a request.
///
/// A fuzz input is one request, framed simply (LF-separated): the method, the request target, header lines
/// `Name: value` up to an empty line, then the body's bytes. Errors thrown are the hub refusing the request, which is
/// its job; a trap, a memory error or a hang is a bug. Where an encoder exists (a feed cursor's text, a query, an
/// identity line), what parses re-encodes to the same value. Nothing here is used by `abri-hub`.
@_spi(Fuzzing) public enum HubFuzzEntryPoints {
    /// The hub's clock for the fuzz inputs: the seeds are signed at this date (2027-01-15, Unix seconds).
    public static let seedDate: Int64 = 1_800_000_000

    /// Every entry point by name: the name is the folder of its seed corpus and of its regressions.
    public static let all: [(name: String, run: @Sendable ([UInt8]) -> Void)] = [
        ("hub-request", request),
    ]

    /// One request as the hub's routes see it: the vault id of its path, its query as `changes` and `attachments`
    /// read it (with `since` and the feed cursor of `after`), and its signer at `seedDate`.
    public static func request(_ data: [UInt8]) {
        guard let request = framed(data) else { return }
        // The router's `:vault` parameter: the path's fourth segment, as sent and percent-decoded.
        let path = request.pathAndQuery.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if segments.count >= 4 {
            let segment = String(segments[3])
            for text in [segment, segment.removingPercentEncoding].compactMap({ $0 }) {
                if let id = try? HubContext.vaultID(text), id.count != 16 || Hex.encode(id) != text {
                    mismatch("a vault id", data)
                }
            }
        }
        _ = try? HubContext.vaultID(nil)
        _ = try? request.query(allowed: [])
        if let query = try? request.query(allowed: ["since", "after", "attachments"]) {
            checkQuery(query, request, data)
            if let since = query["since"] { _ = Hex.decimal(since).flatMap { Int64(exactly: $0) } }
            if let after = query["after"], let cursor = try? FeedCursor(parsing: after) {
                guard cursor.text == after, (try? FeedCursor(parsing: cursor.text)) == cursor else { mismatch("a feed cursor", data) }
            }
        }
        for value in request.headers[values: HTTPField.Name(RequestSignature.identityHeader)!] {
            if let line = IdentityLine(parsing: value), IdentityLine(parsing: line.line) != line { mismatch("an identity line", data) }
        }
        if let signer = try? request.signer(now: seedDate) {
            guard IdentityLine(parsing: signer.line) == signer, signer.signingKey.count == 32 else { mismatch("a signer", data) }
        }
    }

    /// The identity line that signed a framed request at `seedDate`, nil when the hub would answer 401 (for the tests:
    /// every seed is a request signed as the hub's tests sign them).
    public static func signer(_ data: [UInt8]) -> String? {
        guard let request = framed(data) else { return nil }
        return try? request.signer(now: seedDate).line
    }

    /// A query that parses, written again (each parameter once, sorted), parses to the same parameters. Only for an
    /// ASCII target (what HTTP/1.1 sends): `query(allowed:)` splits on characters, and a value ending in a prepended
    /// mark (U+0600…) would swallow the `&` written after it in another order.
    private static func checkQuery(_ query: [String: String], _ request: HubRequest, _ data: [UInt8]) {
        guard !query.isEmpty, request.pathAndQuery.utf8.allSatisfy({ $0 < 0x80 }),
              let mark = request.pathAndQuery.firstIndex(of: "?") else { return }
        let again = String(request.pathAndQuery[..<mark]) + "?"
            + query.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        let rewritten = HubRequest(method: request.method, pathAndQuery: again, headers: request.headers, body: request.body,
                                   vault: request.vault)
        guard (try? rewritten.query(allowed: ["since", "after", "attachments"])) == query else { mismatch("a query", data) }
    }

    /// The request of a fuzz input: method, target, header lines up to an empty line, body; nil when a header's name
    /// is not a valid field name (the HTTP parser in front of the hub refuses those).
    static func framed(_ data: [UInt8]) -> HubRequest? {
        var lines: [String] = []
        var cursor = 0
        var body: [UInt8] = []
        while cursor <= data.count {
            let end = data[cursor...].firstIndex(of: 10) ?? data.count
            let line = String(decoding: data[cursor ..< end], as: UTF8.self)
            cursor = end + 1
            if lines.count >= 2 && line.isEmpty {
                body = cursor <= data.count ? Array(data[cursor...]) : []
                break
            }
            lines.append(line)
        }
        guard lines.count >= 2 else { return nil }
        var headers = HTTPFields()
        for line in lines.dropFirst(2) {
            guard let colon = line.firstIndex(of: ":"), let name = HTTPField.Name(String(line[..<colon])) else { return nil }
            headers.append(HTTPField(name: name, value: String(line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" })))
        }
        return HubRequest(method: lines[0], pathAndQuery: lines[1], headers: headers, body: body, vault: [])
    }

    private static func mismatch(_ what: String, _ data: [UInt8]) -> Never {
        fatalError("\(what) does not round-trip: \(data.prefix(256))")
    }
}
