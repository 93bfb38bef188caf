/// The French of the sentences people read: closing sentences, confirmations, prompts,
/// progress labels, the words of `open`, `cases` and `log`, and ArgumentParser's own usage
/// errors. Keys are the templates given to `tr(…)` (variable parts as `%@`).
extension Catalogue {
    static let sentences: [String: String] = [
        "Write the report in $EDITOR, in a private draft that is erased afterwards.":
            "Écrire le signalement dans $EDITOR, dans un brouillon privé effacé ensuite.",
        "With --edit: signalement, relogement, note or suivi-juridique.":
            "Avec --edit : signalement, relogement, note ou suivi-juridique.",
        "Overwrite and remove the report files once deposited.":
            "Écraser puis effacer les fichiers de signalement une fois déposés.",
        "This vault was restored from a backup by its administrator on %@: this machine now follows the restored copy.":
            "Ce coffre a été restauré depuis une sauvegarde par son administrateur le %@ : cette machine suit désormais la copie restaurée.",
        """
        The agent is a background process that holds one unlocked identity in locked memory and signs and opens \
        for your commands; it never hands the keys out. Commands given --as with that identity file ask no \
        passphrase while it runs. It listens on a socket in $XDG_RUNTIME_DIR that only you can reach, and stops \
        on abri agent stop, after the idle time, after 12 hours, or when your session ends.

        Example:
          abri agent start --idle 15m --as ~/alice.identity
        Exit codes: see each subcommand's --help.
        """:
        """
        L'agent est un processus en arrière-plan qui garde une identité déverrouillée en mémoire verrouillée, et signe et ouvre pour vos commandes ; il ne donne jamais les clés. Les commandes lancées avec --as et ce fichier d'identité ne demandent pas de phrase secrète tant qu'il tourne. Il écoute sur une prise dans $XDG_RUNTIME_DIR que vous seul pouvez joindre, et s'arrête sur abri agent stop, après la durée d'inactivité, après 12 heures, ou à la fin de votre session.

        Exemple :
          abri agent start --idle 15m --as ~/alice.identity
        Codes de sortie : voyez le --help de chaque sous-commande.
        """,
        """
        Asks the passphrase once (three tries at the terminal), then returns; the agent stays in the background.

        Example:
          abri agent start --idle 30m --as ~/alice.identity
        Exit codes: 64 no XDG_RUNTIME_DIR or a bad duration, 77 a wrong passphrase, 73 the agent's folder is not private.
        """:
        """
        Demande la phrase secrète une fois (trois essais au terminal), puis rend la main ; l'agent reste en arrière-plan.

        Exemple :
          abri agent start --idle 30m --as ~/alice.identity
        Codes de sortie : 64 pas de $XDG_RUNTIME_DIR ou une durée invalide, 77 une phrase secrète incorrecte, 73 le répertoire de l'agent n'est pas privé.
        """,
        """
        Stops the agent of the identity given with --as, or every agent of yours when none is given.

        Example:
          abri agent stop
        Exit codes: 0 also when no agent runs; 65 when --as names a file that is not an identity.
        """:
        """
        Arrête l'agent de l'identité donnée avec --as, ou tous vos agents si aucune n'est donnée.

        Exemple :
          abri agent stop
        Codes de sortie : 0 aussi quand aucun agent ne tourne ; 65 quand --as désigne un fichier qui n'est pas une identité.
        """,
        "Unlock an identity once, for the commands that follow.":
            "Déverrouiller une identité une fois, pour les commandes qui suivent.",
        "Stop the agent: its keys are wiped from memory.":
            "Arrêter l'agent : ses clés sont effacées de la mémoire.",
        "Agent started for %@: commands with --as %@ ask no passphrase until abri agent stop, %@ without use, or the end of your session.":
            "Agent démarré pour %@ : les commandes avec --as %@ ne demandent plus de phrase secrète jusqu'à abri agent stop, %@ sans utilisation, ou la fin de votre session.",
        "%@ could not be removed: it still holds the report in clear, address included (remove it yourself).":
            "%@ n'a pas pu être effacé : il contient encore le signalement en clair, adresse comprise (effacez-le vous-même).",
        "Unlock an identity and keep it in a background agent.":
            "Déverrouiller une identité et la garder dans un agent en arrière-plan.",
        "Agent stopped; its keys are wiped from memory.":
            "Agent arrêté ; ses clés sont effacées de la mémoire.",
        "Wrong passphrase; try again.":
            "Phrase secrète incorrecte ; réessayez.",
        "Reminder: the %@ report files still hold the reports in clear, addresses included (erase them, or pass --remove-source next time).":
            "Rappel : les %@ fichiers de signalement contiennent encore les signalements en clair, adresses comprises (effacez-les, ou indiquez --remove-source la prochaine fois).",
        "The draft was erased; nothing of it was kept.":
            "Le brouillon a été effacé ; rien n'en a été gardé.",
        "An agent already holds %@ (abri agent stop ends it).":
            "Un agent détient déjà %@ (abri agent stop l'arrête).",
        "Reminder: %@ still holds the report in clear, address included (erase it, or pass --remove-source next time).":
            "Rappel : %@ contient encore le signalement en clair, adresse comprise (effacez-le, ou indiquez --remove-source la prochaine fois).",
        "No agent is running.":
            "Aucun agent n'est en marche.",
        "Wrong passphrase; last try.":
            "Phrase secrète incorrecte ; dernier essai.",
        "Choose a passphrase of at least 4 words or 16 characters, e.g. 6 common words (abri identity new --generate proposes some).":
            "Choisissez une phrase secrète d'au moins 4 mots ou 16 caractères, par exemple 6 mots courants (abri identity new --generate en propose).",
        "Your passphrase, shown this once (write it down on paper, keep it apart from the identity file):":
            "Votre phrase secrète, affichée cette seule fois (notez-la sur papier, gardez-la à part du fichier d'identité) :",
        "Propose a passphrase of 6 common French words, shown once on the terminal.":
            "Proposer une phrase secrète de 6 mots français courants, affichée une fois dans le terminal.",
        "--generate proposes the passphrase itself: give no --passphrase-file with it":
            "--generate propose lui-même la phrase secrète : n'indiquez pas --passphrase-file avec lui",
        "Stop after this long without use: 30s, 15m, 2h (at most 12h).":
            "S'arrêter après cette durée sans utilisation : 30s, 15m, 2h (12h au plus).",
        "The identity file to unlock (else $ABRI_IDENTITY).":
            "Le fichier d'identité à déverrouiller (sinon $ABRI_IDENTITY).",
        "Stop only the agent of this identity file.":
            "N'arrêter que l'agent de ce fichier d'identité.",
        "Restore accepted: this machine now starts from the restored log (%@ entries); the restore is logged.":
            "Restauration acceptée : cette machine repart du journal restauré (%@ entrées) ; la restauration est journalisée.",
        "Nothing was rolled back on this machine: the log goes on from what it had seen; the check is logged as a restore.":
            "Rien n'a été ramené en arrière sur cette machine : le journal continue depuis ce qu'elle avait vu ; la vérification est journalisée comme une restauration.",
        "Locating attachments are written only with --reveal --purpose … (the reveal is logged).":
            "Les pièces jointes localisantes ne sont écrites qu'avec --reveal --purpose … (la révélation est journalisée).",
        "abri: --locating is deprecated and goes in the next release: write --locating-to %@ instead.":
            "abri : --locating est obsolète et disparaît à la prochaine version : écrivez --locating-to %@ à la place.",
        "Your partner holds it under a consent that ends after %@.":
            "Votre partenaire le détient sous un consentement qui prend fin après le %@.",
        "created %@":
            "créé le %@",
        "last activity %@":
            "dernière activité le %@",
        "closed":
            "clos",
        "open":
            "ouvert",
        "your deposit":
            "déposé par votre partenaire",
        "shared with you without consent":
            "reçu sans consentement",
        "consent until %@":
            "consentement jusqu'au %@",
        "consent with no end date":
            "consentement sans date de fin",
        "shared with %@":
            "partagé avec %@",
        "No case of yours matches.":
            "Aucun de vos dossiers ne correspond.",
        "Your partner holds no case yet.":
            "Votre partenaire ne détient encore aucun dossier.",
        "No case of yours for that household.":
            "Aucun de vos dossiers ne concerne ce foyer.",
        "Case %@ shredded: its keys are destroyed and it opens for no one. Backups keep a copy until they expire.":
            "Dossier %@ détruit : ses clés sont effacées et il ne s'ouvre plus pour personne. Les sauvegardes en gardent une copie jusqu'à leur expiration.",
        "Destroy case %@ for everyone, for good?":
            "Détruire le dossier %@ pour tout le monde, définitivement ?",
        "%@ · %@ · by %@":
            "%@ · %@ · par %@",
        "[locating]":
            "[localisant]",
        "locating part: masked (run again with --reveal --purpose … to see it; the reveal is logged)":
            "partie localisante : masquée (relancez avec --reveal --purpose … pour la voir ; la révélation est journalisée)",
        "locating part: withheld (your partner holds no grant on it)":
            "partie localisante : non communiquée (votre partenaire n'y a pas accès)",
        "attachment: %@ (%@, %@)":
            "pièce jointe : %@ (%@, %@)",
        "locating":
            "localisante",
        "general":
            "générale",
        "Restore accepted: this machine now starts from the restored log (%@); the restore is logged.":
            "Restauration acceptée : cette machine repart du journal restauré (%@) ; la restauration est journalisée.",
        "Case %@ — %@ you can read":
            "Dossier %@ — %@ que vous pouvez lire",
        "Case %@ imported (%@, exported by %@). Your partner can now open it.":
            "Dossier %@ importé (%@, export de %@). Votre partenaire peut maintenant l'ouvrir.",
        "%@ is approved at %@: generation %@, %@; they read the partner's cases now.":
            "Approbation de %@ chez %@ faite : génération %@, %@ ; les dossiers du partenaire lui sont lisibles dès maintenant.",
        "Partner %@ now uses key generation %@: %@, the old keys destroyed.":
            "Le partenaire %@ utilise maintenant la génération de clés %@ : %@, les anciennes clés détruites.",
        "The log checks out: %@.":
            "Le journal est intact : %@.",
        "%@ was removed from %@; their identity is refused from now on. The partner's next command re-seals its grants.":
            "%@ ne fait plus partie de %@ ; son identité est refusée dès maintenant. La prochaine commande du partenaire re-scelle ses accès.",
        "%@ is enrolled in %@ and holds no key yet: a member of %@ compares the fingerprint %@ with them, then runs `abri member approve %@ %@`.":
            "%@ fait maintenant partie de %@ mais ne détient encore aucune clé : un membre de %@ compare avec cette personne l'empreinte %@, puis lance `abri member approve %@ %@`.",
        "Case %@ deposited. Can read it: %@.":
            "Dossier %@ déposé. Peuvent le lire : %@.",
        "%@ cases deposited. Can read them: %@.":
            "%@ dossiers déposés. Peuvent les lire : %@.",
        "%@ (including the address)":
            "%@ (adresse comprise)",
        "Vault created at %@. Next: the administrator adds partners with `abri partner add`.":
            "Coffre créé : %@. Ensuite, l'administrateur ajoute les partenaires avec `abri partner add`.",
        "Passphrase for %@: ":
            "Phrase secrète de %@ : ",
        "New passphrase for %@: ":
            "Nouvelle phrase secrète pour %@ : ",
        "Same passphrase again: ":
            "La même phrase secrète, à nouveau : ",
        "Record added to case %@. Can read it: %@.":
            "Fiche ajoutée au dossier %@. Peuvent la lire : %@.",
        "Partner %@ (%@) enrolled, never receiving locating parts. Next: `abri member add %@ --identity … --name …`.":
            "Partenaire %@ (%@) enrôlé, sans jamais recevoir de partie localisante. Ensuite : `abri member add %@ --identity … --name …`.",
        "Partner %@ (%@) enrolled. Next: `abri member add %@ --identity … --name …`.":
            "Partenaire %@ (%@) enrôlé. Ensuite : `abri member add %@ --identity … --name …`.",
        "Case %@ shared. %@ can now read it.":
            "Dossier %@ partagé. Peuvent maintenant le lire : %@.",
        "Created %@. Send the line above (your public identity) to your administrator; keep the file and its passphrase safe and to yourself: without both, nobody can recover it.":
            "%@ créé. Envoyez la ligne ci-dessus (votre identité publique) à votre administrateur ; gardez le fichier et sa phrase secrète en lieu sûr et pour vous seul : sans les deux, personne ne peut le récupérer.",
        "Backup written to %@. Keep it as safe as the vault itself.":
            "Sauvegarde écrite dans %@. Protégez-la autant que le coffre lui-même.",
        "Consent withdrawn: %@ loses what it was granted on case %@ at its next command, and keeps what it wrote.":
            "Consentement retiré : %@ perd ce qui lui a été transmis du dossier %@ dès sa prochaine commande, et garde ce qu'il a écrit.",
        "share-without-consent":
            "partage sans consentement",
        "Destroy %@'s grants on case %@?":
            "Détruire les accès de %@ au dossier %@ ?",
        "Case %@ exported to %@. Only the members of %@ can import it; it includes the address.":
            "Dossier %@ exporté dans %@. Seuls les membres de %@ peuvent l'importer ; il contient l'adresse.",
        "Case %@ exported to %@. Only the members of %@ can import it.":
            "Dossier %@ exporté dans %@. Seuls les membres de %@ peuvent l'importer.",
        "%@ is now a member of %@.":
            "%@ est maintenant membre de %@.",
        "Remove %@ from %@?":
            "Retirer %@ de %@ ?",
        "Awaiting approval at %@: %@ (compare their fingerprint, then run `%@`).":
            "En attente d'approbation chez %@ : %@ (comparez son empreinte, puis lancez `%@`).",
        "Read it out to the colleague who approves you.":
            "Lisez-la à la personne de votre partenaire qui vous approuve.",
        "Print the fingerprint a colleague compares before approving you.":
            "Afficher l'empreinte qu'un membre de votre partenaire compare avant de vous approuver.",
        "%@ (%@), fingerprint %@. Compare it with the one they read from `abri identity show --fingerprint`.":
            "%@ (%@), empreinte %@. Comparez-la avec celle que cette personne lit avec `abri identity show --fingerprint`.",
        "Approve %@ and seal %@'s keys to them?":
            "Approuver %@ et lui sceller les clés de %@ ?",
        "awaiting approval: %@":
            "en attente d'approbation : %@",
        "case %@":
            "dossier %@",
        "partner %@":
            "partenaire %@",
        "purpose: %@":
            "motif : %@",
        "%@: %@":
            "%@ : %@",
        "consent":
            "consentement",
        "without-consent":
            "sans consentement",
        "No entry to show.":
            "Aucune entrée à afficher.",
        "Partner %@ has a new key generation (%@); its members re-seal the grants at their next command.":
            "Le partenaire %@ a une nouvelle génération de clés (%@) ; ses membres re-scellent les accès à leur prochaine commande.",
        "Case %@ reopened.":
            "Dossier %@ rouvert.",
        "Case %@ closed: it will be shredded when the retention rule says so.":
            "Dossier %@ clos : il sera détruit quand la règle de conservation le prévoit.",
        "closed %@":
            "clos le %@",
        "Type yes to go on: ":
            "Tapez oui pour continuer : ",
        "vault busy with another command, trying again…":
            "coffre occupé par une autre commande, nouvel essai…",
        "depositing reports":
            "dépôt des signalements",
        "shredding cases":
            "destruction des dossiers",
        "compacting the vault":
            "compactage du coffre",
        "copying attachments (MiB)":
            "copie des pièces jointes (Mio)",
        "importing attachments (MiB)":
            "import des pièces jointes (Mio)",
        "verifying the log":
            "vérification du journal",
        "sealing attachments (MiB)":
            "chiffrement des pièces jointes (Mio)",
        "opening attachments (MiB)":
            "ouverture des pièces jointes (Mio)",
        "re-sealing %@'s grants":
            "re-scellement des accès de %@",
        "%@ (see `%@ --help`)":
            "%@ (voyez `%@ --help`)",
        "missing expected argument %@":
            "argument attendu manquant : %@",
        "missing value for %@":
            "valeur manquante pour %@",
        "the value %@ is invalid for %@":
            "la valeur %@ n'est pas valable pour %@",
        "unexpected argument %@":
            "argument inattendu : %@",
        "unknown option %@":
            "option inconnue : %@",
        "unknown option %@. Did you mean %@?":
            "option inconnue : %@. Vouliez-vous dire %@ ?",
        "%@ unexpected arguments: %@":
            "%@ arguments inattendus : %@",
        "missing one of: %@":
            "il manque l'une de ces options : %@",
        "missing required subcommand":
            "sous-commande manquante",
        "the option %@ does not take any value, but %@ was specified":
            "l'option %@ ne prend pas de valeur, mais %@ a été donné",
        "value to be set with %@ had already been set with %@":
            "la valeur donnée avec %@ avait déjà été donnée avec %@",
        "invalid option: %@":
            "option non valable : %@",
        "the value %@ is invalid":
            "la valeur %@ n'est pas valable",
        "See %@ for detailed help.":
            "Voyez %@ pour l'aide détaillée.",
        "Case %@ exported to %@. Only the members of %@ can import it, into vault %@.":
            "Dossier %@ exporté dans %@. Seuls les membres de %@ peuvent l'importer, dans le coffre %@.",
        "Case %@ exported to %@. Only the members of %@ can import it, into vault %@; it includes the address.":
            "Dossier %@ exporté dans %@. Seuls les membres de %@ peuvent l'importer, dans le coffre %@ ; il contient l'adresse.",
        "Vault %@ pinned: its bundles can now be imported here, and exported to it with --to-vault %@.":
            "Coffre %@ épinglé : ses paquets peuvent désormais être importés ici, et on peut lui en exporter avec --to-vault %@.",
        "No vault is pinned yet (the administrator pins one with `abri vault trust`).":
            "Aucun coffre n'est encore épinglé (l'administrateur en épingle un avec `abri vault trust`).",
    ]

