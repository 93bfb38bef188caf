import AbriCrypto
import Foundation
public import AbriPublic

/// Who receives what: the general compartment (`--to`) or both (`--locating-to`).
public struct Recipients: Sendable, Equatable {
    /// Partners that receive the general compartment only.
    public var general: [String]
    /// Partners that receive both compartments.
    public var locating: [String]

    /// Recipients as the flags name them.
    public init(general: [String] = [], locating: [String] = []) {
        self.general = general
        self.locating = locating
    }

    var isEmpty: Bool { general.isEmpty && locating.isEmpty }
}

/// One partner that can now read a case, for the closing sentence.
public struct Reader: Sendable, Equatable, Codable {
    /// Partner id.
    public var partner: String
    /// Partner name.
    public var name: String
    /// Whether it reads the locating compartment too.
    public var locating: Bool
}

extension MemberContext {
    /// Checks recipients against the roster and the contract: known partners (64), consent given (64),
    /// keys to seal to (64), never a locating grant to a tenancy unit (77). Returns the other partners.
    func validate(_ recipients: Recipients, consent: Consent?) throws -> [(partner: Partner, locating: Bool)] {
        var result: [(Partner, Bool)] = []
        var seen = Set<String>()
        for (id, locating) in recipients.locating.map({ ($0, true) }) + recipients.general.map({ ($0, false) }) {
            let target = try roster.partner(id)
            if locating && target.neverLocating {
                throw AbriError.notPermitted("partner \(id) never receives locating parts (grant it the general part only: --to instead of --locating-to)")
            }
            guard seen.insert(id).inserted, id != partner.id else { continue }
            result.append((target, locating))
        }
        if !result.isEmpty && consent == nil {
            throw AbriError.usage("sharing with another partner needs the victim's consent (add --consent TEXT [--until DATE], or --without-consent REASON)")
        }
        if let until = consent?.until, until < today {
            throw AbriError.usage("the consent's end date \(until) is in the past (give a date from today on)")
        }
        for (target, _) in result where try generationKey(of: target.id) == nil {
            throw AbriError.usage("partner \(target.id) has no enrolled member yet, so nobody could read what it receives (ask your administrator to enrol one)")
        }
        return result
    }

    /// Each recipient's part of `source` (`refs`, the locating ones only for those that receive them), as a signed
    /// inbox item sealed to its current generation; and, for the log, each grant's section and the link key that reads
    /// it. The links join `source`'s list of grants made: the caller files `source` again.
    func grants(from source: GrantBody, to recipients: [(partner: Partner, locating: Bool)], refs: [CompartmentRef],
                consent: Consent, action: String = "share") throws -> (boxes: [[UInt8]], log: [(details: LogDetails, link: ReaderKey)]) {
        var boxes: [[UInt8]] = []
        var log: [(LogDetails, ReaderKey)] = []
        for (target, locating) in recipients {
            let chosen = refs.filter { $0.compartment == .general || locating }
            guard !chosen.isEmpty, let (_, publicKey) = try generationKey(of: target.id) else { continue }
            let fresh = !source.made.contains { $0.partner == target.id }
            let link = try source.link(to: target.id)
            let handed = try source.handedOn(chosen, consent: consent, granter: partner.id, link: link)
            boxes.append(try InboxItem.seal(kind: .grant, payload: try handed.encoded(), recipient: target.id,
                                            sender: member.handle, signer: session.identity, vault: vault.id, to: publicKey))
            var entry = details(action)
            entry.case = source.caseID.description
            entry.partner = target.id
            entry.records = Array(Set(chosen.map(\.record.description))).sorted()
            entry.compartments = Array(Set(chosen.map(\.compartment.name))).sorted()
            entry.consent = consent.record
            log.append((entry, ReaderKey(key: link, fresh: fresh)))
        }
        return (boxes, log)
    }
}
