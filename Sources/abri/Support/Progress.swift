import Foundation

/// A one-line progress bar on stderr: percent done and time left (« 42 %  reste 12 s »); with `--verbose`, the
/// counts and the rate too (a rate of grants or MiB per second means something to an administrator, not to a
/// social worker).
///
/// Drawn only when stderr is a terminal and `NO_COLOR` is unset, never into a log file.
/// Redrawn at most ten times a second,
/// so that a tight loop calling `advance` costs nothing noticeable.
final class Progress {
    private let total: Int
    private let label: String
    private let enabled: Bool
    private let start: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant?
    private(set) var done = 0
    private var finished = false

    /// Set by `--verbose` (any command): the bar shows counts and rates.
    nonisolated(unsafe) static var verbose = false

    /// - Parameters:
    ///   - total: the number of units of work (records, grants, bytes).
    ///   - label: what is being done, e.g. "re-sealing grants".
    ///   - enabled: defaults to a terminal on stderr and `NO_COLOR` unset.
    init(total: Int, label: String, enabled: Bool = Output.colourEnabled) {
        self.total = max(total, 0)
        self.label = label
        self.enabled = enabled
        self.start = ContinuousClock.now
    }

    /// Counts `count` more units done and redraws if the last drawing is older than 0.1 s.
    func advance(by count: Int = 1) {
        done = min(done + count, total)
        guard enabled, !finished else { return }
        let now = ContinuousClock.now
        if let lastDraw, now - lastDraw < .milliseconds(100), done < total { return }
        lastDraw = now
        draw(now: now)
    }

    /// Draws the final state and ends the line.
    func finish() {
        guard !finished else { return }
        finished = true
        guard enabled else { return }
        draw(now: ContinuousClock.now)
        Output.write("\n", to: 2)
    }

    deinit {
        // A bar left unfinished (an error was thrown) must not glue itself to the error line.
        if enabled, !finished, lastDraw != nil { Output.write("\n", to: 2) }
    }

    private func draw(now: ContinuousClock.Instant) {
        Output.write("\r\u{1B}[K" + line(elapsed: now - start), to: 2)
    }

    /// The text of the bar, e.g. `re-sealing grants [=====>     ] 50%  2s left`, in French
    /// `re-scellement des accès [=====>     ] 50 %  reste 2 s`; verbose adds `512/1024  230/s`.
    func line(elapsed: Duration, language: Language = .current, verbose: Bool = Progress.verbose) -> String {
        let width = 24
        let fraction = total == 0 ? 1.0 : Double(done) / Double(total)
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "=", count: filled)
            + (filled < width ? ">" + String(repeating: " ", count: width - filled - 1) : "")
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let percent = Int((fraction * 100).rounded(.down))
        var text = "\(label) [\(bar)] " + (language == .french ? "\(percent) %" : "\(percent)%")
        if verbose { text += "  \(done)/\(total)" }
        if seconds > 0, done > 0 {
            let rate = Double(done) / seconds
            if verbose {
                let shown = Self.formatRate(rate)
                text += "  " + (language == .french ? shown.replacingOccurrences(of: ".", with: ",") : shown) + "/s"
            }
            if done < total {
                let left = Double(total - done) / rate
                text += language == .french ? "  reste \(Self.formatDurationFrench(left))" : "  \(Self.formatDuration(left)) left"
            }
        }
        return text
    }

    /// « 15 s », « 1 min 01 s », « 1 h 02 min ».
    static func formatDurationFrench(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(String(format: "%02d", whole % 60)) s" }
        return "\(whole / 3600) h \(String(format: "%02d", whole % 3600 / 60)) min"
    }

    static func formatRate(_ rate: Double) -> String {
        rate >= 100 ? String(Int(rate.rounded())) : String(format: "%.1f", rate)
    }

    static func formatDuration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m\(String(format: "%02d", whole % 60))s" }
        return "\(whole / 3600)h\(String(format: "%02d", whole % 3600 / 60))m"
    }
}
