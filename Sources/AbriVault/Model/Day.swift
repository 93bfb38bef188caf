import Foundation
public import AbriPublic

/// A calendar date in Europe/Paris, counted in days since 1970-01-01: the only time the store shows in clear.
public struct Day: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let number: Int32

    init(number: Int32) { self.number = number }

    static let paris: TimeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!

    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        return calendar
    }

    /// Today in Paris (in debug builds only, `ABRI_TODAY` replaces the clock in tests of expiry: `VaultEnvironment`).
    public static func today() -> Day {
        VaultEnvironment.current.today()
    }

    init(date: Date) {
        let parts = Day.calendar.dateComponents([.year, .month, .day], from: date)
        self = Day(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    init(year: Int, month: Int, day: Int) {
        // Days from civil (Howard Hinnant's algorithm): exact for the proleptic Gregorian calendar.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        number = Int32(era * 146097 + doe - 719468)
    }

    /// Parses `YYYY-MM-DD` or `DD/MM/YYYY` (64 when it is neither, or not a real date).
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let bad = AbriError.usage("\(trimmed.isEmpty ? "an empty date" : "the date \"\(trimmed)\"") is not a date (write YYYY-MM-DD or DD/MM/YYYY)")
        let parts: [Int]
        if trimmed.contains("-") {
            parts = trimmed.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, trimmed.split(separator: "-")[0].count == 4 else { throw bad }
            self = try Day.validated(year: parts[0], month: parts[1], day: parts[2], bad: bad)
        } else if trimmed.contains("/") {
            parts = trimmed.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 3, trimmed.split(separator: "/")[2].count == 4 else { throw bad }
            self = try Day.validated(year: parts[2], month: parts[1], day: parts[0], bad: bad)
        } else {
            throw bad
        }
    }

    private static func validated(year: Int, month: Int, day: Int, bad: AbriError) throws -> Day {
        guard (1900...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else { throw bad }
        let result = Day(year: year, month: month, day: day)
        guard result.components == (year, month, day) else { throw bad }
        return result
    }

    var components: (Int, Int, Int) {
        let z = Int(number) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }
}

/// Full timestamps, which appear only inside sealed data.
enum Clock {
    /// Now, UTC, to the second: `2026-11-22T10:00:00Z` (formatted by hand: a date formatter, or even `String(format:)`,
    /// costs more per call than the cryptography of a record).
    static func now() -> String {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var text: [UInt8] = []
        text.reserveCapacity(20)
        func digits(_ value: Int32, _ width: Int) {
            var divisor: Int32 = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                text.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(parts.tm_year + 1900, 4); text.append(UInt8(ascii: "-"))
        digits(parts.tm_mon + 1, 2); text.append(UInt8(ascii: "-"))
        digits(parts.tm_mday, 2); text.append(UInt8(ascii: "T"))
        digits(parts.tm_hour, 2); text.append(UInt8(ascii: ":"))
        digits(parts.tm_min, 2); text.append(UInt8(ascii: ":"))
        digits(parts.tm_sec, 2); text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }
}
