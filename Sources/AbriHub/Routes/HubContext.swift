import AbriPublic
import Foundation

/// What every route needs: the store and the limits the hub was started with.
struct HubContext: Sendable {
    let store: HubStore
    /// The budget of one feed page, in encoded bytes (FORMAT §7.2: about 8 MiB).
    let pageBytes: Int
    /// The largest request body the hub reads.
    let maxBodyBytes: Int

    /// The hub's clock, in Unix seconds, for the requests' dates.
    var now: Int64 { Int64(Date().timeIntervalSince1970) }

    /// The vault id of a path: 32 lower-case hex digits.
    static func vaultID(_ text: String?) throws(HubFailure) -> [UInt8] {
        guard let text, text.utf8.count == 32, let id = Hex.decode(text) else { throw .badRequest("a vault id is 32 hex digits") }
        return id
    }
}
