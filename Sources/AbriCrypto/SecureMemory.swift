import Foundation
import CSodium

/// What the process has locked in memory, so callers can tell whether secrets may reach swap.
public enum SecureMemory {
    /// Overwrites `buffer` with zeros in a way the compiler keeps (`sodium_memzero`): for plain
    /// working buffers that held secrets, before they are freed.
    public static func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        sodium_memzero(base, buffer.count)
    }

    /// The bytes locked by this process (`VmLck` in /proc/self/status), or nil where that is unknown.
    public static func lockedBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmLck:") {
            // The line reads "VmLck:\t     123 kB".
            let fields = line.dropFirst("VmLck:".count).split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let value = fields.first.flatMap({ Int($0) }) else { return nil }
            return fields.count > 1 && fields[1] == "kB" ? value * 1024 : value
        }
        return nil
    }
}
