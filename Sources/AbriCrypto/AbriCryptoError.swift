/// The errors AbriCrypto throws; their messages never contain data.
public enum AbriCryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The key was wrong, or the data was altered (or truncated, reordered or replayed).
    case authenticationFailed
    /// An input had a length the operation cannot take; the text names the input, never its value.
    case invalidLength(String)
    /// Secure memory could not be allocated.
    case outOfMemory
    /// Another operation failed; the text says which, in lower case.
    case failure(String)

    /// A lower-case sentence saying what went wrong, without any data.
    public var message: String {
        switch self {
        case .authenticationFailed: "wrong key, or the data was altered"
        case .invalidLength(let what): "invalid length: \(what)"
        case .outOfMemory: "out of secure memory"
        case .failure(let what): what
        }
    }

    /// The same text as `message`.
    public var description: String { message }
}
