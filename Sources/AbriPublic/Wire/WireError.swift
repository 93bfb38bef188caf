/// Why bytes from the network were refused by the wire codec (Docs/FORMAT.md §7.1, §7.2).
public enum WireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes end before the structure they announce.
    case truncated
    /// Bytes remain after a complete structure.
    case trailingBytes
    /// A field holds a value the format does not allow; the text says which.
    case invalid(String)

    public var description: String {
        switch self {
        case .truncated: "the message ends too early"
        case .trailingBytes: "the message has bytes after its end"
        case .invalid(let what): "the message is malformed: \(what)"
        }
    }
}
