/// The rows that name the attachment files kept beside the vault (Docs/FORMAT.md §3.5): local to one machine, each a
/// sealed blob's id, its case and its size.
public protocol AttachmentFileRows {
    /// Records that the sealed blob `blob` of case `caseID`, `bytes` long, is kept as a file.
    func registerAttachmentFile(blob: [UInt8], caseID: [UInt8], bytes: Int) throws
    /// Forgets every attachment file of case `caseID`; returns their blob ids.
    func forgetAttachmentFiles(caseID: [UInt8]) throws -> [[UInt8]]
    /// The blob ids of every attachment file the vault names.
    func attachmentFileBlobs() throws -> [[UInt8]]
    /// The case and size of the attachment file `blob`, nil when the vault names no such file.
    func attachmentFile(blob: [UInt8]) throws -> AttachmentFileRow?
}

/// An attachment kept as a file: its sealed blob's id, its case, its size.
public struct AttachmentFileRow: Sendable, Equatable {
    public var blob: [UInt8]
    public var caseID: [UInt8]
    public var bytes: Int

    public init(blob: [UInt8], caseID: [UInt8], bytes: Int) {
        self.blob = blob
        self.caseID = caseID
        self.bytes = bytes
    }
}
