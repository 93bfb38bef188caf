/// The version of the vault's rows (Docs/FORMAT.md, versions): a store of another version is refused, never migrated.
public enum StoreFormat {
    public static let version = 3
}
