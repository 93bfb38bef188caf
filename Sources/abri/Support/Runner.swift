import AbriVault
import ArgumentParser
import Foundation

/// Parses and runs the root command, and turns every outcome into the contract's exit code.
///
/// ArgumentParser's own `main()` would print an unknown error's description (possibly a
/// library's text) and exit 1; here an `AbriError` prints its one line and its code, a usage
/// error 64, anything else the fixed "internal error" line and 70.
enum Runner {
    /// The exit status of `abri` run with `arguments` (without the program name).
    static func run(arguments: [String]) async -> Int32 {
        let command: any ParsableCommand
        // `--verbose`, on any command, adds counts and rates to progress bars.
        var arguments = arguments
        if let end = arguments.firstIndex(of: "--") ?? Optional(arguments.endIndex),
           let index = arguments[..<end].firstIndex(of: "--verbose") {
            arguments.remove(at: index)
            Progress.verbose = true
        }
        do {
            command = try Abri.parseAsRoot(BulkReports.fold(arguments))
        } catch {
            return parsingFailed(error, arguments: arguments)
        }

        // A command that waits for another one holding the vault says so once, on a terminal only.
        if Output.colourEnabled {
            BusyWait.onWaiting {
                Output.write("\r\u{1B}[K" + tr("vault busy with another command, trying again…") + "\n", to: 2)
            }
        }
        do {
            try await runAgainOnHubConflict(command, arguments: arguments)
            ApprovalNotice.say()
            return 0
        } catch let error as AbriError {
            Output.error(Localization.message(error.message))
            return error.exitCode
        } catch let error as ExitCode {
            return error.rawValue
        } catch {
            return ranIntoOtherError(error, arguments: arguments)
        }
    }

    /// On a replica, a command whose push finds the hub moved on wrote nothing: it runs again from the start, after a
    /// pull, a few times with a random pause (Docs/FORMAT.md §7.4), then gives up with 75.
    static let hubTries = 12

    private static func runAgainOnHubConflict(_ first: any ParsableCommand, arguments: [String]) async throws {
        var command = first
        for attempt in 1 ... hubTries {
            do {
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
                return
            } catch is HubConflict {
                if attempt == hubTries { break }
                usleep(UInt32.random(in: 20_000 ... 100_000) * UInt32(min(attempt, 5)))
                command = try Abri.parseAsRoot(BulkReports.fold(arguments))
            }
        }
        throw AbriError.busy("the hub stayed busy with other machines' changes; nothing was changed (try again in a moment)")
    }

    /// The one line of an error that is a bug; its details stay out of the terminal.
    static let internalErrorMessage = "internal error (please report it)"

    /// `--help` and `--version` are clean exits (their text on stdout, 0); every other parsing
    /// failure is a usage error: one line on stderr, 64.
    private static func parsingFailed(_ error: any Error, arguments: [String]) -> Int32 {
        if Abri.exitCode(for: error) == .success {
            printHelpOrVersion(error)
            return 0
        }
        Output.error(Localization.message(sentence(Abri.message(for: error), arguments: arguments)))
        return AbriError.usage("").exitCode
    }

    /// An error thrown while running that is not an `AbriError`: ArgumentParser's own (help
    /// asked through `abri help …` or a command run without its subcommand, a `ValidationError`)
    /// keep their meaning; anything else is a bug, shown as one fixed line.
    private static func ranIntoOtherError(_ error: any Error, arguments: [String]) -> Int32 {
        switch Abri.exitCode(for: error) {
        case .success:
            printHelpOrVersion(error)
            return 0
        case .validationFailure where error is ValidationError || isArgumentParserError(error):
            Output.error(Localization.message(sentence(Abri.message(for: error), arguments: arguments)))
            return AbriError.usage("").exitCode
        default:
            Output.error(Localization.message(internalErrorMessage))
            return AbriError.internalError("").exitCode
        }
    }

    /// Whether ArgumentParser threw `error` (its types are internal; their module name is not).
    private static func isArgumentParserError(_ error: any Error) -> Bool {
        String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }

    /// Prints the help or the version on stdout, exactly as ArgumentParser would.
    private static func printHelpOrVersion(_ error: any Error) {
        let text = Localization.helpText(Abri.fullMessage(for: error))
        if !text.isEmpty { Output.write(text + "\n", to: 1) }
    }

    /// ArgumentParser's message as one line in the house style: lower case first letter,
    /// and in parentheses where to read how the command is used.
    static func sentence(_ message: String, arguments: [String]) -> String {
        var text = message
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            // ArgumentParser may add "Help:"/"Usage:" lines; `--help` gives those in full.
            .filter { !$0.isEmpty && !$0.hasPrefix("Help:") && !$0.hasPrefix("Usage:") }
            .joined(separator: "; ")
        for prefix in ["Error: ", "error: "] where text.hasPrefix(prefix) {
            text.removeFirst(prefix.count)
        }
        if let first = text.first, first.isUppercase, !(text.dropFirst().first?.isUppercase ?? false) {
            text = first.lowercased() + text.dropFirst()
        }
        while text.hasSuffix(".") { text.removeLast() }
        return text + " (see `\(commandPath(arguments: arguments).joined(separator: " ")) --help`)"
    }

    /// The subcommand the arguments name, e.g. `["abri", "identity", "new"]`.
    static func commandPath(arguments: [String]) -> [String] {
        var path = ["abri"]
        var current: any ParsableCommand.Type = Abri.self
        for argument in arguments where !argument.hasPrefix("-") {
            guard let next = current.configuration.subcommands.first(where: { $0._commandName == argument }) else {
                break
            }
            path.append(argument)
            current = next
        }
        return path
    }
}
