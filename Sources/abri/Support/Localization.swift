import Foundation

/// The language of the human output: French when the locale asks for it, English otherwise.
///
/// The first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty decides, as POSIX
/// says; French when it starts with `fr` (`fr_FR.UTF-8`, `fr_BE`, `fr`). `--json` output never
/// depends on it: JSON keys and values stay language-neutral.
enum Language: Sendable, Equatable {
    case english
    case french

    /// The language of this process, read once from its environment.
    static let current = Language(environment: ProcessInfo.processInfo.environment)

    init(environment: [String: String]) {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .lazy
            .compactMap { environment[$0] }
            .first { !$0.isEmpty } ?? ""
        self = locale.lowercased().hasPrefix("fr") ? .french : .english
    }
}

/// Turns English text into the reader's language through `Catalogue.french`.
///
/// Templates are English sentences whose variable parts are written `%@`; a French entry may
/// use `%@` (in order) or `%1$@`, `%2$@` (to reorder). Text with no French entry stays English:
/// a sentence that cannot be translated is still a sentence.
enum Localization {
    /// `template` with `arguments` put in place of its `%@`, in the current language.
    ///
    /// ```swift
    /// Output.say(tr("Case %@ deposited. Can read it: %@.", id, readers))
    /// ```
    static func text(_ template: String, _ arguments: [String], language: Language = .current) -> String {
        if language == .french, let french = Catalogue.french[template] {
            return fill(french, with: arguments)
        }
        return fill(template, with: arguments)
    }

    /// An error message (thrown in English, with its values already in place) in the current
    /// language: the catalogue template that matches it, with the values carried over.
    ///
    /// The values themselves are translated when they are catalogue text too ("the terminal",
    /// "an empty date"); a path or an id is not, and is carried over as it is.
    static func message(_ english: String, language: Language = .current) -> String {
        guard language == .french else { return english }
        return translate(english, depth: 0) ?? english
    }

    /// The French of `english` when the catalogue knows it, or nil.
    static func translate(_ english: String, depth: Int) -> String? {
        if let exact = Catalogue.french[english] { return exact }
        guard depth < 3, let (template, values) = Templates.shared.match(english) else { return nil }
        guard let french = Catalogue.french[template] else { return nil }
        let translatedValues = values.map { translate($0, depth: depth + 1) ?? $0 }
        return fill(french, with: translatedValues)
    }

    /// Puts `arguments` in place of `%@` (in order) and `%N$@` (the Nth); `%%` is a percent sign.
    static func fill(_ template: String, with arguments: [String]) -> String {
        guard template.contains("%") else { return template }
        var result = ""
        var next = 0
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            guard character == "%" else {
                result.append(character)
                index = template.index(after: index)
                continue
            }
            let rest = template[template.index(after: index)...]
            if rest.hasPrefix("@") {
                result += next < arguments.count ? arguments[next] : ""
                next += 1
                index = template.index(index, offsetBy: 2)
            } else if rest.hasPrefix("%") {
                result.append("%")
                index = template.index(index, offsetBy: 2)
            } else if let dollar = rest.firstIndex(of: "$"), let number = Int(rest[rest.startIndex..<dollar]),
                      template[template.index(after: dollar)...].hasPrefix("@") {
                result += number >= 1 && number <= arguments.count ? arguments[number - 1] : ""
                index = template.index(dollar, offsetBy: 2)
            } else {
                result.append(character)
                index = template.index(after: index)
            }
        }
        return result
    }

    /// The literal pieces of an English template around its `%@` placeholders.
    static func pieces(of template: String) -> [String] {
        template.components(separatedBy: "%@").map { $0.replacingOccurrences(of: "%%", with: "%") }
    }
}

/// `tr("Case %@ closed.", id)`: the shorthand every command uses for its sentences.
func tr(_ template: String, _ arguments: any CustomStringConvertible...) -> String {
    Localization.text(template, arguments.map(\.description))
}

/// Matches a finished English message against the catalogue's templates.
struct Templates: Sendable {
    struct Template: Sendable {
        var key: String
        var pieces: [String]
        var literalLength: Int
    }

    static let shared = Templates(keys: Array(Catalogue.french.keys))

    /// Templates with at least one placeholder, the most specific (longest literal text) first.
    let templates: [Template]

    init(keys: [String]) {
        templates = keys.filter { $0.contains("%@") }.map { key in
            let pieces = Localization.pieces(of: key)
            return Template(key: key, pieces: pieces, literalLength: pieces.reduce(0) { $0 + $1.count })
        }.sorted { ($0.literalLength, $0.key) > ($1.literalLength, $1.key) }
    }

    /// The template that `message` was made from, and the values it was given.
    func match(_ message: String) -> (String, [String])? {
        for template in templates {
            if let values = Self.match(Substring(message), pieces: template.pieces[...]) {
                return (template.key, values)
            }
        }
        return nil
    }

    /// Backtracking match: `pieces[0]` is a prefix, every value between two pieces is not
    /// empty, and the last piece ends the text.
    private static func match(_ text: Substring, pieces: ArraySlice<String>) -> [String]? {
        guard let first = pieces.first, text.hasPrefix(first) else { return nil }
        let rest = text.dropFirst(first.count)
        let remaining = pieces.dropFirst()
        guard let next = remaining.first else { return rest.isEmpty ? [] : nil }
        if remaining.count == 1 {
            // The last piece ends the text; the value is everything before it.
            guard rest.hasSuffix(next), rest.count > next.count else { return nil }
            return [String(rest.dropLast(next.count))]
        }
        guard !next.isEmpty else { return nil }
        var searchStart = rest.isEmpty ? rest.endIndex : rest.index(after: rest.startIndex)
        while searchStart < rest.endIndex, let found = rest[searchStart...].range(of: next) {
            let value = String(rest[rest.startIndex..<found.lowerBound])
            if let values = match(rest[found.lowerBound...], pieces: remaining) {
                return [value] + values
            }
            searchStart = rest.index(after: found.lowerBound)
        }
        return nil
    }
}

extension Localization {
    /// ArgumentParser's help page in the current language: the abstracts and discussions are
    /// already translated by each command's `configuration`; this translates the headings and
    /// the lines ArgumentParser writes itself ("Show help information.").
    static func helpText(_ text: String, language: Language = .current) -> String {
        guard language == .french else { return text }
        // ArgumentParser's placeholder for a command's subcommands, in usage lines and in « See 'abri help … » lines.
        let subcommand = "<" + (Catalogue.french["subcommand"] ?? "subcommand") + ">"
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let line = line.replacingOccurrences(of: "<subcommand>", with: subcommand)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("See '"), let french = translate(trimmed, depth: 0) {
                return line.replacingOccurrences(of: trimmed, with: french)
            }
            for (english, french) in Catalogue.helpChrome {
                if trimmed == english || line.hasPrefix(english) {
                    return line.replacingOccurrences(of: english, with: french)
                }
                if trimmed.hasSuffix(english) && (english.hasSuffix(".") || english.hasSuffix(")")) {
                    return line.replacingOccurrences(of: english, with: french)
                }
            }
            return String(line)
        }.joined(separator: "\n")
    }
}