    /// Counted sentences and counted fragments: each goes through `Plural.tr`, the singular for 0 and 1 in French.
    /// Nothing here agrees with a person's name (whose gender the tool does not know).
    static let counted: [String: String] = [
        "%@ record": "%@ fiche",
        "%@ records": "%@ fiches",
        "%@ entry": "%@ entrée",
        "%@ entries": "%@ entrées",
        "%@ signed head": "%@ tête signée",
        "%@ signed heads": "%@ têtes signées",
        "%@ checkpoint": "%@ point de contrôle",
        "%@ checkpoints": "%@ points de contrôle",
        "%@ signature": "%@ signature",
        "%@ signatures": "%@ signatures",
        "%@ grant re-sealed": "%@ accès re-scellé",
        "%@ grants re-sealed": "%@ accès re-scellés",
        "%@ case": "%@ dossier",
        "%@ cases": "%@ dossiers",
        "%@ case deposited. Can read it: %@.":
            "%@ dossier déposé. Peuvent le lire : %@.",
        "%@ case shredded: its keys are destroyed. Backups keep a copy until it expires.":
            "%@ dossier détruit : ses clés sont effacées. Les sauvegardes en gardent une copie jusqu'à leur expiration.",
        "%@ cases shredded: their keys are destroyed. Backups keep a copy until they expire.":
            "%@ dossiers détruits : leurs clés sont effacées. Les sauvegardes en gardent une copie jusqu'à leur expiration.",
        "%@ case would be shredded (run again without --dry-run to do it).":
            "%@ dossier serait détruit (relancez sans --dry-run pour le faire).",
        "%@ cases would be shredded (run again without --dry-run to do it).":
            "%@ dossiers seraient détruits (relancez sans --dry-run pour le faire).",
        "Shred %@ case for good?":
            "Détruire définitivement %@ dossier ?",
        "Shred these %@ cases for good?":
            "Détruire définitivement ces %@ dossiers ?",
        "No case was closed more than %@ year ago: nothing to shred.":
            "Aucun dossier n'a été clos il y a plus de %@ an : rien à détruire.",
        "No case was closed more than %@ years ago: nothing to shred.":
            "Aucun dossier n'a été clos il y a plus de %@ ans : rien à détruire.",
        "Checkpoint of %@ entry written to %@. Keep it outside the vault.":
            "Point de contrôle de %@ entrée écrit dans %@. Gardez-le hors du coffre.",
        "Checkpoint of %@ entries written to %@. Keep it outside the vault.":
            "Point de contrôle de %@ entrées écrit dans %@. Gardez-le hors du coffre.",
        "%@ attachment written to %@.":
            "%@ pièce jointe écrite dans %@.",
        "%@ attachments written to %@.":
            "%@ pièces jointes écrites dans %@.",
    ]

