/// Text from a record, a name, a purpose or a consent made safe to print for a person.
///
/// Content comes from other partners and from bundles: an escape sequence in it could clear the reader's screen,
/// recolour it, or print a fake « partie localisante : masquée »; a bidirectional override could reorder what
/// follows. Every C0 and C1 control, DEL, and invisible format character (Unicode category Cf: bidirectional
/// marks and overrides, zero-width spaces, the byte-order mark), and the line and paragraph separators, is
/// shown as a visible escape: `\u{1B}`, and `\n`, `\t` for the two that people type. `--json` never goes
/// through here: it stays exact.
enum Visible {
    /// `text` with every control and invisible format character escaped.
    static func text(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var shown = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": shown += "\\n"
            case "\t": shown += "\\t"
            case _ where needsEscape(scalar): shown += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x20 || (0x7F ... 0x9F).contains(scalar.value) { return true }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}
