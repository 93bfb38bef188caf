import AbriPublic
import HTTPTypes

/// A request as the routes see it: its signed parts, its whole body, and the vault its path names.
struct HubRequest: Sendable {
    let method: String
    /// The request target exactly as sent (`path?query`): what the signature covers.
    let pathAndQuery: String
    let headers: HTTPFields
    let body: [UInt8]
    let vault: [UInt8]

    /// The caller, once the signature and the date check out (401 otherwise).
    func signer(now: Int64) throws(HubFailure) -> IdentityLine {
        try RequestAuth.signer(method: method, pathAndQuery: pathAndQuery, headers: headers, body: body, now: now)
    }

    /// The body as a change list (400 when it does not decode).
    func changeList() throws(HubFailure) -> ChangeList {
        do {
            return try ChangeList(decoding: body)
        } catch {
            throw .badRequest(error.description)
        }
    }

    /// The query's parameters, each allowed name at most once; anything else is a 400.
    func query(allowed: Set<String>) throws(HubFailure) -> [String: String] {
        guard let mark = pathAndQuery.firstIndex(of: "?") else { return [:] }
        var parameters: [String: String] = [:]
        for item in pathAndQuery[pathAndQuery.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, allowed.contains(String(parts[0])), parameters[String(parts[0])] == nil else {
                throw .badRequest("the query takes \(allowed.sorted().joined(separator: " and ")), each once")
            }
            parameters[String(parts[0])] = String(parts[1])
        }
        return parameters
    }
}
