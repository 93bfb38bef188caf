import Foundation

/// A one-line progress bar on stderr: done/total, rate and time left.
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

    /// The text of the bar, e.g. `re-sealing grants [=====>     ] 512/1024  230/s  2s left`.
    func line(elapsed: Duration) -> String {
        let width = 24
        let fraction = total == 0 ? 1.0 : Double(done) / Double(total)
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "=", count: filled)
            + (filled < width ? ">" + String(repeating: " ", count: width - filled - 1) : "")
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var text = "\(label) [\(bar)] \(done)/\(total)"
        if seconds > 0, done > 0 {
            let rate = Double(done) / seconds
            text += "  \(Self.formatRate(rate))/s"
            if done < total {
                text += "  \(Self.formatDuration(Double(total - done) / rate)) left"
            }
        }
        return text
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
