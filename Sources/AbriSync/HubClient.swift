public import AbriPublic
public import AbriVault
import Dispatch
public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// The hub's HTTP protocol, client side (Docs/FORMAT.md §7.2): every request signed by the acting identity, every
/// answer decoded strictly; what the answers say is checked again by the vault (§7.3).
public struct HubClient: Sendable {
    /// The hub's base address, without a trailing slash.
    public let address: String
    /// The vault's id, hex.
    public let vaultHex: String

    /// A client for `vaultHex` on the hub at `address`: HTTPS, or plain HTTP on a loopback address only (64 otherwise).
    public init(address: String, vaultHex: String) throws {
        let trimmed = address.hasSuffix("/") ? String(address.dropLast()) : address
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), let host = url.host,
              url.path.isEmpty || url.path == "/", url.query == nil else {
            throw AbriError.usage("that hub address is not a URL such as https://hub.example.org (check --hub)")
        }
        guard scheme == "https" || (scheme == "http" && Self.isLoopback(host)) else {
            throw AbriError.usage("a hub is reached over https, or plain http on this machine only (127.0.0.1, ::1 or localhost)")
        }
        self.address = trimmed
        self.vaultHex = vaultHex
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Creates the vault on the hub with every row it holds; the administrator signs.
    public func create(_ changes: [WireChange], signer: HubSigner) throws -> UInt64 {
        let answer = try send("PUT", "/v1/vaults/\(vaultHex)", body: ChangeList(base: 0, changes: changes).encoded(), signer: signer)
        switch answer.status {
        case 200, 201: return try sequence(answer.body)
        case 409: throw AbriError.cannotCreate("the hub already holds a vault with this id (clone it with `abri clone` instead)")
        default: throw refusal(answer)
        }
    }

    /// One page of the vault's changes after `since` (and after `cursor`, within a pull).
    /// With `attachmentsOnDemand`, the page leaves out the attachments' rows, not their deletions (FORMAT §7.5).
    public func page(since: UInt64, after cursor: FeedCursor?, attachmentsOnDemand: Bool = false, signer: HubSigner) throws -> FeedPage {
        var path = "/v1/vaults/\(vaultHex)/changes?since=\(since)"
        if let cursor { path += "&after=\(cursor.text)" }
        if attachmentsOnDemand { path += "&attachments=on-demand" }
        let answer = try send("GET", path, body: [], signer: signer)
        guard answer.status == 200 else { throw refusal(answer) }
        do { return try FeedPage(decoding: answer.body) } catch {
            throw AbriError.badData("the hub sent a damaged page of changes: nothing was changed (run `abri verify --hub`)")
        }
    }

    /// The sealed segments of the attachment `blob`, in order, for a replica that fetches attachments on demand; nil
    /// when the hub holds none. Only the rows' shape is checked here: every segment is opened and checked by the key
    /// of the record that names it.
    public func attachment(_ blob: [UInt8], signer: HubSigner) throws -> [[UInt8]]? {
        let answer = try send("GET", "/v1/vaults/\(vaultHex)/attachments/\(Hex.encode(blob))", body: [], signer: signer)
        if answer.status == 404 { return nil }
        guard answer.status == 200 else { throw refusal(answer) }
        let damaged = AbriError.badData("the hub sent a damaged attachment: nothing was opened (run `abri verify --hub`)")
        guard let list = try? ChangeList(decoding: answer.body) else { throw damaged }
        return try list.changes.enumerated().map { index, change in
            guard change.table == "chunks", change.key["blob"]?.bytes == blob, change.key["n"]?.integer == Int64(index),
                  let values = change.values, values["blob"]?.bytes == blob, values["n"]?.integer == Int64(index),
                  let data = values["data"]?.bytes else { throw damaged }
            return data
        }
    }

