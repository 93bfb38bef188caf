public import AbriPublic
/// Receives progress of long work (rotation, large attachments); the CLI draws it on a terminal.
public protocol ProgressListener: AnyObject {
    /// Work named `label` has reached `done` of `total` units.
    func report(label: String, done: Int, total: Int)
    /// The work named `label` is over.
    func finish(label: String)
}
