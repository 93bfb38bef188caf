/// The hub's PostgreSQL schema (FORMAT §7.5), created by `abri-hub migrate`: every statement is idempotent, and the
/// whole runs in one transaction under an advisory lock, so two migrations at once are one after the other.
enum HubSchema {
    static let version: Int64 = 1

    /// A lock number of the hub's own ("abrihub1"), so that a migration never waits on another program's lock.
    static let advisoryLock: Int64 = 0x6162_7269_6875_6231

    static let statements: [String] = [
        """
        CREATE TABLE IF NOT EXISTS hub_schema (version bigint PRIMARY KEY)
        """,
        """
        CREATE TABLE IF NOT EXISTS vaults (
            id bytea PRIMARY KEY CHECK (octet_length(id) = 16),
            admin text NOT NULL,
            seq bigint NOT NULL CHECK (seq >= 1),
            frontier bytea NOT NULL,
            head_size bigint NOT NULL CHECK (head_size >= 0),
            roster_version bigint NOT NULL CHECK (roster_version >= 0)
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS rows (
            vault bytea NOT NULL REFERENCES vaults (id),
            tbl text COLLATE "C" NOT NULL,
            key bytea NOT NULL,
            value bytea,
            seq bigint NOT NULL,
            PRIMARY KEY (vault, tbl, key)
        )
        """,
        """
        CREATE INDEX IF NOT EXISTS rows_feed ON rows (vault, seq, tbl, key)
        """,
        """
        INSERT INTO hub_schema (version) VALUES (1) ON CONFLICT DO NOTHING
        """,
    ]
}
