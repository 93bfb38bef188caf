/// One command's view of the store, inside one transaction: every row the domain reads or writes, in the vocabulary of
/// Docs/FORMAT.md. The store holds sealed bytes and public values only: an implementation never needs a key, and
/// whatever it returns is checked by the domain as a hostile store's would be.
public protocol VaultTransaction: CaseRows, GrantRows, LogRows, KeyRows, RosterRows, BundleRows, ReplicaRows,
    AttachmentFileRows, StoreTuning {
}
