/// The one catalogue of Abri's French: English text (as the code writes it, variable parts as
/// `%@`) to French, vouvoiement, in the plain words of the people who use it: dossier,
/// signalement, conseillère, partenaire, bailleur, adresse.
///
/// It is split by kind across files (`CatalogueErrors.swift`, `CatalogueText.swift`,
/// `CatalogueHelp.swift`, `CatalogueOptions.swift`, `CatalogueDemo.swift`, `CatalogueHub.swift`, `CatalogueUI.swift`) and read as one dictionary. `LocalizationTests` fails when a thrown
/// message, a `tr("…")` sentence or a command's help has no French here.
enum Catalogue {
    /// Every entry, errors, sentences and help together.
    static let french: [String: String] = errors
        .merging(sentences) { first, _ in first }
        .merging(counted) { first, _ in first }
        .merging(help) { first, _ in first }
        .merging(options) { first, _ in first }
        .merging(demo) { first, _ in first }
        .merging(demoCounted) { first, _ in first }
        .merging(hub) { first, _ in first }
        .merging(hubCounted) { first, _ in first }
        .merging(ui) { first, _ in first }
}
