import AbriCrypto
public import AbriPublic

/// How an attachment's ciphertext is cut (Docs/FORMAT.md §3.5): 64 KiB chunks, 32 to a segment,
/// each segment its own secretstream under its own key, so that segments are sealed and opened
/// on every core at once while each stays a stream in constant memory.
enum AttachmentLayout {
    /// Plaintext bytes per chunk; the last chunk is zero-filled, so only the chunk count shows.
    static let chunk = 65536
    static let chunksPerSegment = 32
    /// Plaintext bytes per full segment (2 MiB).
    static let segmentPlain = chunk * chunksPerSegment
    static let sealedChunk = chunk + SecretStream.abytes
    /// Ciphertext bytes of a full segment: its stream header, then its chunks.
    static let sealedSegment = SecretStream.headerBytes + chunksPerSegment * sealedChunk

    /// The largest file an attachment may describe: 1 TiB. A description is read from the store or a bundle; past
    /// this size (or its chunk count) the layout's arithmetic would overflow, so `Attachments.checkLayout` refuses it
    /// before anything below is computed (a description of `Int.max` bytes trapped: FuzzRegression/attachment-info).
    static let maximumSize = 1 << 40

    /// Chunks for a file of `size` bytes (an empty file still takes one).
    static func chunks(forSize size: Int) -> Int { max(1, (size + chunk - 1) / chunk) }

    static func segments(chunks: Int) -> Int { (chunks + chunksPerSegment - 1) / chunksPerSegment }

    static func chunks(inSegment segment: Int, of total: Int) -> Int {
        min(chunksPerSegment, total - segment * chunksPerSegment)
    }

    /// Ciphertext bytes of segment `segment`.
    static func sealedSize(segment: Int, of total: Int) -> Int {
        SecretStream.headerBytes + chunks(inSegment: segment, of: total) * sealedChunk
    }

    /// Where segment `segment` starts in the ciphertext.
    static func sealedOffset(segment: Int) -> Int { segment * sealedSegment }

    /// The whole ciphertext's length.
    static func sealedBytes(chunks total: Int) -> Int {
        segments(chunks: total) * SecretStream.headerBytes + total * sealedChunk
    }

    /// The key of one segment: `KDF(dataKey, index << 32 | segment, "abriatt2")`.
    static func segmentKey(dataKey: Key, index: Int, segment: Int) throws -> Key {
        try dataKey.subkey(UInt64(index) << 32 | UInt64(segment), context: "abriatt2")
    }

    /// Seals `chunkCount` chunks of `plain` (zero-filled past the data) as one segment into `sealed`.
    static func seal(_ plain: UnsafeRawBufferPointer, chunks chunkCount: Int, key: Key,
                     into sealed: UnsafeMutableRawBufferPointer) throws {
        var pusher = try SecretStream.Pusher(key: key.bytes)
        pusher.header.withUnsafeBytes { header in
            sealed.baseAddress!.copyMemory(from: header.baseAddress!, byteCount: SecretStream.headerBytes)
        }
        for c in 0..<chunkCount {
            let from = UnsafeRawBufferPointer(rebasing: plain[(c * chunk)..<((c + 1) * chunk)])
            let start = SecretStream.headerBytes + c * sealedChunk
            let to = UnsafeMutableRawBufferPointer(rebasing: sealed[start..<(start + sealedChunk)])
            try pusher.push(from, final: c == chunkCount - 1, to: to)
        }
    }

    /// Opens one segment of `chunkCount` chunks into `plain`; false when it was altered, cut or moved.
    static func open(_ sealed: UnsafeRawBufferPointer, chunks chunkCount: Int, key: Key,
                     into plain: UnsafeMutableRawBufferPointer) -> Bool {
        guard sealed.count == SecretStream.headerBytes + chunkCount * sealedChunk,
              let header = Optional(Array(UnsafeRawBufferPointer(rebasing: sealed[0..<SecretStream.headerBytes]))),
              var puller = try? SecretStream.Puller(key: key.bytes, header: header) else { return false }
        for c in 0..<chunkCount {
            let start = SecretStream.headerBytes + c * sealedChunk
            let from = UnsafeRawBufferPointer(rebasing: sealed[start..<(start + sealedChunk)])
            let to = UnsafeMutableRawBufferPointer(rebasing: plain[(c * chunk)..<((c + 1) * chunk)])
            // Only the segment's last chunk may carry the final tag.
            guard let final = try? puller.pull(from, to: to), final == (c == chunkCount - 1) else { return false }
        }
        return true
    }
}
