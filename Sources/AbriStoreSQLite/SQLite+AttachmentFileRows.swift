import Foundation
public import GRDB
public import AbriStore

extension Database: AttachmentFileRows {
    public func registerAttachmentFile(blob: [UInt8], caseID: [UInt8], bytes: Int) throws {
        try execute(sql: "INSERT INTO attachment_files (blob, case_id, bytes) VALUES (?, ?, ?)",
                    arguments: [Data(blob), Data(caseID), bytes])
    }

    public func forgetAttachmentFiles(caseID: [UInt8]) throws -> [[UInt8]] {
        let id = Data(caseID)
        let blobs = try Data.fetchAll(self, sql: "SELECT blob FROM attachment_files WHERE case_id = ?", arguments: [id])
        try execute(sql: "DELETE FROM attachment_files WHERE case_id = ?", arguments: [id])
        return blobs.map { Array($0) }
    }

    public func attachmentFileBlobs() throws -> [[UInt8]] {
        try Data.fetchAll(self, sql: "SELECT blob FROM attachment_files").map { Array($0) }
    }

    public func attachmentFile(blob: [UInt8]) throws -> AttachmentFileRow? {
        try Row.fetchOne(self, sql: "SELECT case_id, bytes FROM attachment_files WHERE blob = ?", arguments: [Data(blob)]).map {
            AttachmentFileRow(blob: blob, caseID: Array($0["case_id"] as Data), bytes: $0["bytes"])
        }
    }
}
