public import GRDB
public import AbriStore

extension Database: ReplicaRows {
}
