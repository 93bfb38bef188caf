import AbriCrypto
import Foundation
import GRDB

/// One log entry, opened.
public struct OpenedEntry: Sendable {
    /// Position in the log, from 1.
    public var seq: Int
    /// The public day.
    public var day: Day
    /// The sealed details.
    public var details: LogDetails
    /// Whether the actor's signature checked out.
    public var signatureValid: Bool
}

/// Opens the entries a reader may read: a case's holders through its log tag, the administrator all.
enum LogReader {
    /// The entries of one case, for a holder of it.
    static func entries(of caseKeys: CaseKeys, vault: Vault, _ db: Database) throws -> [OpenedEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM log WHERE tag = ? ORDER BY seq", arguments: [Data(caseKeys.logTag)]).map { row in
            let seq: Int = row["seq"]
            guard let slot = row["case_slot"] as Data?,
                  let entryKey = try? AEAD.openSecret(Array(slot), key: caseKeys.logKey.bytes,
                                                      associatedData: AccessLog.associatedData(vault: vault.id, seq: seq)) else {
                throw AbriError.badData("log entry \(seq) is damaged: the vault was altered (run `abri verify`)")
            }
            let (details, valid) = try AccessLog.openDetails(row, entryKey: entryKey, vault: vault)
            return OpenedEntry(seq: seq, day: Day(number: row["day"]), details: details, signatureValid: valid)
        }
    }

    /// Every entry, for the administrator.
    static func allEntries(administrator: borrowing Identity, vault: Vault, _ db: Database) throws -> [OpenedEntry] {
        var result: [OpenedEntry] = []
        var slots = AdminSlots.Opener()
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM log ORDER BY seq")
        while let row = try cursor.next() {
            let seq: Int = row["seq"]
            guard let entryKey = try? slots.open(Array(row["admin_slot"] as Data),
                                                 associatedData: AccessLog.associatedData(vault: vault.id, seq: seq),
                                                 administrator: administrator) else {
                throw AbriError.badData("log entry \(seq) is damaged: the vault was altered (run `abri verify`)")
            }
            let (details, valid) = try AccessLog.openDetails(row, entryKey: entryKey, vault: vault)
            result.append(OpenedEntry(seq: seq, day: Day(number: row["day"]), details: details, signatureValid: valid))
        }
        return result
    }

    /// What the entries of one case say about who deposited it, who wrote records, and who granted whom.
    struct CaseHistory {
        var depositor: String?
        var authors: Set<String> = []
        var granters: [String: Set<String>] = [:]
        var revokers: [String: Set<String>] = [:]
        var hasLocating = false

        init(_ entries: [OpenedEntry], caseID: String) {
            for entry in entries where entry.details.case == caseID {
                let actorPartner = String(entry.details.actor.split(separator: "/").first ?? "")
                switch entry.details.action {
                case "deposit", "import":
                    if depositor == nil { depositor = actorPartner }
                    authors.insert(actorPartner)
                case "add":
                    authors.insert(actorPartner)
                default:
                    break
                }
                if entry.details.hasLocating == true { hasLocating = true }
                for grant in entry.details.grants ?? [] {
                    granters[grant.partner, default: []].insert(actorPartner)
                    revokers[grant.partner, default: []].insert(grant.revoker)
                }
            }
        }

        var allRevokers: [[UInt8]] {
            revokers.values.flatMap { $0 }.compactMap { Data(base64Encoded: $0).map(Array.init) }
        }
    }
}
