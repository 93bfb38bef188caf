import AbriCrypto
import Foundation

/// The forms in which a secret string could hide in bytes: clear, base64, hex (lower and upper
/// case), UTF-16LE, and the hex of its unkeyed SHA-256 and BLAKE2b-256.
enum Encodings {
    /// Each needle names its form, for failure messages.
    static func needles(for secret: String) -> [(form: String, bytes: [UInt8])] {
        let utf8 = Array(secret.utf8)
        let hex = utf8.hexString
        var needles: [(String, [UInt8])] = [
            ("clear", utf8),
            ("base64", Array(Data(utf8).base64EncodedString().utf8)),
            // base64 of the secret starting at other offsets mod 3 (inside a larger base64 text)
            ("base64 +1", Array(Data([0] + utf8).base64EncodedString().dropFirst(4).dropLast(4).utf8)),
            ("base64 +2", Array(Data([0, 0] + utf8).base64EncodedString().dropFirst(4).dropLast(4).utf8)),
            ("hex", Array(hex.utf8)),
            ("HEX", Array(hex.uppercased().utf8)),
            ("UTF-16LE", Array(secret.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
        ]
        let sha = SHA256.hash(utf8)
        needles.append(("SHA-256 hex", Array(sha.hexString.utf8)))
        needles.append(("SHA-256 HEX", Array(sha.hexString.uppercased().utf8)))
        needles.append(("SHA-256 raw", sha))
        let blake = BLAKE2b.hash(utf8, length: 32)
        needles.append(("BLAKE2b-256 hex", Array(blake.hexString.utf8)))
        needles.append(("BLAKE2b-256 HEX", Array(blake.hexString.uppercased().utf8)))
        needles.append(("BLAKE2b-256 raw", blake))
        return needles
    }

    /// The forms of `secret` found in `haystack`.
    static func found(_ secret: String, in haystack: [UInt8]) -> [String] {
        needles(for: secret).filter { !$0.bytes.isEmpty && haystack.contains(subsequence: $0.bytes) }.map(\.form)
    }
}

extension Array where Element == UInt8 {
    var hexString: String { map { String(format: "%02x", $0) }.joined() }

    /// Whether `needle` occurs in the array.
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        let first = needle[0]
        var index = 0
        let last = count - needle.count
        return withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { pattern in
                while index <= last {
                    if haystack[index] == first, memcmp(haystack.baseAddress! + index, pattern.baseAddress!, pattern.count) == 0 {
                        return true
                    }
                    index += 1
                }
                return false
            }
        }
    }
}

/// Lower-case hexadecimal of `bytes`, as SQLite's `hex()` reads back with `x'…'`.
func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

/// The bytes of a hexadecimal string (either case), as `sqlite3` prints `hex()` columns.
func bytes(hex: String) -> [UInt8] {
    var result: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
        result.append(UInt8(hex[index ..< next], radix: 16) ?? 0)
        index = next
    }
    return result
}
