import AbriCrypto
import AbriPublic
import Foundation
import HTTPTypes

/// Who signed a request (FORMAT §7.2), and whether they may touch a vault. Every failure is the same 401: the caller
/// learns nothing about which check failed.
enum RequestAuth {
    /// The caller's identity once the signature over the request and the date check out.
    static func signer(method: String, pathAndQuery: String, headers: HTTPFields, body: [UInt8], now: Int64)
        throws(HubFailure) -> IdentityLine
    {
        guard let line = single(headers, RequestSignature.identityHeader),
              let dateText = single(headers, RequestSignature.dateHeader),
              let signatureText = single(headers, RequestSignature.signatureHeader),
              let identity = IdentityLine(parsing: line),
              let unsigned = Hex.decimal(dateText), let date = Int64(exactly: unsigned),
              abs(now - date) <= RequestSignature.allowedSkew,
              signatureText.utf8.count == 88, let signature = Data(base64Encoded: signatureText), signature.count == 64
        else { throw .unauthorized }
        let text = RequestSignature.text(method: method, pathAndQuery: pathAndQuery, date: date, body: body)
        guard Ed25519.isValidSignature(Array(signature), for: text, publicKey: identity.signingKey) else { throw .unauthorized }
        return identity
    }

    /// Lets the vault's pinned administrator in, or a current member of the newest roster version the hub holds,
    /// once that version's signature by the administrator checks out.
    static func authorize(_ caller: IdentityLine, state: VaultState, roster: ProtectedRows.RosterRow?) throws(HubFailure) {
        if caller.signingKey == state.admin.signingKey { return }
        guard let roster, let body = RosterBody.verified(body: roster.body, signature: roster.signature, admin: state.admin),
              body.isCurrentMember(caller) else { throw .unauthorized }
    }

    /// The value of a header given exactly once.
    private static func single(_ headers: HTTPFields, _ name: String) -> String? {
        guard let field = HTTPField.Name(name) else { return nil }
        let values = headers[values: field]
        return values.count == 1 ? values[0] : nil
    }
}