    /// Sends the rows a command changed on top of `base`; the hub's new sequence, or `HubConflict` when it moved on.
    public func push(base: UInt64, changes: [WireChange], signer: HubSigner) throws -> UInt64 {
        let answer = try send("POST", "/v1/vaults/\(vaultHex)/push", body: ChangeList(base: base, changes: changes).encoded(), signer: signer)
        switch answer.status {
        case 200, 201: return try sequence(answer.body)
        case 409: throw HubConflict()
        default: throw refusal(answer)
        }
    }

    /// The hub's sequence and the newest head it holds.
    public func head(signer: HubSigner) throws -> HeadAnswer {
        let answer = try send("GET", "/v1/vaults/\(vaultHex)/head", body: [], signer: signer)
        guard answer.status == 200 else { throw refusal(answer) }
        do { return try HeadAnswer(decoding: answer.body) } catch {
            throw AbriError.badData("the hub sent a damaged head (run `abri verify --hub`)")
        }
    }

    private func sequence(_ body: [UInt8]) throws -> UInt64 {
        guard body.count == 8 else { throw AbriError.badData("the hub sent a damaged answer: nothing was changed (try again; if it goes on, tell the administrator)") }
        return body.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    /// The contract's error for an answer that is not a success.
    private func refusal(_ answer: (status: Int, body: [UInt8])) -> AbriError {
        switch answer.status {
        case 401, 403:
            return .notPermitted("the hub refused this identity: only the vault's administrator and its current members may use it (check --as)")
        case 404:
            return .noInput("the hub holds no vault with this id (check the address and the vault id)")
        case 422:
            // The hub's reason, as printable ASCII only: it is not trusted to write to a terminal.
            let reason = String(decoding: answer.body.prefix(200).filter { $0 >= 0x20 && $0 < 0x7f }, as: UTF8.self)
            return .badData("the hub refused the change (\(reason)): nothing was changed (run `abri verify`)")
        case 413:
            return .io("the change is too large for the hub (an attachment of several hundred MiB); nothing was changed (send that case as a bundle with `abri export`)")
        case 429, 500 ... 599:
            return .busy("the hub is busy or failing; nothing was changed (try again in a moment)")
        default:
            return .io("the hub answered \(answer.status); nothing was changed (check the hub's address)")
        }
    }

    /// One signed request; a network failure is 75 (nothing was half sent: the hub applies a push whole or not at all).
    private func send(_ method: String, _ pathAndQuery: String, body: [UInt8], signer: HubSigner) throws -> (status: Int, body: [UInt8]) {
        let date = Int64(Date().timeIntervalSince1970)
        let signature = try signer.sign(RequestSignature.text(method: method, pathAndQuery: pathAndQuery, date: date, body: body))
        guard let url = URL(string: address + pathAndQuery) else {
            throw AbriError.usage("that hub address is not a URL such as https://hub.example.org (check --hub)")
        }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: 120)
        request.httpMethod = method
        request.setValue(signer.line, forHTTPHeaderField: RequestSignature.identityHeader)
        request.setValue(String(date), forHTTPHeaderField: RequestSignature.dateHeader)
        request.setValue(Data(signature).base64EncodedString(), forHTTPHeaderField: RequestSignature.signatureHeader)
        if method != "GET" {
            request.httpBody = Data(body)
            request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
        }
        let outcome = Mutex<(status: Int, body: [UInt8])?>(nil)
        let failure = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = Self.session.dataTask(with: request) { data, response, error in
            if let response = response as? HTTPURLResponse, error == nil {
                let bytes = data.map { [UInt8]($0) } ?? []
                outcome.withLock { $0 = (response.statusCode, bytes) }
            } else {
                failure.withLock { $0 = error?.localizedDescription ?? "no answer" }
            }
            done.signal()
        }
        task.resume()
        done.wait()
        if let answer = outcome.withLock({ $0 }) { return answer }
        throw AbriError.busy("the hub at \(address) cannot be reached; nothing was changed (reads still work on this machine's copy: try again when the network is back)")
    }

    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.timeoutIntervalForRequest = 120
        return URLSession(configuration: configuration)
    }()
}
