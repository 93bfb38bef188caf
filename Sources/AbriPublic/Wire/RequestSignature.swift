import AbriCrypto

/// The text a hub request's signature covers (FORMAT §7.2), and the names of the headers that carry it.
///
/// `"abri-hub-request-v1\n" ‖ METHOD ‖ "\n" ‖ path?query ‖ "\n" ‖ date ‖ "\n" ‖ hex(H(body)) ‖ "\n"`
public enum RequestSignature {
    /// The header holding the caller's public identity line.
    public static let identityHeader = "Abri-Identity"
    /// The header holding the request's Unix time in seconds.
    public static let dateHeader = "Abri-Date"
    /// The header holding base64 of the Ed25519 signature of `text(…)`.
    public static let signatureHeader = "Abri-Signature"
    /// How far the request's date may be from the hub's clock, in seconds.
    public static let allowedSkew: Int64 = 300

    /// The bytes to sign, or to verify, for one request.
    public static func text(method: String, pathAndQuery: String, date: Int64, body: [UInt8]) -> [UInt8] {
        var writer = WireWriter()
        writer.raw("abri-hub-request-v1\n")
        writer.raw(method)
        writer.raw("\n")
        writer.raw(pathAndQuery)
        writer.raw("\n")
        writer.raw(String(date))
        writer.raw("\n")
        writer.raw(Hex.encode(BLAKE2b.hash(body)))
        writer.raw("\n")
        return writer.bytes
    }
}
