/// The French of every option's and argument's help line and value name (`<partner>` reads `<partenaire>`), keyed
/// by the English given to `tr(…)` in the `@Option`, `@Flag` and `@Argument` declarations.
extension Catalogue {
    static let options: [String: String] = [
        // Value names, shown in usage lines and in ArgumentParser's errors (`--to <partenaire>`).
        "case": "dossier",
        "case-id": "dossier",
        "date": "date",
        "dir": "répertoire",
        "file": "fichier",
        "duration": "durée",
        "id": "id",
        "name": "nom",
        "partner": "partenaire",
        "path": "chemin",
        "public-identity": "identité-publique",
        "reason": "motif",
        "record.json": "fiche.json",
        "ref": "référence",
        "report.json": "signalement.json",
        "text": "texte",
        "type": "type",
        "subcommand": "sous-commande",

        // Help lines.
        "Read the passphrase from the first line of this file (mode 0600) instead of the terminal.":
            "Lire la phrase secrète sur la première ligne de ce fichier (mode 0600) au lieu du terminal.",
        "Else $ABRI_PASSPHRASE_FILE. The passphrase itself is never a flag value.":
            "Sinon $ABRI_PASSPHRASE_FILE. La phrase secrète elle-même n'est jamais la valeur d'une option.",
        "The vault file.":
            "Le fichier du coffre.",
        "Else $ABRI_VAULT, else $XDG_DATA_HOME/abri/vault.db (~/.local/share/abri/vault.db).":
            "Sinon $ABRI_VAULT, sinon $XDG_DATA_HOME/abri/vault.db (~/.local/share/abri/vault.db).",
        "Act as the identity in this file (else $ABRI_IDENTITY).":
            "Agir avec l'identité de ce fichier (sinon $ABRI_IDENTITY).",
        "Print one JSON document on stdout, and nothing else there.":
            "Écrire un seul document JSON sur la sortie standard, et rien d'autre.",
        "Act for this partner, when you are a member of several.":
            "Agir pour ce partenaire, si vous êtes membre de plusieurs.",
        "The reference of the victim's consent to this sharing, e.g. \"formulaire signé le 2026-11-20\".":
            "La référence du consentement de la victime à ce partage, par exemple « formulaire signé le 2026-11-20 ».",
        "The consent's last day (YYYY-MM-DD or DD/MM/YYYY); the grants are destroyed after it.":
            "Le dernier jour du consentement (AAAA-MM-JJ ou JJ/MM/AAAA) ; les accès sont détruits après.",
        "Share without consent, for this reason (a danger to life, a legal obligation); shown to the administrator.":
            "Partager sans consentement, pour ce motif (un danger de mort, une obligation légale) ; l'administrateur le voit.",
        "Grant this partner the general part.":
            "Donner à ce partenaire l'accès à la partie générale.",
        "Grant this partner the general and the locating parts.":
            "Donner à ce partenaire l'accès aux parties générale et localisante.",
        "Deprecated: write --locating-to PARTNER instead (this flag goes in the next release).":
            "Obsolète : écrivez plutôt --locating-to PARTENAIRE (cette option disparaît à la prochaine version).",
        "The other vault's administrator's public identity line.":
            "La ligne d'identité publique de l'administrateur de l'autre coffre.",
        "The name your members give with export --to-vault.":
            "Le nom que vos membres donnent avec export --to-vault.",
        "Only the cases of this household reference.":
            "Seulement les dossiers de cette référence de foyer.",
        "The file to write; it must not exist.":
            "Le fichier à écrire ; il ne doit pas exister.",
        "The case id.":
            "L'identifiant du dossier.",
        "Do not ask for confirmation.":
            "Ne pas demander de confirmation.",
        "Show the locating fields (logged as a reveal).":
            "Afficher les champs localisants (journalisé comme une révélation).",
        "Why you open the case; kept in the log (needed with --reveal).":
            "Pourquoi vous ouvrez le dossier ; gardé dans le journal (obligatoire avec --reveal).",
        "Write the attachments into this folder.":
            "Écrire les pièces jointes dans ce répertoire.",
        "Attach a file to the locating part (documents print the address; photos carry GPS).":
            "Joindre un fichier à la partie localisante (les documents portent l'adresse ; les photos, la position GPS).",
        "Attach a file to the general part.":
            "Joindre un fichier à la partie générale.",
        "Report files (JSON); `-` reads one from standard input.":
            "Les fiches de signalement (JSON) ; `-` en lit une sur l'entrée standard.",
        "The administrator's public identity (from `abri identity show`).":
            "L'identité publique de l'administrateur (donnée par `abri identity show`).",
        "The vault file to create (else $ABRI_VAULT, else the XDG default).":
            "Le fichier du coffre à créer (sinon $ABRI_VAULT, sinon l'emplacement XDG habituel).",
        "The identity file.":
            "Le fichier d'identité.",
        "The record (JSON).":
            "La fiche (JSON).",
        "signalement, relogement, note or suivi-juridique.":
            "signalement, relogement, note ou suivi-juridique.",
        "Short id: lower-case letters, digits and dashes.":
            "Identifiant court : lettres minuscules, chiffres et tirets.",
        "The name people see.":
            "Le nom que les gens voient.",
        "landlord, legal-aid or association.":
            "landlord (bailleur), legal-aid (accès au droit) ou association.",
        "A tenancy unit: never receives a locating compartment.":
            "Une unité de gestion locative : ne reçoit jamais de partie localisante.",
        "The bundle file.":
            "Le fichier du paquet.",
        "The partner that receives the case.":
            "Le partenaire qui reçoit le dossier.",
        "The identity file to create (must not exist).":
            "Le fichier d'identité à créer (il ne doit pas exister).",
        "A name for this identity, e.g. your own (at most 255 bytes).":
            "Un nom pour cette identité, par exemple le vôtre (255 octets au plus).",
        "The partner whose grants go.":
            "Le partenaire dont les accès sont retirés.",
        "The pinned vault it goes to (see `abri vault trusted`).":
            "Le coffre épinglé auquel il est destiné (voyez `abri vault trusted`).",
        "The bundle file to create.":
            "Le fichier de paquet à créer.",
        "The partner's id.":
            "L'identifiant du partenaire.",
        "The person's public identity line.":
            "La ligne d'identité publique de la personne.",
        "The person's name, unique within the partner.":
            "Le nom de la personne, unique au sein du partenaire.",
        "Allow an identity that is already a member of another partner.":
            "Accepter une identité déjà membre d'un autre partenaire.",
        "The newcomer's name.":
            "Le nom de la personne qui arrive.",
        "The member's name.":
            "Le nom du membre.",
        "Only the closed cases.":
            "Seulement les dossiers clos.",
        "Only the cases active on or after this day (YYYY-MM-DD or DD/MM/YYYY).":
            "Seulement les dossiers actifs depuis ce jour (AAAA-MM-JJ ou JJ/MM/AAAA) inclus.",
        "Only this case.":
            "Seulement ce dossier.",
        "A household's access extract.":
            "L'extrait des accès d'un foyer.",
        "Only the shares made without consent (administrator).":
            "Seulement les partages faits sans consentement (administrateur).",
        "Reopen a closed case instead.":
            "Rouvrir plutôt un dossier clos.",
        "How many years after closing a case is kept.":
            "Combien d'années un dossier est gardé après sa clôture.",
        "List the cases, destroy nothing.":
            "Lister les dossiers, sans rien détruire.",
        "Accept this vault's log as the reference after restoring a backup (administrator).":
            "Accepter le journal de ce coffre comme référence après la restauration d'une sauvegarde (administrateur).",
        "Read only the entries after the head this machine last accepted (fast; the full check reads every entry).":
            "Ne lire que les entrées postérieures à la dernière tête acceptée par cette machine (rapide ; la vérification complète lit chaque entrée).",
        "A checkpoint exported with `abri checkpoint export`: the log must extend it.":
            "Un point de contrôle exporté avec `abri checkpoint export` : le journal doit le prolonger.",
    ]
}
