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
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("abri-sql-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in"), output = directory.appendingPathComponent("out"),
            errors = directory.appendingPathComponent("err")
        try Data(sql.utf8).write(to: input)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-bail", database]
        process.standardInput = try FileHandle(forReadingFrom: input)
        let outHandle = try FileHandle(forWritingTo: output), errHandle = try FileHandle(forWritingTo: errors)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try CLI.launch(process)
        process.waitUntilExit()
        try outHandle.close(); try errHandle.close()
        let stderr = String(decoding: try Data(contentsOf: errors), as: UTF8.self)
        guard process.terminationStatus == 0 else { throw StoryError.sqlite("\(sql.prefix(200)): \(stderr)") }
        return String(decoding: try Data(contentsOf: output), as: UTF8.self)
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
