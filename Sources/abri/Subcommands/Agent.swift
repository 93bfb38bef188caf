import CDispatch
import AbriVault
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `abri agent`: unlock an identity once for the commands that follow.
struct AgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: tr("Unlock an identity once, for the commands that follow."),
        discussion: tr("""
        The agent is a background process that holds one unlocked identity in locked memory and signs and opens \
        for your commands; it never hands the keys out. Commands given --as with that identity file ask no \
        passphrase while it runs. It listens on a socket in $XDG_RUNTIME_DIR that only you can reach, and stops \
        on abri agent stop, after the idle time, after 12 hours, or when your session ends.

        Example:
          abri agent start --idle 15m --as ~/alice.identity
        Exit codes: see each subcommand's --help.
        """),
        subcommands: [AgentStart.self, AgentStop.self, AgentServe.self]
    )

    /// `$XDG_RUNTIME_DIR/abri`, or nil when there is no runtime folder.
    static var directory: String? {
        AgentSocket.directory(runtimeDirectory: ProcessInfo.processInfo.environment["XDG_RUNTIME_DIR"])
    }

    /// The identity in `file` as held by a running agent, or nil (the command then asks for the passphrase).
    static func heldIdentity(name: String, publicIdentity: PublicIdentity) -> Identity? {
        guard let directory, let client = AgentClient.connect(directory: directory, identity: publicIdentity) else { return nil }
        return Identity(name: name, publicIdentity: publicIdentity, delegatingTo: client)
    }

    /// Seconds in `15m`, `90s`, `2h` or a bare number of minutes; nil for anything else or zero.
    static func seconds(_ text: String) -> Int? {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600]
        var digits = text
        var unit = 60
        if let last = text.last, let factor = units[last] {
            digits = String(text.dropLast())
            unit = factor
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let value = Int(digits), value > 0, value <= 12 * 3600 else { return nil }
        let total = value * unit
        return total <= 12 * 3600 ? total : nil
    }
}

/// `abri agent start`: unlocks the identity and leaves the agent running in the background.
struct AgentStart: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: tr("Unlock an identity and keep it in a background agent."),
        discussion: tr("""
        Asks the passphrase once (three tries at the terminal), then returns; the agent stays in the background.

        Example:
          abri agent start --idle 30m --as ~/alice.identity
        Exit codes: 64 no XDG_RUNTIME_DIR or a bad duration, 77 a wrong passphrase, 73 the agent's folder is not private.
        """)
    )

    @Option(name: .customLong("idle"), help: ArgumentHelp(tr("Stop after this long without use: 30s, 15m, 2h (at most 12h)."), valueName: tr("duration")))
    var idle: String = "15m"

    @Option(name: .customLong("as"), help: ArgumentHelp(tr("The identity file to unlock (else $ABRI_IDENTITY)."), valueName: tr("file")))
    var identity: String?

    @OptionGroup var passphraseOptions: PassphraseOptions

    func validate() throws {
        guard AgentCommand.seconds(idle) != nil else {
            throw ValidationError("--idle takes a duration such as 30s, 15m or 2h, at most 12h")
        }
    }

    func run() throws {
        guard let directory = AgentCommand.directory else {
            throw AbriError.usage("XDG_RUNTIME_DIR is not set, so the agent has no private folder (log in to a desktop or ssh session that sets it)")
        }
        guard let path = Paths.identity(explicit: identity) else {
            throw AbriError.usage("no identity to act as (pass --as FILE or set ABRI_IDENTITY)")
        }
        let file = try Identity.readPublic(contentsOf: path)
        if AgentCommand.heldIdentity(name: file.name, publicIdentity: file.publicIdentity) != nil {
            Output.say(tr("An agent already holds %@ (abri agent stop ends it).", path))
            return
        }
        try AgentSocket.prepareDirectory(directory)

        // The agent is this same program, started again in the background: it asks the passphrase itself, on this
        // terminal, so that no key crosses between processes.
        var arguments = ["abri", "agent", "serve", "--as", path, "--idle", String(AgentCommand.seconds(idle)!)]
        if let file = passphraseOptions.resolvedFile { arguments += ["--passphrase-file", file] }
        let child = try spawn(arguments)
        // The passphrase may take a person a while to type; past that, an agent that never answers is stopped.
        let deadline = Date().addingTimeInterval(passphraseOptions.resolvedFile == nil ? 600 : 30)
        while true {
            var status: Int32 = 0
            if waitpid(child, &status, WNOHANG) == child {
                // The agent ended before it listened: it said why on stderr; its exit code is ours.
                let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : CrashGuard.exitCode
                throw ExitCode(code)
            }
            if AgentCommand.heldIdentity(name: file.name, publicIdentity: file.publicIdentity) != nil { break }
            if Date() > deadline {
                kill(child, SIGTERM)
                throw AbriError.io("cannot start the agent (try again)")
            }
            usleep(50_000)
        }
        Output.say(tr("Agent started for %@: commands with --as %@ ask no passphrase until abri agent stop, %@ without use, or the end of your session.",
                      path, path, idle))
    }

    private func spawn(_ arguments: [String]) throws -> pid_t {
        var pid = pid_t()
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        guard posix_spawn(&pid, "/proc/self/exe", nil, nil, cArguments, environ) == 0 else {
            throw AbriError.io("cannot start the agent (try again)")
        }
        return pid
    }
}

