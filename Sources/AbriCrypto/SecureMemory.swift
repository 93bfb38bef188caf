import Foundation

/// What the process has locked in memory, so callers can tell whether secrets may reach swap.
public enum SecureMemory {
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
