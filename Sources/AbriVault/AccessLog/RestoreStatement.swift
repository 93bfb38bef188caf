import AbriCrypto
import Foundation
import AbriStore
public import AbriPublic

/// The administrator's word that the vault restarts from a restored copy (Docs/FORMAT.md §3.7): the head it
/// restarts from, signed, kept in the store so that every other machine follows the restore at its next command
/// instead of refusing the vault until the administrator comes by.
struct RestoreStatement: Equatable {
    /// The head the vault restarts from: the checkpoint that closes the `restore` entry.
    var size: Int
    var root: [UInt8]
    var day: String

    static let context = "abri.restore/"

    func text(vaultHex: String) -> [UInt8] {
        Array("\(Self.context)\(vaultHex)\n\(size)\n\(Data(root).base64EncodedString())\n\(day)\n".utf8)
    }

    /// Signs and stores the statement, replacing any earlier one.
    func store(vault: Vault, administrator: borrowing Identity, _ db: any VaultTransaction) throws {
        let text = text(vaultHex: vault.idHex)
        let signature = try administrator.sign(text)
        try db.storeRestoreStatement(text, signature: signature)
    }

    /// The stored statement, its signature checked against the administrator; nil when there is none or it does not
    /// check out (then nothing is followed, and the rollback is refused as before).
    static func load(vault: Vault, _ db: any VaultTransaction) throws -> (statement: RestoreStatement, digest: String)? {
        guard let text = try db.restoreStatement().map({ Data($0) }),
              let signature = try db.restoreStatementSignature().map({ Data($0) }),
              Ed25519.isValidSignature(Array(signature), for: Array(text), publicKey: vault.admin.signingPublicKey),
              let string = String(data: text, encoding: .utf8) else { return nil }
        let lines = string.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count == 5, lines[0] == context + vault.idHex, lines[4].isEmpty,
              let size = Int(lines[1]), size >= 0, let root = Data(base64Encoded: lines[2]), root.count == 32 else { return nil }
        let digest = Data(BLAKE2b.hash(Array(text) + Array(signature))).base64EncodedString()
        return (RestoreStatement(size: size, root: Array(root), day: lines[3]), digest)
    }
}

extension Vault {
    /// A restore the administrator accepted on another machine, followed here: the statement is signed by the
    /// administrator, this machine never followed it before, the store's log holds the head it names (its root
    /// recomputed from the entries, never taken from the store's rows) and its latest signed head extends it.
    /// Returns what to accept, or nil (then the rollback stands).
    func followRestore(accepted: HistoryGuard.Accepted?) throws -> (seen: HistoryGuard.Seen, digest: String, day: String)? {
        guard let accepted else { return nil }
        return try store.read { db in
            guard let (statement, digest) = try RestoreStatement.load(vault: self, db),
                  !(accepted.restores ?? []).contains(digest) else { return nil }
            _ = try roster(db)
            var frontier = LogFrontier()
            var restartRoot: [UInt8]? = statement.size == 0 ? Head.empty.root : nil
            let cursor = try db.allEntries()
            while let row = try cursor.next() {
                guard row.seq == frontier.size + 1 else { return nil }
                frontier.append(leafHash: LogFrontier.leafHash(AccessLog.leaf(of: row)))
                if frontier.size == statement.size { restartRoot = frontier.root }
            }
            guard restartRoot == statement.root, let latest = try AccessLog.latestHead(db, vault: self),
                  latest.head == frontier.head else { return nil }
            return (try seen(after: frontier, db), digest, statement.day)
        }
    }
}
