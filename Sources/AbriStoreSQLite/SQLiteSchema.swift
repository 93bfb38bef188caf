import GRDB
import AbriStore

/// The vault's schema on SQLite: fixed SQL migrations, never edited once shipped (Docs/FORMAT.md §3).
enum SQLiteSchema {
    static let formatVersion = StoreFormat.version

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // Format 3 starts afresh: no vault of an earlier format was released, so none is migrated
        // (`SQLiteStore.open` refuses them with a clear message before this runs).
        migrator.registerMigration("v3") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
                CREATE TABLE roster (version INTEGER PRIMARY KEY, body BLOB NOT NULL, signature BLOB NOT NULL);
                CREATE TABLE generations (partner TEXT NOT NULL, number INTEGER NOT NULL, public_key BLOB NOT NULL,
                  made_by TEXT NOT NULL, signer_key BLOB NOT NULL, signature BLOB NOT NULL,
                  PRIMARY KEY (partner, number));
                CREATE TABLE generation_seals (partner TEXT NOT NULL, number INTEGER NOT NULL,
                  member_key BLOB NOT NULL, box BLOB NOT NULL, PRIMARY KEY (partner, number, member_key));
                CREATE TABLE approvals (partner TEXT NOT NULL, identity TEXT NOT NULL, enrolled INTEGER NOT NULL,
                  signer_key BLOB NOT NULL, signature BLOB NOT NULL, PRIMARY KEY (partner, identity, enrolled, signer_key));
                CREATE TABLE log_key_seals (generation INTEGER NOT NULL, member_key BLOB NOT NULL,
                  box BLOB NOT NULL, PRIMARY KEY (generation, member_key));
                CREATE TABLE cases (id BLOB PRIMARY KEY, case_key BLOB NOT NULL, day INTEGER NOT NULL);
                CREATE TABLE records (id BLOB PRIMARY KEY, case_id BLOB NOT NULL, seq INTEGER NOT NULL,
                  day INTEGER NOT NULL, origin BLOB NOT NULL, general BLOB NOT NULL, locating BLOB NOT NULL);
                CREATE INDEX records_by_case ON records (case_id, seq);
                CREATE TABLE chunks (blob BLOB NOT NULL, n INTEGER NOT NULL, case_id BLOB NOT NULL,
                  data BLOB NOT NULL, PRIMARY KEY (blob, n));
                CREATE INDEX chunks_by_case ON chunks (case_id);
                CREATE TABLE attachment_files (blob BLOB PRIMARY KEY, case_id BLOB NOT NULL, bytes INTEGER NOT NULL) WITHOUT ROWID;
                CREATE INDEX attachment_files_by_case ON attachment_files (case_id);
                CREATE TABLE grants (locator BLOB PRIMARY KEY, holder BLOB NOT NULL, blind BLOB, expires INTEGER,
                  box BLOB NOT NULL) WITHOUT ROWID;
                CREATE INDEX grants_by_holder ON grants (holder);
                CREATE INDEX grants_by_blind ON grants (blind) WHERE blind IS NOT NULL;
                CREATE INDEX grants_by_expiry ON grants (expires) WHERE expires IS NOT NULL;
                CREATE TABLE inbox (n INTEGER PRIMARY KEY, box BLOB NOT NULL);
                CREATE TABLE log (seq INTEGER PRIMARY KEY, day INTEGER NOT NULL, entry BLOB NOT NULL);
                CREATE TABLE log_tags (tag BLOB PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE heads (size INTEGER PRIMARY KEY, root BLOB NOT NULL, day TEXT NOT NULL,
                  signer TEXT NOT NULL, key_generation INTEGER NOT NULL, roster_version INTEGER NOT NULL,
                  roster_hash BLOB NOT NULL, keys BLOB NOT NULL, previous INTEGER NOT NULL, signature BLOB NOT NULL);
                CREATE TABLE shredded (case_id BLOB PRIMARY KEY);
                CREATE TABLE imported (bundle BLOB PRIMARY KEY);
                CREATE TABLE foreign_rosters (vault BLOB NOT NULL, version INTEGER NOT NULL, body BLOB NOT NULL,
                  signature BLOB NOT NULL, PRIMARY KEY (vault, version));
                """)
        }
        // A vault file that is a replica of a hub keeps the hub's address and its cursor here (§7.4): rows of this
        // machine alone, never sent.
        migrator.registerMigration("v3-replica") { db in
            try db.execute(sql: "CREATE TABLE replica (key TEXT PRIMARY KEY, value NOT NULL)")
        }
        return migrator
    }
}
