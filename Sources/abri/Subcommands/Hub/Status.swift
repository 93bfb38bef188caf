import AbriVault
import ArgumentParser
import Foundation

/// `abri status`: where this machine's vault comes from and how fresh it is.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Say which vault this machine uses, its hub, and how fresh its copy is."),
        discussion: tr("""
        Reads this machine's copy only: no passphrase, no network.

        Example:
          abri status --json
        Exit codes: 66 when there is no vault.
        """)
    )

    @Option(name: .customLong("vault"), help: ArgumentHelp(tr("The vault file (else $ABRI_VAULT, else the XDG default)."), valueName: tr("path")))
    var vault: String?

    @OptionGroup var output: JSONOption

    func run() throws {
        let path = Paths.vault(explicit: vault)
        let opened = try Vault.open(path: path, stateDirectory: Paths.stateDirectory(), checkHistory: false)
        let state = try Replica.state(of: opened.store)
        let age = state?.synced.map { max(0, Int(Date().timeIntervalSince($0))) }
        if output.json {
            try Output.json(StatusJSON(vault: path, id: opened.idHex, replica: state != nil, hub: state?.hub, cursor: state?.cursor,
                                       lastSync: state?.synced, ageSeconds: age,
                                       attachments: state.map { $0.attachmentsOnDemand ? "on-demand" : "mirrored" }))
            return
        }
        Output.result(tr("vault: %@", path))
        Output.result(tr("id: %@", opened.idHex))
        guard let state else {
            Output.result(tr("hub: none (a vault file of this machine alone)"))
            return
        }
        Output.result(tr("hub: %@", state.hub))
        Output.result(tr("cursor: %@", String(state.cursor)))
        Output.result(tr("last sync: %@", state.synced.map { Human.time($0) } ?? "-"))
        Output.result(state.attachmentsOnDemand ? tr("attachments: fetched from the hub when opened") : tr("attachments: all kept on this machine"))
    }
}

/// What `status --json` prints; `hub`, `cursor`, `lastSync`, `ageSeconds` and `attachments` (`mirrored` or
/// `on-demand`) only on a replica.
struct StatusJSON: Encodable {
    var vault: String
    var id: String
    var replica: Bool
    var hub: String?
    var cursor: UInt64?
    var lastSync: Date?
    var ageSeconds: Int?
    var attachments: String?
}
