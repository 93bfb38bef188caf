import AbriCrypto
import Foundation
import Testing

/// The 914 Ed25519 edge cases of C2SP/CCTV (../shared/vectors/cctv_ed25519vectors.json), every one through
/// `Ed25519.isValidSignature`, the function the product checks every signature with (records, log entries,
/// heads, roster, bundles). Each case's expected result follows from its flags and libsodium 1.0.18's rules
/// (`crypto_sign_verify_detached`, built without ED25519_COMPAT):
///
/// | flag | libsodium 1.0.18 | why |
/// | --- | --- | --- |
/// | `low_order_A` | reject | `ge25519_has_small_order(pk)`: a small-order key signs for every message |
/// | `non_canonical_A` | reject | `ge25519_is_canonical(pk)` refuses a key encoded with y ≥ p |
/// | `low_order_R` | reject | `ge25519_has_small_order(R)` on the signature's first half |
/// | `non_canonical_R` | reject | R is compared by its bytes with the canonical encoding of [S]B − [k]A: a non-canonical R never matches |
/// | `low_order_residue` | reject | the check is cofactorless ([S]B = R + [k]A, not multiplied by 8): a low-order remainder makes it fail |
/// | `reencoded_k` | — | k hashed over re-encoded points; only occurs with a non-canonical encoding, rejected above |
/// | `low_order_component_A`, `low_order_component_R` | accept | mixed-order points are not refused; with no residue the equation holds |
///
/// The vectors' README says libsodium 1.0.18 accepts 43 of them: exactly the cases with none of the five
/// rejecting flags (35 with both low-order components, 7 with a low-order component in A, 1 with no flag).
struct CCTVEd25519Tests {
    struct Vector: Decodable {
        let number: Int
        let key, sig, msg: String
        let flags: [String]?
    }

    static let rejecting: Set<String> = ["low_order_A", "non_canonical_A", "low_order_R", "non_canonical_R", "low_order_residue"]

    @Test func everyCaseMatchesLibsodium1018sRules() throws {
        let vectors = try Vectors.json([Vector].self, "cctv_ed25519vectors.json")
        #expect(vectors.count == 914)
        var accepted: [Int] = []
        var byFlag: [String: (accepted: Int, total: Int)] = [:]
        for vector in vectors {
            let flags = Set(vector.flags ?? [])
            let expected = flags.isDisjoint(with: Self.rejecting)
            let result = Ed25519.isValidSignature(hex(vector.sig), for: Array(vector.msg.utf8), publicKey: hex(vector.key))
            #expect(result == expected, "case \(vector.number) \(flags.sorted()): \(result ? "accepted" : "rejected")")
            if result { accepted.append(vector.number) }
            for flag in flags.isEmpty ? ["(none)"] : Array(flags) {
                byFlag[flag, default: (0, 0)].total += 1
                if result { byFlag[flag, default: (0, 0)].accepted += 1 }
            }
        }
        #expect(accepted.count == 43)
        for flag in Self.rejecting { #expect(byFlag[flag]?.accepted == 0, "\(flag): \(byFlag[flag].map { "\($0)" } ?? "absent")") }
        #expect(byFlag["low_order_component_A"]?.accepted == 42)
        #expect(byFlag["low_order_component_R"]?.accepted == 35)
        #expect(byFlag["(none)"]?.accepted == 1)
    }
}
