/// The rows of cases, records, attachments' rows and their chunks (Docs/FORMAT.md: cases, records, chunks), as the domain reads and writes them.
public protocol CaseRows {
}
