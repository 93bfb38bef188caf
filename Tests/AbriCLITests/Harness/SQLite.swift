import AbriTestSupport
import Foundation

/// The `sqlite3` command-line tool, to look at or damage a vault the way someone with the file would.
enum SQLite {
    /// Whether the tool is installed.
    static var available: Bool { path != nil }

    static let path: String? = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/opt/homebrew/bin/sqlite3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `sql` (fed on standard input, so statements may be long) on `database`; returns stdout.
    @discardableResult
    static func query(_ database: String, _ sql: String) throws -> String {
        guard let path else { throw StoryError.sqlite("sqlite3 is not installed: `make deps` installs it (apt-get install sqlite3)") }
        let (ending, stdout, stderr) = try Child.run(path, ["-bail", database], input: Array(sql.utf8))
        guard ending == .exited(0) else { throw StoryError.sqlite("\(sql.prefix(200)): \(String(decoding: stderr, as: UTF8.self))") }
        return String(decoding: stdout, as: UTF8.self)
    }

    /// sqlite3 holding `database`'s write lock for `seconds`, as a long command would; returned once the lock is
    /// held (a second writer with no busy timeout is refused). The script lives in `folder`.
    static func holdWriteLock(_ database: String, seconds: Int, folder: String) throws -> Child {
        guard let path else { throw StoryError.sqlite("sqlite3 is not installed: `make deps` installs it (apt-get install sqlite3)") }
        let script = folder + "/hold-\(UUID().uuidString.prefix(8)).sql"
        try Data("BEGIN IMMEDIATE;\n.shell sleep \(seconds)\nROLLBACK;\n".utf8).write(to: URL(fileURLWithPath: script))
        let holder = try Child(path, [database], stdin: .file(script))
        for _ in 0 ..< 200 {
            if (try? query(database, "BEGIN IMMEDIATE; ROLLBACK;")) == nil { return holder }
            usleep(20_000)
        }
        holder.send(SIGKILL)
        holder.wait()
        throw StoryError.sqlite("sqlite3 never took the write lock")
    }

    /// An SQL expression: `column` with the byte at `position` (0-based; an SQL expression too)
    /// replaced by a different byte, still a BLOB of the same length.
    static func flipped(_ column: String, at position: String) -> String {
        "CAST(substr(\(column), 1, \(position)) || CASE WHEN substr(\(column), \(position) + 1, 1) = x'41' THEN x'42' ELSE x'41' END || substr(\(column), \(position) + 2) AS BLOB)"
    }

    /// An SQL statement that changes one byte in the middle of `column` in every row of `table`
    /// matching `condition`.
    static func flipMiddle(table: String, column: String, where condition: String = "1") -> String {
        "UPDATE \(table) SET \(column) = \(flipped(column, at: "length(\(column)) / 2")) WHERE \(condition);"
    }
}
