import AbriStore

/// The vault's format as its header names it (Docs/FORMAT.md, versions).
enum Schema {
    static let formatVersion = StoreFormat.version
}
