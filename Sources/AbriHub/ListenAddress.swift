import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `HOST:PORT` (or `[IPv6]:PORT`) for `abri-hub serve --listen`, and whether the host is a loopback address, the only
/// place where plain HTTP is allowed (FORMAT §7.2).
public struct ListenAddress: Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public init(parsing text: String) throws(HubUsageError) {
        let host: Substring, port: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex) ..< close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw HubUsageError("--listen takes HOST:PORT, [IPV6]:PORT") }
            port = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw HubUsageError("--listen takes HOST:PORT") }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let number = Int(port), (0 ... 65535).contains(number) else {
            throw HubUsageError("--listen takes HOST:PORT with a port from 0 to 65535")
        }
        self.host = String(host)
        self.port = number
    }

    /// True for `localhost`, 127.0.0.0/8 and ::1.
    public var isLoopback: Bool {
        if host == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: v6) { $0.elementsEqual([UInt8](repeating: 0, count: 15) + [1]) }
        }
        return false
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
