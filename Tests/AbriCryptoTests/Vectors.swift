import AbriCrypto
import Foundation
import Testing

/// Where the shared test vectors live: $ABRI_VECTORS, else ../shared/vectors beside the package.
enum Vectors {
    static let root: URL = {
        if let path = ProcessInfo.processInfo.environment["ABRI_VECTORS"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        // #filePath is <package>/Tests/AbriCryptoTests/Vectors.swift.
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("shared/vectors", isDirectory: true)
    }()

    static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    static func json<T: Decodable>(_ type: T.Type, _ relativePath: String) throws -> T {
        try JSONDecoder().decode(T.self, from: data(relativePath))
    }

    /// The JSON files under a folder, recursively, sorted by path.
    static func jsonFiles(under relativePath: String) -> [URL] {
        let base = url(relativePath)
        let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let file = enumerator?.nextObject() as? URL {
            if file.pathExtension == "json" { files.append(file) }
        }
        return files.sorted { $0.path < $1.path }
    }
}

/// Decodes lower-case or upper-case hexadecimal; the vectors are trusted, so bad input is a test bug.
func hex(_ string: String) -> [UInt8] {
    let digits = Array(string.utf8)
    precondition(digits.count % 2 == 0, "odd hex length")
    func value(_ c: UInt8) -> UInt8 {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: preconditionFailure("not hex")
        }
    }
    return stride(from: 0, to: digits.count, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
}

/// Decodes standard base64 (the Merkle test data).
func base64(_ string: String) -> [UInt8] {
    guard let data = Data(base64Encoded: string) else { preconditionFailure("not base64") }
    return [UInt8](data)
}

/// Flips bit `bit` of `bytes`.
func flipping(_ bytes: [UInt8], bit: Int) -> [UInt8] {
    var copy = bytes
    copy[bit / 8] ^= 1 << UInt8(bit % 8)
    return copy
}

/// Deterministic pseudo-random numbers, so a failing split can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The bytes of a secret, copied out so that tests can compare and print them.
func revealed(_ secret: borrowing SecureBytes) -> [UInt8] {
    secret.withUnsafeBytes { Array($0) }
}