    /// The log's actions as people read them (`abri log` in French); `--json` keeps the English names.
    static let actions: [String: String] = [
        "deposit": "dépôt",
        "add": "ajout de fiche",
        "share": "partage",
        "share-without-consent": "partage sans consentement",
        "open": "consultation",
        "reveal": "consultation de l'adresse",
        "refused": "accès refusé",
        "export": "export",
        "import": "import",
        "enrol": "enrôlement",
        "member-add": "ajout de membre",
        "member-approve": "approbation de membre",
        "member-remove": "retrait de membre",
        "rotate": "nouvelles clés",
        "consent-withdraw": "retrait du consentement",
        "consent-expired": "fin du consentement",
        "shred": "destruction",
        "restore": "restauration",
        "close": "clôture",
        "reopen": "réouverture",
        "vault-trust": "coffre épinglé",
    ]

    /// Partner kinds as people read them (`abri partner list` in French); `--json` keeps the English names.
    static let kinds: [String: String] = [
        "landlord": "bailleur",
        "legal-aid": "accès au droit",
        "association": "association",
        "never-locating": "jamais de partie localisante",
    ]

    /// The words ArgumentParser writes itself on a help page, in French.
    static let helpChrome: [(String, String)] = [
        ("OVERVIEW:", "PRÉSENTATION :"),
        ("USAGE:", "UTILISATION :"),
        ("ARGUMENTS:", "ARGUMENTS :"),
        ("OPTIONS:", "OPTIONS :"),
        ("SUBCOMMANDS:", "SOUS-COMMANDES :"),
        ("Show help information.", "Affiche cette aide."),
        ("Show the version.", "Affiche la version."),
        ("See 'abri help <subcommand>' for detailed help.", "Voyez 'abri help <sous-commande>' pour l'aide détaillée."),
    ]
}
