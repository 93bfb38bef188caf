import Foundation
import AbriPublic
/// Finds what locates someone in free text: a phone number, an e-mail address, a postcode before a town, a
/// street address. A report's general part is read by partners who must never learn where the victim lives,
/// so a general string that holds one of these is refused, whatever field it is in (Docs/REPORT.md).
///
/// Written as a scanner rather than regular expressions: it runs on every string of every report of a bulk
/// deposit, and a string without a digit or an `@` (most of them) is passed over in one look at its bytes.
/// The rules lean towards refusing: a false alarm costs the author one edit, a miss costs an address.
public enum LocatingText {
    /// What was found.
    public enum Finding: String, Sendable, Equatable {
        case phone = "a phone number"
        case email = "an e-mail address"
        case postcode = "a postcode with a town"
        case street = "a street address"
    }

    /// The first locating pattern in `text`, or nil.
    static func finding(in text: String) -> Finding? {
        var hasDigit = false
        var hasAt = false
        for byte in text.utf8 {
            if byte >= 0x30 && byte <= 0x39 { hasDigit = true } else if byte == UInt8(ascii: "@") { hasAt = true }
        }
        if hasAt && containsEmail(text) { return .email }
        guard hasDigit else { return nil }
        let scalars = Array(text.unicodeScalars)
        if containsPhone(scalars) { return .phone }
        if containsPostcodeAndTown(scalars) { return .postcode }
        if containsStreetAddress(scalars) { return .street }
        return nil
    }

