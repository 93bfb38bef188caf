import Foundation

/// How values read in human output: sizes, times, log actions and partner kinds in the reader's language.
///
/// `--json` never goes through here: it keeps bytes, UTC ISO 8601 times and the English names of actions and kinds.
enum Human {
    /// « 1,5 Gio » in French, "1.5 GiB" in English (binary units, one decimal).
    static func size(_ bytes: Int, language: Language = .current) -> String {
        let units = language == .french ? ["o", "Kio", "Mio", "Gio", "Tio"] : ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        guard unit > 0 else { return "\(bytes) \(units[0])" }
        let number = String(format: "%.1f", value)
        return (language == .french ? number.replacingOccurrences(of: ".", with: ",") : number) + " " + units[unit]
    }

    /// The time zone of human output: `TZ` when set, else Europe/Paris in French (the vault's people are in
    /// France), else the machine's.
    static func timeZone(environment: [String: String] = ProcessInfo.processInfo.environment,
                         language: Language = .current) -> TimeZone {
        if let name = environment["TZ"], !name.isEmpty {
            // POSIX allows a leading colon (`TZ=:Europe/Paris`).
            let trimmed = name.hasPrefix(":") ? String(name.dropFirst()) : name
            if let zone = TimeZone(identifier: trimmed) { return zone }
        }
        if language == .french, let paris = TimeZone(identifier: "Europe/Paris") { return paris }
        return TimeZone.current
    }

    /// A stored time (UTC ISO 8601, `2026-12-01T17:02:18Z`) as people read it, in their time zone:
    /// « 1 déc. 2026, 18:02 », "1 Dec 2026, 18:02". A day alone (`2026-12-01`) reads « 1 déc. 2026 »;
    /// anything else is shown as it is.
    static func time(_ stored: String, language: Language = .current, timeZone: TimeZone = Human.timeZone()) -> String {
        if let date = parseInstant(stored) {
            return formatter("d MMM y, HH:mm", language: language, timeZone: timeZone).string(from: date)
        }
        if let day = parseDay(stored) {
            return formatter("d MMM y", language: language, timeZone: utc).string(from: day)
        }
        return stored
    }

    /// An instant as people read it, in their time zone: « 1 déc. 2026, 18:02 ».
    static func time(_ date: Date, language: Language = .current, timeZone: TimeZone = Human.timeZone()) -> String {
        formatter("d MMM y, HH:mm", language: language, timeZone: timeZone).string(from: date)
    }

    /// A day (`2026-12-01`) as people read it: « 1 déc. 2026 ».
    static func day(_ stored: String, language: Language = .current) -> String {
        guard let day = parseDay(stored) else { return stored }
        return formatter("d MMM y", language: language, timeZone: utc).string(from: day)
    }

    private static let utc = TimeZone(identifier: "UTC")!

    private static func parseInstant(_ text: String) -> Date? {
        cache.lock()
        defer { cache.unlock() }
        if let date = instantParsers.plain.date(from: text) { return date }
        return instantParsers.fractional.date(from: text)
    }

    /// Formatters cost far more to make than to use: a listing of thousands of cases makes each once.
    private static let cache = NSLock()
    nonisolated(unsafe) private static var formatters: [String: DateFormatter] = [:]
    nonisolated(unsafe) private static let instantParsers: (plain: ISO8601DateFormatter, fractional: ISO8601DateFormatter) = {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return (plain, fractional)
    }()

    private static func parseDay(_ text: String) -> Date? {
        guard text.count == 10 else { return nil }
        return formatter("yyyy-MM-dd", language: .english, timeZone: utc).date(from: text)
    }

    private static func formatter(_ format: String, language: Language, timeZone: TimeZone) -> DateFormatter {
        let key = "\(format)|\(language == .french ? "fr" : "en")|\(timeZone.identifier)"
        cache.lock()
        defer { cache.unlock() }
        if let known = formatters[key] { return known }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language == .french ? "fr_FR" : "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = format
        formatters[key] = formatter
        return formatter
    }

    /// A log action (`member-add`) in the reader's language (« ajout de membre »); an action this version does not
    /// know stays as it is.
    static func action(_ name: String, language: Language = .current) -> String {
        guard language == .french else { return name }
        return Catalogue.actions[name] ?? name
    }

    /// A partner kind (`legal-aid`) in the reader's language (« accès au droit »).
    static func kind(_ name: String, language: Language = .current) -> String {
        guard language == .french else { return name }
        return Catalogue.kinds[name] ?? name
    }
}
