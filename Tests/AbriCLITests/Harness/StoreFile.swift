import AbriStore
import GRDB

extension VaultTransaction {
    /// The SQLite connection under the store interface: a test reads the file's rows as someone holding it would.
    var file: Database { self as! Database }
}
