// The public formats (identities, the roster, heads, the log tree, errors) live in AbriPublic, which the hub shares;
// whoever imports AbriVault sees them too.
@_exported public import AbriPublic

extension HeadBinding {
    /// The binding of an empty vault: no roster (version 0, the hash of the empty body), no key, no head before.
    static let empty = HeadBinding(rosterVersion: 0, rosterHash: Roster.hash(body: []), keys: Custody.emptyDigest, previous: 0)
}
