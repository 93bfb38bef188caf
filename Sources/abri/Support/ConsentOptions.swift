import AbriVault
import ArgumentParser

/// `CONSENT`: `--consent TEXT [--until DATE]` or `--without-consent REASON`, needed to grant another partner.
struct ConsentOptions: ParsableArguments {
    @Option(name: .customLong("consent"),
            help: ArgumentHelp(tr("The reference of the victim's consent to this sharing, e.g. \"formulaire signé le 2026-11-20\"."),
                               valueName: tr("text")))
    var consent: String?

    @Option(name: .customLong("until"),
            help: ArgumentHelp(tr("The consent's last day (YYYY-MM-DD or DD/MM/YYYY); the grants are destroyed after it."),
                               valueName: tr("date")))
    var until: String?

    @Option(name: .customLong("without-consent"),
            help: ArgumentHelp(tr("Share without consent, for this reason (a danger to life, a legal obligation); shown to the administrator."),
                               valueName: tr("reason")))
    var withoutConsent: String?

    /// The consent given, nil when none (the command decides whether one is needed).
    func resolved() throws -> Consent? {
        for text in [consent, withoutConsent].compactMap({ $0 }) where text.utf8.count > 4096 {
            throw AbriError.usage("the consent reference or reason is longer than 4096 bytes (shorten it, or cite the document that holds it)")
        }
        if consent != nil && withoutConsent != nil {
            throw AbriError.usage("both --consent and --without-consent were given (keep only the one that applies)")
        }
        if until != nil && consent == nil {
            throw AbriError.usage("--until was given without --consent (add --consent TEXT, or drop --until)")
        }
        if let reference = consent {
            let text = reference.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw AbriError.usage("--consent is empty (give the reference of the victim's consent)") }
            var day: Day?
            if let until {
                day = try Day(parsing: until)
                if day! < Day.today() { throw AbriError.usage("the date \(until) is in the past (give a date from today on)") }
            }
            return .given(reference: text, until: day)
        }
        if let reason = withoutConsent {
            let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw AbriError.usage("--without-consent is empty (give the reason for sharing without consent)") }
            return .without(reason: text)
        }
        return nil
    }

    /// The consent, required (64 when missing).
    func required() throws -> Consent {
        guard let consent = try resolved() else {
            throw AbriError.usage("sharing needs the victim's consent (add --consent TEXT [--until DATE], or --without-consent REASON)")
        }
        return consent
    }
}

/// The closing sentence: who can now read what. Names partners, never a field.
enum Readers {
    static func sentence(_ readers: [Reader]) -> String {
        readers.map { $0.locating ? tr("%@ (including the address)", Visible.text($0.name)) : Visible.text($0.name) }
            .joined(separator: ", ")
    }
}

import Foundation

/// `--to P` (the general part) or `--locating-to P` (both parts) for `share` and `export`, which grant one
/// partner at a time; `--locating` is the older spelling of `--locating-to`, kept for one release.
struct GrantOptions: ParsableArguments {
    @Option(name: .customLong("to"), help: ArgumentHelp(tr("Grant this partner the general part."), valueName: tr("partner")))
    var to: String?

    @Option(name: .customLong("locating-to"), help: ArgumentHelp(tr("Grant this partner the general and the locating parts."), valueName: tr("partner")))
    var locatingTo: String?

    @Flag(name: .customLong("locating"), help: ArgumentHelp(tr("Deprecated: write --locating-to PARTNER instead (this flag goes in the next release).")))
    var locating = false

    func validate() throws {
        if to != nil && locatingTo != nil {
            throw ValidationError("name one partner, with --to or with --locating-to (run the command again for another)")
        }
        if to == nil && locatingTo == nil {
            throw ValidationError("name the partner with --to PARTNER (general part) or --locating-to PARTNER (with the address)")
        }
        if locating && to == nil {
            throw ValidationError("--locating goes with --to; --locating-to already grants the locating parts (drop --locating)")
        }
    }

    /// The partner and whether it receives the locating parts; says once that `--locating` is going away.
    func partner() throws -> (String, Bool) {
        if let locatingTo { return (locatingTo, true) }
        guard let to else { throw AbriError.usage("name the partner with --to PARTNER (general part) or --locating-to PARTNER (with the address)") }
        if locating {
            Output.say(tr("abri: --locating is deprecated and goes in the next release: write --locating-to %@ instead.", to))
        }
        return (to, locating)
    }
}
