import AbriVault
import ArgumentParser

/// `abri partner`: the organisations of the vault.
struct PartnerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner",
        abstract: tr("Add and list partners: organisations, or units of one, that hold keys."),
        discussion: tr("""
        Example:
          abri partner add cidff-62 --name "CIDFF du Pas-de-Calais" --kind legal-aid --as admin.identity
        Exit codes: 77 when not the administrator (see each subcommand's --help).
        """),
        subcommands: [PartnerAdd.self, PartnerList.self]
    )
}

struct PartnerAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: tr("Enrol a partner (administrator)."),
        discussion: tr("""
        A landlord's social-support unit and its rental-management unit are two partners. Mark a tenancy unit \
        --never-locating: it can then never receive an address. Enrol the whole network up front: a partner \
        enrolled for a single rehousing tells where she went.

        Example:
          abri partner add cidff-62 --name "CIDFF du Pas-de-Calais" --kind legal-aid --as admin.identity
        Exit codes: 77 when not the administrator, 64 for an existing id.
        """)
    )

    @Argument(help: ArgumentHelp(tr("Short id: lower-case letters, digits and dashes."), valueName: tr("id")))
    var id: String

    @Option(name: .customLong("name"), help: ArgumentHelp(tr("The name people see.")))
    var name: String

    @Option(name: .customLong("kind"), help: ArgumentHelp(tr("landlord, legal-aid or association.")))
    var kind: String

    @Flag(name: .customLong("never-locating"), help: ArgumentHelp(tr("A tenancy unit: never receives a locating compartment.")))
    var neverLocating = false

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        guard let partnerKind = PartnerKind(rawValue: kind) else {
            throw AbriError.usage("unknown --kind (use landlord, legal-aid or association)")
        }
        _ = try AdminSession.validatedPartnerID(id)
        let session = try options.adminSession()
        try session.addPartner(id: id, name: name, kind: partnerKind, neverLocating: neverLocating)
        if output.json {
            try Output.json(["partner": id])
        } else {
            Output.say(neverLocating
                ? tr("Partner %@ (%@) enrolled, never receiving locating parts. Next: `abri member add %@ --identity … --name …`.", name, id, id)
                : tr("Partner %@ (%@) enrolled. Next: `abri member add %@ --identity … --name …`.", name, id, id))
        }
    }
}

struct PartnerList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: tr("List partners and their members."),
        discussion: tr("""
        Each line: the partner's id, its name, its kind (and never-locating), its members, and those who wait \
        for a colleague's `abri member approve`.

        Example:
          abri partner list --as me.identity
        Exit codes: 77 neither the administrator nor a member of this vault.
        """)
    )

    @OptionGroup var options: VaultOptions
    @OptionGroup var output: JSONOption

    struct PartnerJSON: Encodable {
        var id: String
        var name: String
        var kind: String
        var neverLocating: Bool
        var members: [String]
        /// Members enrolled but not yet approved by a colleague: they hold no key.
        var pending: [String]
    }

    func run() throws {
        let vault = try options.openVault()
        let me = try Identity.readPublic(contentsOf: try options.requireIdentityPath()).publicIdentity
        let roster = try vault.currentRoster()
        guard me == vault.admin || !roster.memberships(of: me.line).isEmpty else {
            throw AbriError.notPermitted("this identity is neither the administrator nor a member of this vault (ask your administrator to enrol you)")
        }
        let waiting = try vault.awaitingApproval()
        let partners = roster.partners.map { partner in
            PartnerJSON(id: partner.id, name: partner.name, kind: partner.kind.rawValue, neverLocating: partner.neverLocating,
                        members: roster.currentMembers(of: partner.id).map(\.name),
                        pending: waiting[partner.id, default: []].map(\.name))
        }
        if output.json {
            try Output.json(["partners": partners])
        } else {
            for partner in partners {
                let flags = partner.neverLocating ? "  " + Human.kind("never-locating") : ""
                let pending = partner.pending.isEmpty ? "" : "\t" + tr("awaiting approval: %@", partner.pending.map(Visible.text).joined(separator: ", "))
                Output.result("\(Visible.text(partner.id))\t\(Visible.text(partner.name))\t\(Human.kind(partner.kind))\(flags)\t"
                              + partner.members.map(Visible.text).joined(separator: ", ") + pending)
            }
        }
    }
}