    // MARK: Characters

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic }
    /// Spaces as people and word processors type them (French typography puts no-break spaces in numbers).
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\u{A0}" || scalar == "\u{202F}" || scalar == "\u{2009}"
    }

    /// Lower case, accents removed: "Allée" and "ALLEE" read the same.
    private static func fold(_ word: some StringProtocol) -> String {
        var folded = ""
        for scalar in String(word).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        where !(0x300 ... 0x36F).contains(scalar.value) {
            folded.unicodeScalars.append(scalar)
        }
        return folded
    }

    // MARK: E-mail

    /// Something `@` something `.` at least two letters, as every mail program reads it.
    private static func containsEmail(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        func local(_ s: Unicode.Scalar) -> Bool { isLetter(s) || isDigit(s) || "._%+-'".unicodeScalars.contains(s) }
        func domain(_ s: Unicode.Scalar) -> Bool { isLetter(s) || isDigit(s) || s == "-" || s == "." }
        for (index, scalar) in scalars.enumerated() where scalar == "@" {
            guard index > 0, local(scalars[index - 1]) else { continue }
            var end = index + 1
            while end < scalars.count, domain(scalars[end]) { end += 1 }
            let host = String(String.UnicodeScalarView(scalars[(index + 1) ..< end]))
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            var trimmed = labels
            while trimmed.last?.isEmpty == true { trimmed.removeLast() }
            guard trimmed.count >= 2, trimmed.dropLast().allSatisfy({ !$0.isEmpty }),
                  let top = trimmed.last, top.count >= 2, top.allSatisfy(\.isLetter) else { continue }
            return true
        }
        return false
    }

    // MARK: Numbers in groups

    /// A run of digit groups joined by single separators (space, dot, dash, "(0)"), as phone numbers are written.
    private struct Chain {
        var digits: [Unicode.Scalar] = []
        var groups: [Int] = []
        var separators: [String] = []
        var plus = false
        var end = 0
    }

    /// The chain of digit groups that starts at `start` (a digit that follows no digit).
    private static func chain(_ scalars: [Unicode.Scalar], from start: Int) -> Chain {
        var chain = Chain()
        var before = start - 1
        while before >= 0, isSpace(scalars[before]) { before -= 1 }
        chain.plus = before >= 0 && scalars[before] == "+"
        var index = start
        while true {
            let groupStart = index
            while index < scalars.count, isDigit(scalars[index]) { chain.digits.append(scalars[index]); index += 1 }
            chain.groups.append(index - groupStart)
            chain.end = index
            // A separator: one space, dot or dash, or "(0)" with its spaces, followed by a digit.
            var cursor = index
            var separator = ""
            while cursor < scalars.count, separator.unicodeScalars.count < 5,
                  isSpace(scalars[cursor]) || scalars[cursor] == "." || scalars[cursor] == "-" || scalars[cursor] == "("
                  || scalars[cursor] == ")" || (scalars[cursor] == "0" && separator.hasSuffix("(")) {
                separator.unicodeScalars.append(isSpace(scalars[cursor]) ? " " : scalars[cursor])
                cursor += 1
            }
            let plain = separator.count == 1 || separator.isEmpty
            let trunk = separator.contains("(") ? separator.contains("(0)") : plain
            guard !separator.isEmpty, trunk, cursor < scalars.count, isDigit(scalars[cursor]) else { return chain }
            if separator.contains("(0)") { chain.digits.append("0") }
            chain.separators.append(separator)
            index = cursor
        }
    }

    /// A French number (ten digits, 0 then 1–9, in one piece or with the same separator throughout) or an
    /// international one (`+` or `00`, then 8 to 15 digits).
    private static func containsPhone(_ scalars: [Unicode.Scalar]) -> Bool {
        var index = 0
        while index < scalars.count {
            guard isDigit(scalars[index]), index == 0 || !isDigit(scalars[index - 1]) else { index += 1; continue }
            let found = chain(scalars, from: index)
            let digits = found.digits
            if found.plus && digits.count >= 8 && digits.count <= 15 { return true }
            if digits.count >= 10 && digits.count <= 15 && digits[0] == "0" && digits[1] == "0" && digits[2] != "0" { return true }
            if frenchNumber(found) { return true }
            index = max(found.end, index + 1)
        }
        return false
    }

    /// Ten digits, 0 then 1–9: the whole chain with one separator throughout ("06 12 34 5678"), one group
    /// ("0612345678"), or five pairs with the same separator inside a longer chain ("le 06 12 34 56 78 3 fois").
    /// Not "2024-03-05" nor "05.03.2024 12h" (mixed separators).
    private static func frenchNumber(_ chain: Chain) -> Bool {
        func opensNumber(_ offset: Int) -> Bool {
            offset + 1 < chain.digits.count && chain.digits[offset] == "0" && chain.digits[offset + 1] != "0"
        }
        let plain = !chain.separators.contains { $0.contains("(") }
        if plain, Set(chain.separators).count <= 1, chain.digits.count == 10, opensNumber(0) { return true }
        var offsets: [Int] = []
        var offset = 0
        for size in chain.groups {
            offsets.append(offset)
            offset += size
        }
        for (group, size) in chain.groups.enumerated() {
            if size == 10 && opensNumber(offsets[group]) { return true }
            guard size == 2, opensNumber(offsets[group]), group + 4 < chain.groups.count else { continue }
            let pairs = chain.groups[group ... group + 4].allSatisfy { $0 == 2 }
            let separators = Set(chain.separators[group ..< group + 4])
            if pairs && separators.count == 1 && !separators.contains(where: { $0.contains("(") }) { return true }
        }
        return false
    }

    // MARK: Postcodes

    /// Five digits (a French postcode, Corsica's 2A/2B included) followed by a word that starts with a capital:
    /// "62100 Calais", "59000 LILLE", "62300 Lens-Cedex"; or a town before "(62100)".
    private static func containsPostcodeAndTown(_ scalars: [Unicode.Scalar]) -> Bool {
        var index = 0
        while index < scalars.count {
            // Not the tail of a reference or a date: "RG 24/01234", "FOH-2021-00012", "12.03.2025".
            guard index == 0 || !(isDigit(scalars[index - 1]) || isLetter(scalars[index - 1]) || "/-.".unicodeScalars.contains(scalars[index - 1])) else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, isDigit(scalars[end]) { end += 1 }
            var length = end - index
            if length == 1, end + 4 <= scalars.count, scalars[index] == "2", scalars[end] == "A" || scalars[end] == "B" {
                end += 1
                while end < scalars.count, isDigit(scalars[end]) { end += 1 }
                length = end - index
            }
            guard length == 5, end == scalars.count || !(isDigit(scalars[end]) || isLetter(scalars[end])) else {
                index = max(end, index + 1)
                continue
            }
            // "62100 Calais", "62100, Calais", "62100 - Calais".
            var cursor = end
            var gap = 0
            while cursor < scalars.count, gap < 4, isSpace(scalars[cursor]) || scalars[cursor] == "," || scalars[cursor] == "-" {
                cursor += 1
                gap += 1
            }
            if gap > 0, cursor < scalars.count, scalars[cursor].properties.isUppercase {
                var wordEnd = cursor
                while wordEnd < scalars.count, isLetter(scalars[wordEnd]) { wordEnd += 1 }
                let word = fold(String(String.UnicodeScalarView(scalars[cursor ..< wordEnd])))
                if !["euros", "euro", "eur"].contains(word) { return true }
            }
            // "Calais (62100)".
            if index > 1, scalars[index - 1] == "(", end < scalars.count, scalars[end] == ")" {
                var before = index - 2
                while before >= 0, isSpace(scalars[before]) { before -= 1 }
                var wordStart = before
                while wordStart >= 0, isLetter(scalars[wordStart]) || scalars[wordStart] == "-" { wordStart -= 1 }
                if before >= 0, wordStart < before, scalars[wordStart + 1].properties.isUppercase { return true }
            }
            index = end
        }
        return false
    }

    // MARK: Streets

    /// Words that after a number always mean a street, whatever follows.
    static let streetWords: Set<String> = [
        "rue", "r", "avenue", "av", "ave", "bd", "bld", "blvd", "bvd", "boulevard", "allee", "allees", "impasse", "imp",
        "chemin", "chem", "route", "rte", "quai", "residence", "lieu-dit", "lieudit", "faubourg", "fbg", "fg", "ruelle",
        "sentier", "chaussee", "esplanade", "rond-point", "lotissement", "hameau", "square", "venelle", "parvis", "zac",
    ]

    /// Words that after a number mean a street only before a name ("2 cours Mirabeau", not "2 cours de français"):
    /// the next word, past "de", "du", "des", "la", "le", "l'", must start with a capital.
    static let namedStreetWords: Set<String> = [
        "place", "pl", "cours", "passage", "voie", "mail", "clos", "domaine", "parc", "promenade", "port", "quartier",
        "carrefour", "galerie", "pont", "cite", "villa", "montee", "traverse",
    ]

    /// A number of one to four digits (with bis, ter, a letter or a comma after it) followed by a street word.
    private static func containsStreetAddress(_ scalars: [Unicode.Scalar]) -> Bool {
        var index = 0
        while index < scalars.count {
            guard isDigit(scalars[index]), index == 0 || !isDigit(scalars[index - 1]) else { index += 1; continue }
            var end = index
            while end < scalars.count, isDigit(scalars[end]) { end += 1 }
            defer { index = end }
            guard end - index <= 4, end < scalars.count else { continue }
            // Dates and references are not house numbers: "12/03", "12.03", "2021-000123".
            if scalars[end] == "/" || (index > 0 && (scalars[index - 1] == "/" || scalars[index - 1] == ".")) { continue }
            var words = self.words(after: end, in: scalars, count: 5)
            // "12 bis", "12b", "12, rue".
            if let first = words.first, houseNumberSuffixes.contains(first.folded) {
                words.removeFirst()
            }
            guard let street = words.first else { continue }
            if street.gap > 3 && !street.comma { continue }
            if streetWords.contains(street.folded) { return true }
            if street.folded == "lieu", words.count > 1, words[1].folded == "dit" { return true }
            if street.folded == "rond", words.count > 1, words[1].folded == "point" { return true }
            if namedStreetWords.contains(street.folded) {
                let name = words.dropFirst().first { !["de", "du", "des", "la", "le", "l", "d"].contains($0.folded) }
                if let name, name.capital { return true }
            }
        }
        return false
    }

    private static let houseNumberSuffixes: Set<String> = ["bis", "ter", "quater", "a", "b", "c", "d"]

    private struct Word {
        var folded: String
        var capital: Bool
        var gap: Int
        var comma: Bool
    }

    /// Up to `count` words after `position`, folded, with whether each starts with a capital.
    private static func words(after position: Int, in scalars: [Unicode.Scalar], count: Int) -> [Word] {
        var words: [Word] = []
        var index = position
        while words.count < count, index < scalars.count {
            var gap = 0
            var comma = false
            while index < scalars.count, !isLetter(scalars[index]) {
                if isDigit(scalars[index]) { return words }
                if scalars[index] == "," { comma = true }
                if !(isSpace(scalars[index]) || scalars[index] == "," || scalars[index] == "." || scalars[index] == "'"
                     || scalars[index] == "’") { return words }
                gap += 1
                index += 1
            }
            let start = index
            while index < scalars.count, isLetter(scalars[index]) || (scalars[index] == "-" && index + 1 < scalars.count && isLetter(scalars[index + 1])) {
                index += 1
            }
            guard start < index else { break }
            let folded = fold(String(String.UnicodeScalarView(scalars[start ..< index])))
            // A word glued to the number is a house-number suffix ("12b", "12bis"), or the number is no house
            // number at all ("3ème", "12h").
            if words.isEmpty && gap == 0 && !houseNumberSuffixes.contains(folded) { return [] }
            words.append(Word(folded: folded, capital: scalars[start].properties.isUppercase, gap: gap, comma: comma))
        }
        return words
    }
}
