/// Everything a user can cause, with the exit code of the command-line contract.
///
/// Each message is lower case, names what went wrong and, in parentheses, what to do next.
/// No message ever carries a secret, a record field or a locating field.
public enum AbriError: Error, Equatable, Sendable {
    /// A usage error: unknown flag, missing argument or consent, unknown partner, no passphrase source (64).
    case usage(String)
    /// Malformed or forged input, a failed integrity check, tampering or rollback (65).
    case badData(String)
    /// An input file or the vault does not exist or cannot be read (66).
    case noInput(String)
    /// An output cannot be created: it exists, or the path is unsafe (73).
    case cannotCreate(String)
    /// An I/O error such as a full disk; nothing was half-written (74).
    case io(String)
    /// The vault stayed busy past the wait (75).
    case busy(String)
    /// Not permitted: wrong passphrase, unknown case or no grant, not an administrator (77).
    case notPermitted(String)
    /// A bug (70).
    case internalError(String)

    /// The sysexits code the CLI returns for this error.
    public var exitCode: Int32 {
        switch self {
        case .usage: 64
        case .badData: 65
        case .noInput: 66
        case .cannotCreate: 73
        case .io: 74
        case .busy: 75
        case .notPermitted: 77
        case .internalError: 70
        }
    }

    /// The one-line message, without the `abri: ` prefix.
    public var message: String {
        switch self {
        case .usage(let m), .badData(let m), .noInput(let m), .cannotCreate(let m),
             .io(let m), .busy(let m), .notPermitted(let m), .internalError(let m):
            m
        }
    }
}
