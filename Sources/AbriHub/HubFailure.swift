import AbriPublic

/// Why the hub refuses a request; each case is one HTTP status (`Routes/HubResponses.swift`).
enum HubFailure: Error, Equatable {
    /// 400: the request is not one of §7.2 (a path, a query or a body that does not parse).
    case badRequest(String)
    /// 401: the signature, the date or the caller does not check out. Deliberately without a reason.
    case unauthorized
    /// 404: no such vault.
    case notFound
    /// 409: the vault exists already (create), or the push's base is not the hub's sequence.
    case conflict
    /// 413: the body is larger than the hub accepts.
    case tooLarge
    /// 422: the push breaks a rule of §7.3; the text says which.
    case refused(String)
    /// 503: the database cannot be reached.
    case unavailable
}
