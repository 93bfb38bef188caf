public import GRDB
public import AbriStore

extension Database: StoreTuning {
    public func raisePageCache() throws {
        try execute(sql: "PRAGMA cache_size = -262144")
    }

    public func restorePageCache() throws {
        try execute(sql: "PRAGMA cache_size = -16384")
    }
}
