import AbriCrypto
import AbriUI
import AbriVault
import ArgumentParser
import Foundation

/// `abri ui`: the local web interface, in the locale's language (French or English), served by this process on 127.0.0.1 only.
struct UICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: tr("Serve the local web interface on 127.0.0.1 only, in French or English as the locale says."),
        discussion: tr("""
        Prints an address with a one-time token (and opens it when a display exists); the page asks the passphrase \
        once and keeps the unlocked identity in this process's memory until you sign out or leave it idle for 15 \
        minutes, then prints a fresh address. Pages and reports are never written to disk. Ctrl-C stops it. \
        With the administrator's identity, the pages are the administrator's: partners, members, key rotation and \
        the log's verification, and never a case.

        Example:
          abri ui --as alice.identity
        Exit codes: 64 no identity or a port out of range, 66 no vault, 77 neither the administrator nor a member of a partner, 74 the port is taken.
        """)
    )

    @Option(name: .customLong("port"), help: ArgumentHelp(tr("Listen on this port of 127.0.0.1 (else one the system chooses)."), valueName: tr("port")))
    var port: Int?

    @OptionGroup var acting: PartnerOption

    // The vault and the identity as every command names them; no passphrase option: the page asks it.
    @Option(name: .customLong("vault"), help: ArgumentHelp(tr("The vault file."),
                                                           discussion: tr("Else $ABRI_VAULT, else $XDG_DATA_HOME/abri/vault.db (~/.local/share/abri/vault.db)."),
                                                           valueName: tr("path")))
    var vault: String?

    @Option(name: .customLong("as"), help: ArgumentHelp(tr("Act as the identity in this file (else $ABRI_IDENTITY)."), valueName: tr("file")))
    var identity: String?

    func validate() throws {
        if let port, !(0 ... 65535).contains(port) {
            throw ValidationError("--port takes a number from 0 to 65535 (0: the system chooses)")
        }
    }

    func run() async throws {
        var options = try VaultOptions.parse([])
        options.vault = vault
        options.identity = identity
        let path = try options.requireIdentityPath()
        let vault = try options.openVault()
        // The administrator gets the administrator's pages; anyone else must be a member. Everything that needs no
        // passphrase is refused here, before any page is served.
        let administrator = try options.actsAsAdministrator(vault)
        if !administrator { try Precheck(options).member(partner: acting.partner) }
        let partner = acting.partner
        let hub = options
        var unlockAdministrator: (@Sendable (UnsafeRawBufferPointer) throws -> AdminSession)?
        if administrator {
            unlockAdministrator = { @Sendable typed in
                let secret = try Passphrase.normalisedNFC(typed, origin: "the page")
                let session = try AdminSession(vault: vault, identity: try Identity.unlock(contentsOf: path, passphrase: secret))
                try hub.pullFromHub(vault)
                return session
            }
        }
        let backend = UIBackend(
            unlock: { typed in
                let secret = try Passphrase.normalisedNFC(typed, origin: "the page")
                let session = MemberSession(vault: vault, identity: try Identity.unlock(contentsOf: path, passphrase: secret),
                                            partner: partner)
                try hub.pullFromHub(vault)
                return session
            },
            unlockAdministrator: unlockAdministrator,
            refresh: { try hub.pullFromHub(vault) },
            vault: vault,
            words: Self.words
        )
        var server = UIServer(port: port ?? 0)
        #if DEBUG
        // Test hook (debug builds only): the idle time in seconds, so that a test sees a session end.
        if let seconds = ProcessInfo.processInfo.environment["ABRI_TEST_UI_IDLE"].flatMap(Int.init) {
            server.idleLimit = .seconds(seconds)
        }
        // Test hook (debug builds only): a smaller limit on the deposit form, so that a test crosses it cheaply.
        if let bytes = ProcessInfo.processInfo.environment["ABRI_TEST_UI_UPLOAD_LIMIT"].flatMap(Int.init) {
            server.uploadLimit = bytes
        }
        #endif
        do {
            try await server.run(backend: backend) { address in
                Output.result(address)
                Output.say(tr("Open this address in your browser; it works once. Ctrl-C stops the interface."))
                Browser.open(address)
            }
        } catch let error as AbriError {
            throw error
        } catch {
            // Hummingbird's own errors: the one a person can cause is a port already taken.
            throw AbriError.io("cannot listen on 127.0.0.1:\(port ?? 0) (choose another port with --port)")
        }
        Output.say(tr("The interface stopped; the identity was forgotten."))
    }

    /// The CLI's sentences in the language the locale asks for, as every command decides it (French when
    /// LC_ALL, LC_MESSAGES or LANG says so, English otherwise).
    static let words = UIWords(
        language: Language.current == .french ? "fr" : "en",
        text: { Localization.text($0, $1) },
        counted: { Plural.tr($0, one: $1, other: $2) },
        kind: { Human.kind($0) },
        checksOut: { Verify.checksOut($0) },
        message: { Localization.message($0) },
        deposited: { result in
            Localization.text("Case %@ deposited. Can read it: %@.", [result.caseID.description, readers(result.readers)])
        },
        shared: { id, list in
            Localization.text("Case %@ shared. %@ can now read it.", [id.description, readers(list)])
        },
        withdrawn: { id, partner in
            Localization.text("Consent withdrawn: %@ loses what it was granted on case %@ at its next command, and keeps what it wrote.",
                              [partner, id.description])
        },
        action: { Human.action($0) }
    )

    /// `Readers.sentence` in the reader's language.
    static func readers(_ readers: [Reader]) -> String {
        readers.map { reader in
            reader.locating ? Localization.text("%@ (including the address)", [reader.name]) : reader.name
        }.joined(separator: ", ")
    }
}

/// Opens an address in the desktop's browser, only when there is a display to show it on.
enum Browser {
    static func open(_ address: String) {
        let environment = ProcessInfo.processInfo.environment
        guard environment["DISPLAY"].map({ !$0.isEmpty }) == true || environment["WAYLAND_DISPLAY"].map({ !$0.isEmpty }) == true else {
            return
        }
        var pid = pid_t()
        let words: [String] = ["xdg-open", address]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for pointer in arguments { free(pointer) } }
        // Its outcome does not matter: the address is printed either way.
        guard posix_spawnp(&pid, "xdg-open", nil, nil, arguments, environ) == 0 else { return }
        let child = pid
        DispatchQueue.global().async {
            var status: Int32 = 0
            waitpid(child, &status, 0)
        }
    }
}