/// `abri agent stop`: asks the agents to wipe their keys and exit.
struct AgentStop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: tr("Stop the agent: its keys are wiped from memory."),
        discussion: tr("""
        Stops the agent of the identity given with --as, or every agent of yours when none is given.

        Example:
          abri agent stop
        Exit codes: 0 also when no agent runs; 65 when --as names a file that is not an identity.
        """)
    )

    @Option(name: .customLong("as"), help: ArgumentHelp(tr("Stop only the agent of this identity file."), valueName: tr("file")))
    var identity: String?

    func run() throws {
        guard let directory = AgentCommand.directory, AgentSocket.isPrivateDirectory(directory) else {
            Output.say(tr("No agent is running."))
            return
        }
        var sockets: [String]
        if let path = identity {
            sockets = [AgentSocket.path(in: directory, for: try Identity.readPublic(contentsOf: path).publicIdentity)]
        } else {
            sockets = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
                .filter { $0.hasPrefix("agent-") && $0.hasSuffix(".sock") }
                .map { directory + "/" + $0 }
        }
        sockets = sockets.filter { AgentSocket.isPrivateSocket($0) }
        let stopped = sockets.filter { AgentClient.stop(path: $0) }.count
        Output.say(stopped == 0 ? tr("No agent is running.") : tr("Agent stopped; its keys are wiped from memory."))
    }
}

/// `abri agent serve`: the agent itself, started by `agent start`; not for people.
struct AgentServe: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", shouldDisplay: false)

    @Option(name: .customLong("as")) var identity: String
    @Option(name: .customLong("idle")) var idle: Int
    @OptionGroup var passphraseOptions: PassphraseOptions

    func run() throws {
        guard let directory = AgentCommand.directory else { throw AbriError.usage("XDG_RUNTIME_DIR is not set") }
        let unlocked = try passphraseOptions.unlock(identity)
        let path = AgentSocket.path(in: directory, for: unlocked.publicIdentity)
        let socket = try AgentServer.listen(at: path)

        // From here on nobody reads this process's output: it lets go of the terminal and of any pipe.
        let null = open("/dev/null", O_RDWR)
        for fd: Int32 in [0, 1, 2] { dup2(null, fd) }
        if null > 2 { close(null) }
        // Nor may it keep a pipe or a socket it inherited: one held open would keep a caller waiting for its end. Other
        // descriptors (the runtime's own event and timer descriptors) stay.
        for fd: Int32 in 3..<1024 where fd != socket {
            var status = stat()
            guard fstat(fd, &status) == 0 else { continue }
            let type = status.st_mode & S_IFMT
            if type == S_IFIFO || type == S_IFSOCK { close(fd) }
        }
        for signal in [SIGHUP, SIGTERM, SIGINT] {
            _ = Glibc.signal(signal) { _ in AgentServer.requestStop() }
        }
        _ = Glibc.signal(SIGPIPE, SIG_IGN)
        // Logout ends the session's leader (the login shell): the agent watches it, when there is one still alive and
        // it is not `agent start` itself (started in a session of its own, as a test harness does, it ends at once).
        let leader = getsid(0)
        let watched = leader > 0 && leader != getpid() && leader != getppid() && kill(leader, 0) == 0 ? leader : nil
        _ = AgentServer.serve(unlocked, socket: socket, path: path, limits: .init(idle: TimeInterval(idle)), sessionLeader: watched)
    }
}
