/// The tables a change may name (FORMAT §7.1): the vault schema's (§3) but `attachment_files` and `replica`,
/// which are local to a machine.
enum WireTables {
    static let all: Set<String> = [
        "meta", "roster", "generations", "generation_seals", "approvals", "log_key_seals", "cases", "records",
        "chunks", "grants", "inbox", "log", "log_tags", "heads", "shredded", "imported", "foreign_rosters",
    ]

    /// `meta` keys fixed at the vault's creation: its id and its administrator.
    static let pinnedMetaKeys: Set<String> = ["vault", "admin"]
}
