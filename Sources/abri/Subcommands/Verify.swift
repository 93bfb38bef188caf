import AbriSync
import AbriVault
import ArgumentParser

/// `abri verify`: check that nothing was altered.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Check the access log, its signed heads and checkpoints, and the vault's history."),
        discussion: tr("""
        Without an identity it checks what anyone may: the Merkle tree over every entry, every signed head and \
        checkpoint, the roster's signatures and chain, and that the log extends the last head this machine accepted \
        (and, with --checkpoint, a checkpoint exported by the administrator). With \
        --as the administrator it also opens every entry and checks its actor's signature. \
        --accept-restore (administrator) accepts a restored backup as the new reference, and logs it.

        Example:
          abri verify --as admin.identity
        Exit codes: 0 all checks pass, 65 something was altered, removed, reordered or rolled back.
        """)
    )

    @Flag(name: .customLong("accept-restore"), help: ArgumentHelp(tr("Accept this vault's log as the reference after restoring a backup (administrator).")))
    var acceptRestore = false

    @Flag(name: .customLong("since-last"), help: ArgumentHelp(tr("Read only the entries after the head this machine last accepted (fast; the full check reads every entry).")))
    var sinceLast = false

    @Option(name: .customLong("checkpoint"), help: ArgumentHelp(tr("A checkpoint exported with `abri checkpoint export`: the log must extend it."), valueName: tr("file")))
    var checkpoint: String?

    @Flag(name: .customLong("hub"), help: ArgumentHelp(tr("On a copy of a hub's vault: pull, then check that the hub's latest signed head is this machine's.")))
    var hub = false

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    struct VerifyJSON: Encodable {
        var ok: Bool
        var entries: Int
        var checkpoints: Int
        var heads: Int
        var signatures: Int
        var problems: [String]
    }

    func run() throws {
        let kept = try checkpoint.map { try ExportedCheckpoint(contentsOf: $0) }
        let vault = try options.openVault(checkHistory: false)
        let progress = TerminalProgress()
        var verifier = Verifier.anyone
        var admin: AdminSession?
        if options.identity != nil {
            if try options.actsAsAdministrator(vault) {
                admin = try options.adminSession(vault: vault)
                verifier = .administrator(admin!)
            } else {
                verifier = .member(MemberSession(vault: vault, identity: try options.unlockIdentity()))
                if !hub { try options.pullFromHub(vault) }
            }
        } else if acceptRestore {
            throw AbriError.usage("--accept-restore needs the administrator's identity (--as)")
        }
        var hubHead: HeadAnswer?
        if hub {
            hubHead = try Self.pullForCheck(vault, options: options)
        }
        var report = try vault.verify(as: verifier, sinceLastAccepted: sinceLast, checkpoint: kept, progress: progress)
        if let hubHead {
            let local = try vault.latestSignedHead()
            if hubHead.head?.text != local?.text || hubHead.head?.signature != local?.signature {
                report.problems.append("the hub's latest signed head differs from the one here: the hub was rolled back or altered")
                report.ok = false
            }
        }
        var accepted: Bool?
        if acceptRestore {
            guard let admin else { throw AbriError.notPermitted("only the administrator may accept a restore (pass the administrator identity with --as)") }
            let rolledBack = report.problems.filter { $0.contains("this machine") }
            if report.problems.count == rolledBack.count {
                accepted = !rolledBack.isEmpty
                try admin.acceptRestore()
                report = try vault.verify(as: verifier, checkpoint: kept, progress: progress)
            }
        }
        if report.ok { try vault.acceptCurrentHead() }
        if output.json {
            try Output.json(VerifyJSON(ok: report.ok, entries: report.entries, checkpoints: report.checkpoints, heads: report.heads,
                                       signatures: report.signatures, problems: report.problems))
        } else {
            if report.ok, let accepted {
                Output.say(accepted
                    ? tr("Restore accepted: this machine now starts from the restored log (%@); the restore is logged.",
                         Plural.tr(report.entries, one: "%@ entry", other: "%@ entries"))
                    : tr("Nothing was rolled back on this machine: the log goes on from what it had seen; the check is logged as a restore."))
            }
            if report.ok { Output.say(Self.checksOut(report)) }
        }
        if !report.ok {
            // One line: the first problem says where; --json lists them all.
            let more = report.problems.count > 1 ? " (and \(report.problems.count - 1) more, see --json)" : ""
            let summary = (report.problems.first ?? "the vault was altered") + more
            throw AbriError.badData("verification failed: \(summary) (restore the vault from a backup, or run `abri verify --accept-restore --as ADMIN` if you restored one on purpose)")
        }
    }

    /// `--hub`: the hub's changes pulled (with every check a pull makes), then the hub's latest head, signed by the
    /// acting identity's request.
    static func pullForCheck(_ vault: Vault, options: VaultOptions) throws -> HeadAnswer {
        guard let state = try Replica.state(of: vault.store) else {
            throw AbriError.usage("this vault is not a copy of a hub's vault (`abri clone` makes one)")
        }
        guard let signer = vault.store.hubSigner else {
            throw AbriError.usage("--hub needs an identity to sign the requests (pass --as FILE)")
        }
        try ReplicaSync.pull(vault, state: state, signer: signer, stateDirectory: Paths.stateDirectory())
        return try HubClient(address: state.hub, vaultHex: vault.idHex).head(signer: signer)
    }

    /// "The log checks out: 12 entries, 3 signed heads, 1 checkpoint, 12 signatures." in the reader's language.
    static func checksOut(_ report: VerificationReport) -> String {
        var counts = [Plural.tr(report.entries, one: "%@ entry", other: "%@ entries"),
                      Plural.tr(report.heads, one: "%@ signed head", other: "%@ signed heads"),
                      Plural.tr(report.checkpoints, one: "%@ checkpoint", other: "%@ checkpoints")]
        if report.signatures > 0 { counts.append(Plural.tr(report.signatures, one: "%@ signature", other: "%@ signatures")) }
        return tr("The log checks out: %@.", counts.joined(separator: ", "))
    }
}
