import AbriPublic
/// The signed plaintext of one compartment of one record (Docs/FORMAT.md §3.4).
struct RecordBody: Codable, Sendable {
    var v = 1
    var `case`: String
    var record: String
    /// The record's place in its case, from 1, signed with it: the store cannot reorder a case unnoticed.
    var seq: Int
    var compartment: String
    var type: String
    var author: String
    var authorKey: String
    var createdAt: String
    var hasLocating: Bool
    var content: [String: JSONValue]
    var attachments: [AttachmentInfo]
}

extension RecordBody {
    /// The body as a JSON value, for `CanonicalJSON`.
    var json: JSONValue {
        .object([
            "v": .integer(v), "case": .string(self.case), "record": .string(record), "seq": .integer(seq), "compartment": .string(compartment),
            "type": .string(type), "author": .string(author), "authorKey": .string(authorKey), "createdAt": .string(createdAt),
            "hasLocating": .bool(hasLocating), "content": .object(content),
            "attachments": .array(attachments.map { info in
                .object(["name": .string(info.name), "size": .integer(info.size), "blob": .string(info.blob),
                         "index": .integer(info.index), "chunks": .integer(info.chunks)])
            }),
        ])
    }
}

/// An attachment as its compartment describes it; the name is sealed with it.
public struct AttachmentInfo: Codable, Sendable, Equatable {
    /// The file's base name as deposited.
    public var name: String
    /// Its size in bytes.
    public var size: Int
    /// The stored ciphertext's id, base64 (its file name in hexadecimal).
    var blob: String
    /// Which attachment of the compartment it is: it picks the segment keys, and names it in `AttachmentChoice`.
    public internal(set) var index: Int
    /// How many 64 KiB chunks the ciphertext holds, over all its segments.
    var chunks: Int
}
