import AbriPublic
import PostgresNIO

/// `GET /v1/vaults/<vault>/changes?since=S[&after=<seq>.<table>.<key hex>][&attachments=on-demand]`: one feed page
/// (FORMAT §7.2), read from one snapshot so that its `seq` and its changes agree; `attachments=on-demand` leaves out
/// the attachments' `chunks` rows but not their deletions (§7.5).
enum ChangesRoute {
    static func handle(_ request: HubRequest, hub: HubContext) async throws -> [UInt8] {
        let caller = try request.signer(now: hub.now)
        let query = try request.query(allowed: ["since", "after", "attachments"])
        guard let sinceText = query["since"], let since = Hex.decimal(sinceText), let sinceSeq = Int64(exactly: since) else {
            throw HubFailure.badRequest("changes takes since=<seq>")
        }
        guard query["attachments"] == nil || query["attachments"] == "on-demand" else {
            throw HubFailure.badRequest("attachments takes on-demand")
        }
        let cursor: FeedCursor?
        do {
            cursor = try query["after"].map { text throws(WireError) in try FeedCursor(parsing: text) }
        } catch {
            throw HubFailure.badRequest(error.description)
        }
        let page = try await hub.store.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
            let rows = VaultRows(connection: connection, store: hub.store, vault: request.vault)
            guard let state = try await rows.state(forUpdate: false) else { throw HubFailure.notFound }
            try RequestAuth.authorize(caller, state: state, roster: try await rows.roster(version: state.rosterVersion))
            return try await FeedReader(rows: rows, pageBytes: hub.pageBytes, withoutAttachments: query["attachments"] != nil).page(since: sinceSeq, after: cursor, hubSeq: state.seq)
        }
        return page.encoded()
    }
}
