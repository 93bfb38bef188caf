import AbriCrypto

/// A passphrase of words drawn at random from `FrenchWords`, built in secure memory.
enum GeneratedPassphrase {
    /// How many words `identity new --generate` proposes.
    static let wordCount = 6

    /// `count` words drawn with `randombytes_uniform`, separated by single spaces.
    static func make(words count: Int = wordCount) throws -> SecureBytes {
        let list = FrenchWords.list
        var chosen = (0 ..< count).map { _ in Int(Random.uniform(UInt32(list.count))) }
        defer { for index in chosen.indices { chosen[index] = 0 } }
        let length = chosen.reduce(count - 1) { $0 + list[$1].utf8.count }
        var passphrase = try SecureBytes(count: length)
        passphrase.withUnsafeMutableBytes { out in
            var offset = 0
            for (position, index) in chosen.enumerated() {
                if position > 0 {
                    out[offset] = 0x20
                    offset += 1
                }
                for byte in list[index].utf8 {
                    out[offset] = byte
                    offset += 1
                }
            }
        }
        return passphrase
    }
}
