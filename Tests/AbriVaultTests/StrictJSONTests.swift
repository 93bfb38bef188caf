@testable import AbriVault
import Foundation
import Testing

/// The strict reader of reports: what JSONDecoder lets through is refused with its line and column.
struct StrictJSONTests {
    struct Bad: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var kind: StrictJSON.Fault.Kind
        var line: Int
        var column: Int
        var testDescription: String { name }
    }

    static func bad(_ name: String, _ text: String, _ kind: StrictJSON.Fault.Kind, line: Int, column: Int) -> Bad {
        Bad(name: name, bytes: Array(text.utf8), kind: kind, line: line, column: column)
    }

    static let bads: [Bad] = [
        bad("a duplicate key", "{\n  \"menage\": \"A\",\n  \"menage\": \"B\"\n}", .duplicateKey("menage"), line: 3, column: 3),
        bad("a duplicate key in a nested object", #"{"v": {"nom": 1, "nom": 2}}"#, .duplicateKey("nom"), line: 1, column: 18),
        bad("a trailing comma in an object", "{\n  \"type\": \"note\",\n}", .trailingComma, line: 3, column: 1),
        bad("a trailing comma in an array", #"{"a": [1, 2, ]}"#, .trailingComma, line: 1, column: 14),
        bad("a line comment", "{\n  // la victime\n  \"type\": \"note\"\n}", .comment, line: 2, column: 3),
        bad("a block comment", "{\"type\": /* x */ \"note\"}", .comment, line: 1, column: 10),
        bad("a comment after the object", "{}\n// fin", .comment, line: 2, column: 1),
        bad("a second object", "{} {}", .trailingContent, line: 1, column: 4),
        bad("single quotes", "{'type': 'note'}", .unexpected("'"), line: 1, column: 2),
        bad("an unquoted key", "{type: 1}", .unexpected("t"), line: 1, column: 2),
        bad("the end too early", #"{"type": "signalement", "#, .unexpectedEnd, line: 1, column: 25),
        bad("a raw newline in a string", "{\"a\": \"x\ny\"}", .controlInString, line: 1, column: 9),
        bad("a bad escape", #"{"a": "\x"}"#, .badEscape, line: 1, column: 8),
        bad("a lone surrogate", #"{"a": "\udc00"}"#, .badEscape, line: 1, column: 8),
        bad("a leading zero", #"{"a": 012}"#, .badNumber, line: 1, column: 7),
        bad("NaN", #"{"a": NaN}"#, .unexpected("N"), line: 1, column: 7),
        bad("a column counted in characters", "{\"é\": 1,}", .trailingComma, line: 1, column: 9),
        Bad(name: "Latin-1", bytes: Array("{\"faits\": \"".utf8) + [0x76, 0x69, 0x6F, 0x6C, 0x65, 0x6E, 0x63, 0x65, 0x73, 0x20, 0x63, 0x6F, 0x6E, 0x6A, 0x75, 0x67, 0x61, 0x6C, 0x65, 0x73, 0x20, 0x73, 0x69, 0x67, 0x6E, 0x61, 0x6C, 0xE9, 0x65, 0x73] + Array("\"}".utf8),
            kind: .notUTF8(latin1: true), line: 1, column: 39),
        Bad(name: "a stray continuation byte", bytes: Array("{\"a\": \"".utf8) + [0xC3, 0xA9, 0x80] + Array("\"}".utf8),
            kind: .notUTF8(latin1: false), line: 1, column: 9),
        Bad(name: "an overlong encoding", bytes: Array("{\"a\": \"".utf8) + [0xC0, 0xAF] + Array("\"}".utf8),
            kind: .notUTF8(latin1: false), line: 1, column: 8),
    ]

    @Test(arguments: bads)
    func strictJSONRefusesWithLineAndColumn(_ bad: Bad) {
        #expect(throws: StrictJSON.Fault(kind: bad.kind, line: bad.line, column: bad.column)) { try StrictJSON.parse(bad.bytes) }
    }

    @Test func deepNestingIsRefusedWithoutRecursingForever() {
        let deep = Array(String(repeating: "[", count: 100_000).utf8)
        #expect(throws: StrictJSON.Fault.self) { try StrictJSON.parse(deep) }
    }

    @Test func strictJSONReadsWhatJSONDecoderReads() throws {
        let text = #"{"a": [1, -2, 3.5, 1e2, 2.0, true, false, null, "é\u00e9\ud83d\ude00\n\"\\\/"], "b": {}, "c": []}"#
        let strict = try StrictJSON.parse(Array(text.utf8))
        let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(strict == foundation)
    }

    @Test func theReportMessageGivesLineColumnAndTheLatin1Hint() {
        let latin1: [UInt8] = Array("{\"type\": \"note\", \"faits\": \"sign".utf8) + [0xE9] + Array("\"}".utf8)
        let error = #expect(throws: AbriError.self) { try Report(json: Data(latin1), source: "r.json", use: .record) }
        #expect(error?.message.contains("line 1, column 32") == true, "\(String(describing: error))")
        #expect(error?.message.contains("UTF-8") == true)
        #expect(error?.message.contains("Latin-1") == true)
        let comma = #expect(throws: AbriError.self) {
            try Report(json: Data("{\"type\": \"note\",\n}".utf8), source: "r.json", use: .record)
        }
        #expect(comma?.message.contains("line 2, column 1") == true, "\(String(describing: comma))")
    }

    /// Twenty thousand reports' worth of JSON in one document reads in linear time (no quadratic step).
    @Test func aLargeDocumentReadsInLinearTime() throws {
        func document(_ count: Int) -> [UInt8] {
            Array(("[" + (0 ..< count).map { #"{"type":"note","menage":"FOH-2021-\#($0)","faits":"rapport \#($0)"}"# }
                .joined(separator: ",") + "]").utf8)
        }
        let small = document(2_000)
        let large = document(20_000)
        let clock = ContinuousClock()
        _ = try StrictJSON.parse(small)
        let smallTime = clock.measure { _ = try? StrictJSON.parse(small) }
        let largeTime = clock.measure { _ = try? StrictJSON.parse(large) }
        #expect(largeTime < smallTime * 40, "\(smallTime) for 2,000, \(largeTime) for 20,000")
    }
}
