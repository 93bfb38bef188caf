/// Counted sentences, agreed in the reader's language.
///
/// French takes the singular for 0 and 1 (« 0 fiche », « 1 accès re-scellé »), English only for 1 ("0 records"):
/// so the template is chosen by language, then translated. Every sentence with a count goes through here, and
/// each of its two templates has its French in the catalogue.
enum Plural {
    /// Whether `count` takes the singular in `language`.
    static func isSingular(_ count: Int, language: Language = .current) -> Bool {
        language == .french ? abs(count) <= 1 : abs(count) == 1
    }

    /// `one` or `other` (each an English template whose first `%@` is the count), filled with the count then
    /// `arguments`, in the current language.
    static func tr(_ count: Int, one: String, other: String, _ arguments: any CustomStringConvertible...,
                   language: Language = .current) -> String {
        let template = isSingular(count, language: language) ? one : other
        return Localization.text(template, [String(count)] + arguments.map(\.description), language: language)
    }
}
