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

    /// Every entry, for the administrator: a page of entries at a time, opened and their signatures checked
    /// on every core (a scalar multiplication per command, then an AEAD, a JSON parse and an Ed25519 check each).
    static func allEntries(administrator: borrowing Identity, vault: Vault, _ db: Database) throws -> [OpenedEntry] {
        struct Sealed {
            var seq: Int
            var day: Int32
            var slot: [UInt8]
            var details: [UInt8]
            var opening: AdminSlots.Opener.Opening?
        }
        var result: [OpenedEntry] = []
        var slots = AdminSlots.Opener()
        var after = 0
        while true {
            var page = try Row.fetchAll(db, sql: "SELECT seq, day, admin_slot, details FROM log WHERE seq > ? ORDER BY seq LIMIT 4096",
                                        arguments: [after]).map { row in
                Sealed(seq: row["seq"], day: row["day"], slot: Array(row["admin_slot"] as Data), details: Array(row["details"] as Data))
            }
            guard let last = page.last else { break }
            after = last.seq
            for index in page.indices {
                page[index].opening = try? slots.prepare(page[index].slot, administrator: administrator)
            }
            let sealed = page
            result += try Parallel.map(count: sealed.count) { index in
                let entry = sealed[index]
                let ad = AccessLog.associatedData(vault: vault.id, seq: entry.seq)
                guard let opening = entry.opening, let entryKey = try? opening.entryKey(entry.slot, associatedData: ad) else {
                    throw AbriError.badData("log entry \(entry.seq) is damaged: the vault was altered (run `abri verify`)")
                }
                let (details, valid) = try AccessLog.openDetails(seq: entry.seq, sealed: entry.details, entryKey: entryKey, vault: vault)
                return OpenedEntry(seq: entry.seq, day: Day(number: entry.day), details: details, signatureValid: valid)
            }
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
