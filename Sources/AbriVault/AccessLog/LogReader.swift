import AbriCrypto
import Foundation
import AbriStore
public import AbriPublic

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
    /// Which section of the entry (one entry holds an action and the grants it made).
    var section = 0
}

/// Opens the entries a reader may read: a partner those sealed to its keys of a case, the administrator the
/// operator summary of every entry (Docs/FORMAT.md §3.6).
enum LogReader {
    /// The entries of one case that a holder may read: its own actions, the grants it received and made, and the
    /// actions of the partners it granted.
    static func entries(of grant: GrantBody, vault: Vault, _ db: any VaultTransaction) throws -> [OpenedEntry] {
        var seen = Set<[Int]>()
        var result: [OpenedEntry] = []
        for key in grant.readingKeys {
            for entry in try AccessLog.entries(readBy: key, vault: vault, db) where seen.insert([entry.seq, entry.section]).inserted {
                result.append(entry)
            }
        }
        return result.sorted { ($0.seq, $0.section) < ($1.seq, $1.section) }
    }

    /// Every entry's operator summary, for the administrator: a page of entries at a time, opened and their
    /// signatures checked on every core (a scalar multiplication per command, then an AEAD, a JSON parse and an
    /// Ed25519 check each).
    static func allEntries(administrator: borrowing Identity, vault: Vault, _ db: any VaultTransaction) throws -> [OpenedEntry] {
        struct Sealed {
            var seq: Int
            var day: Int32
            var parts: LogEntry.Parts
            var opening: AdminSlots.Opener.Opening?
        }
        var result: [OpenedEntry] = []
        var slots = AdminSlots.Opener()
        var after = 0
        while true {
            var page = try db.entryPage(after: after).map { row in
                Sealed(seq: row.seq, day: row.day, parts: try LogEntry.Parts(row.entry, seq: row.seq))
            }
            guard let last = page.last else { break }
            after = last.seq
            for index in page.indices {
                page[index].opening = try? slots.prepare(page[index].parts.adminSlot, administrator: administrator)
            }
            let sealed = page
            result += try Parallel.map(count: sealed.count) { index in
                let entry = sealed[index]
                let ad = LogEntry.associatedData(vault: vault.id, seq: entry.seq)
                guard let opening = entry.opening, let adminKey = try? opening.entryKey(entry.parts.adminSlot, associatedData: ad) else {
                    throw AbriError.badData("log entry \(entry.seq) is damaged: the vault was altered (run `abri verify`)")
                }
                let (details, valid) = try LogEntry.openSigned(entry.parts.adminPart, key: adminKey, ad: ad,
                                                               context: LogEntry.adminContext, seq: entry.seq)
                return OpenedEntry(seq: entry.seq, day: Day(number: entry.day), details: details, signatureValid: valid)
            }
        }
        return result
    }
}
