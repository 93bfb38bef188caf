/// The signed plaintext of one compartment of one record (Docs/FORMAT.md §3.4).
struct RecordBody: Codable, Sendable {
    var v = 1
    var `case`: String
    var record: String
    var compartment: String
    var type: String
    var author: String
    var authorKey: String
    var createdAt: String
    var hasLocating: Bool
    var content: [String: JSONValue]
    var attachments: [AttachmentInfo]
}

/// An attachment as its compartment describes it; the name is sealed with it.
public struct AttachmentInfo: Codable, Sendable, Equatable {
    /// The file's base name as deposited.
    public var name: String
    /// Its size in bytes.
    public var size: Int
    /// The stored stream's id, base64.
    var blob: String
    /// The secretstream header, base64.
    var header: String
    /// Which stream key of the compartment it uses.
    var index: Int
    /// How many chunks the stream holds.
    var chunks: Int
}
