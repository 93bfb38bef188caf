/// The French of every command's help: its abstract and its discussion, keyed by the English
/// text of its `configuration` (the keys repeat the English exactly, `\` line joins included).
/// ArgumentParser wraps the French to the terminal's width, as it does the English.
extension Catalogue {
    static let help: [String: String] = [
        "Print a blank report to fill in, or the report schema.":
            "Afficher une fiche vierge à remplir, ou le schéma des fiches.",
        """
        A report's general part accepts only the fields of the published schema (Docs/REPORT.md; French names, \
        English aliases); everything that locates the victim goes in `locating`.

        Example:
          abri report template --type signalement > signalement.json
        Exit codes: 64 an unknown type.
        """:
        """
        La partie générale d'une fiche n'accepte que les champs du schéma publié (Docs/REPORT.md ; noms français, alias anglais) ; tout ce qui situe la victime va dans `locating`.

        Exemple :
          abri report template --type signalement > signalement.json
        Codes de sortie : 64 type inconnu.
        """,
        "Print a blank report to fill in (JSON on stdout, what each field is for on stderr, in French).":
            "Afficher une fiche vierge à remplir (le JSON sur la sortie standard, le rôle de chaque champ sur la sortie d'erreur).",
        """
        Standard output is the JSON alone, ready to be saved, filled in and deposited; the explanation of each \
        field goes to standard error. Leave a field empty, null, or delete it when you do not know it; \
        `menage` is required for a new case.

        Example:
          abri report template --type relogement > relogement.json
        Exit codes: 64 an unknown type.
        """:
        """
        La sortie standard ne contient que le JSON, prêt à être enregistré, rempli et déposé ; l'explication de chaque champ va sur la sortie d'erreur. Laissez vide, mettez null ou supprimez un champ que vous ne connaissez pas ; `menage` est obligatoire pour un nouveau dossier.

        Exemple :
          abri report template --type relogement > relogement.json
        Codes de sortie : 64 type inconnu.
        """,
        "Print the report schema as JSON Schema (the content of Docs/report.schema.json).":
            "Afficher le schéma des fiches au format JSON Schema (le contenu de Docs/report.schema.json).",
        """
        Example:
          abri report schema > report.schema.json
        Exit codes: 0.
        """:
        """
        Exemple :
          abri report schema > report.schema.json
        Codes de sortie : 0.
        """,
        "Keep the case files of victims of domestic violence encrypted, shared with consent, and logged.":
            "Garder chiffrés les dossiers des victimes de violences conjugales, les partager avec leur consentement, et journaliser chaque accès.",
        """
        Start with `abri identity new --out me.identity`, then ask your administrator to enrol you.
        Exit codes: 0 success, 64 usage, 65 bad data, 66 missing input, 73 cannot create output,
        74 I/O error, 75 vault busy, 77 not permitted, 70 internal error.
        """:
        """
        Commencez par `abri identity new --out moi.identity`, puis demandez à votre administrateur de vous enrôler.
        Codes de sortie : 0 succès, 64 mauvaise utilisation, 65 données invalides, 66 fichier introuvable,
        73 sortie impossible à créer, 74 erreur d'écriture, 75 coffre occupé, 77 non autorisé, 70 erreur interne.
        """,
        "Add a record (note, rehousing, legal follow-up) to a case you hold.":
            "Ajouter une fiche (note, relogement, suivi juridique) à un dossier que vous détenez.",
        """
        The record is granted only as its own flags say, plus your own partner: sharing the case earlier does not \
        grant its later records. A rehousing's new address goes in `locating` and only to --locating-to partners.

        Example:
          abri add 7K2F… rehousing.json --locating-to cidff-62 --consent "accord oral du 2026-11-21" --as bruno.identity
        Exit codes: 77 unknown case or no grant, 64 missing consent, 65 malformed record.
        """:
        """
        La fiche n'est accessible qu'aux partenaires que ses propres options désignent, plus votre partenaire : avoir partagé le dossier auparavant ne donne pas accès à ses nouvelles fiches. La nouvelle adresse d'un relogement va dans `locating`, et seulement aux partenaires nommés par --locating-to.

        Exemple :
          abri add 7K2F… relogement.json --locating-to cidff-62 --consent "accord oral du 2026-11-21" --as bruno.identity
        Codes de sortie : 77 dossier inconnu ou sans accès, 64 consentement manquant, 65 fiche mal formée.
        """,
        "Write a consistent copy of the whole vault, attachments included.":
            "Écrire une copie cohérente de tout le coffre, pièces jointes comprises.",
        """
        The copy is as secret as the vault: it holds every ciphertext, and keeps the keys of cases shredded later.

        Example:
          abri backup --out /mnt/backups/vault-2026-11-22.db
        Exit codes: 73 when the output exists.
        """:
        """
        La copie est aussi secrète que le coffre : elle contient tous les chiffrés, et garde les clés des dossiers détruits après elle.

        Exemple :
          abri backup --out /mnt/sauvegardes/coffre-2026-11-22.db
        Codes de sortie : 73 le fichier de sortie existe déjà.
        """,
        "List the cases your partner holds, or find them by household reference.":
            "Lister les dossiers que détient votre partenaire, ou les retrouver par référence de foyer.",
        """
        The household reference is looked up through your partner's own blind index; it is never stored in clear.

        Example:
          abri cases --household FOH-2021-000123 --as ines.identity
        Exit codes: 77 not a member of a partner of this vault (or removed), 66 no vault.
        """:
        """
        La référence du foyer est cherchée dans l'index aveugle propre à votre partenaire ; elle n'est jamais enregistrée en clair.

        Exemple :
          abri cases --household FOH-2021-000123 --as ines.identity
        Codes de sortie : 77 vous n'êtes membre d'aucun partenaire de ce coffre (ou votre identité en a été retirée), 66 pas de coffre.
        """,
        "Close a case you hold (or reopen it): its retention period starts from the last closing.":
            "Clore un dossier que vous détenez (ou le rouvrir) : sa durée de conservation court depuis la dernière clôture.",
        "Shred the cases closed longer ago than the retention rule (administrator).":
            "Détruire les dossiers clos depuis plus longtemps que la règle de conservation (administrateur).",
        """
        The administrator's `abri retention` shreds the cases closed longer ago than the retention rule \
        (five years by default).

        Example:
          abri close 7K2F… --as alice.identity
        Exit codes: 77 unknown case or no grant.
        """:
        """
        La commande `abri retention` de l'administrateur détruit les dossiers clos depuis plus longtemps que la règle de conservation (cinq ans par défaut).

        Exemple :
          abri close 7K2F… --as alice.identity
        Codes de sortie : 77 dossier inconnu ou sans accès.
        """,
        """
        Lists what it will destroy and asks for confirmation (or --yes). The rule: cases closed more than \
        --years years ago (default 5) and not reopened since. Use --dry-run to only list them.

        Example:
          abri retention --years 5 --as admin.identity
        Exit codes: 77 not the administrator, 64 without a terminal and without --yes.
        """:
        """
        Affiche ce qui va être détruit et demande confirmation (ou --yes). La règle : les dossiers clos il y a plus de --years ans (5 par défaut) et pas rouverts depuis. Avec --dry-run, la liste seulement.

        Exemple :
          abri retention --years 5 --as admin.identity
        Codes de sortie : 77 vous n'êtes pas l'administrateur, 64 sans terminal et sans --yes.
        """,
        "Withdraw a consent: destroy a partner's grants on a case.":
            "Retirer un consentement : détruire les accès d'un partenaire à un dossier.",
        "Destroy a partner's grants on a case, at once.":
            "Détruire tout de suite les accès d'un partenaire à un dossier.",
        """
        Example:
          abri consent withdraw 7K2F… --from bailleur-b --yes --as alice.identity
        Exit codes: 77 not permitted, 64 without a terminal and without --yes (see `abri consent withdraw --help`).
        """:
        """
        Exemple :
          abri consent withdraw 7K2F… --from bailleur-b --yes --as alice.identity
        Codes de sortie : 77 non autorisé, 64 sans terminal et sans --yes (voyez `abri consent withdraw --help`).
        """,
        """
        Run by the partner that shared, the depositor's partner, or the administrator. The partner's members get \
        77 on open afterwards; the other partners keep their access. A partner that wrote records of the case \
        keeps them.

        Example:
          abri consent withdraw 7K2F… --from bailleur-b --yes --as alice.identity
        Exit codes: 77 not permitted or the last holder of a record, 64 without a terminal and without --yes.
        """:
        """
        À lancer par le partenaire qui a partagé, le partenaire qui a déposé le dossier, ou l'administrateur. Les membres du partenaire reçoivent ensuite 77 à l'ouverture ; les autres partenaires gardent leur accès. Un partenaire qui a écrit des fiches du dossier les garde.

        Exemple :
          abri consent withdraw 7K2F… --from bailleur-b --yes --as alice.identity
        Codes de sortie : 77 non autorisé, ou dernier détenteur d'une fiche, 64 sans terminal et sans --yes.
        """,
        "Run the whole story on a temporary vault, narrated.":
            "Dérouler toute l'histoire sur un coffre temporaire, commentée.",
        """
        A made-up network (a landlord's social-support and tenancy units, a CIDFF, a second landlord) deposits, \
        shares, opens, rehouses, logs, removes a member and shreds a case, and the demo says at each step what \
        each person sees and what is withheld from them. Nothing touches your own vault: everything happens in \
        a temporary folder (under $TMPDIR), deleted at the end. The demo prints one address, on purpose, in \
        the step where an entitled adviser reveals it.

        Example:
          abri demo
        Exit codes: 0 the story ran as documented, 70 a step did not (a bug: please report it).
        """:
        """
        Un réseau fictif (le service d'accompagnement social et le service de gestion locative d'un bailleur, un CIDFF, un second bailleur) dépose, partage, ouvre, reloge, journalise, retire un membre et détruit un dossier ; à chaque étape, la démonstration dit ce que voit chaque personne et ce qui lui reste caché. Votre propre coffre n'est pas touché : tout se passe dans un dossier temporaire (sous $TMPDIR), effacé à la fin. La démonstration affiche une adresse, volontairement, à l'étape où une conseillère habilitée la révèle.

        Exemple :
          abri demo
        Codes de sortie : 0 l'histoire s'est déroulée comme prévu, 70 une étape a échoué (une anomalie : merci de la signaler).
        """,
        "Deposit reports (signalements) as new cases, and choose who can read them.":
            "Déposer des signalements comme nouveaux dossiers, et choisir qui peut les lire.",
        """
        Each report is a JSON object; its `locating` object holds the address and every field that locates the \
        victim, and only partners named with --locating-to receive it. Granting another partner needs the \
        victim's consent (--consent, or --without-consent with a reason). All reports go in one transaction.

        Example:
          abri deposit report.json --attach recepisse.pdf --locating-to cidff-62 --consent "formulaire signé le 2026-11-20" --as alice.identity
        Exit codes: 64 missing consent or unknown partner, 65 malformed report or a locating field outside `locating`,
        66 missing file, 77 a locating grant to a never-locating partner.
        """:
        """
        Chaque signalement est un objet JSON ; son objet `locating` contient l'adresse et tout ce qui permet de localiser la victime, et seuls les partenaires nommés par --locating-to le reçoivent. Donner accès à un autre partenaire demande le consentement de la victime (--consent, ou --without-consent avec un motif). Tous les signalements sont déposés en une seule transaction.

        Exemple :
          abri deposit signalement.json --attach recepisse.pdf --locating-to cidff-62 --consent "formulaire signé le 2026-11-20" --as alice.identity
        Codes de sortie : 64 consentement manquant ou partenaire inconnu, 65 signalement mal formé ou champ localisant hors de `locating`, 66 fichier introuvable, 77 partie localisante destinée à un partenaire qui ne la reçoit jamais.
        """,
        "Write a case you hold as a sealed, signed bundle for the members of a partner in another vault.":
            "Écrire un dossier que vous détenez dans un paquet scellé et signé, pour les membres d'un partenaire d'un autre coffre.",
        """
        The bundle holds what a share would grant (the locating parts only with --locating-to), sealed to each \
        current member of the partner, so that only they can import it, and only into the vault named with \
        --to-vault (pinned by your administrator, see `abri vault trusted`). It carries this vault's signed roster, \
        which proves you are a member. It needs the victim's consent.

        Example:
          abri export 7K2F… --to cidff-62 --to-vault cidff --out dossier.abri --consent "formulaire du 2026-11-20" --as alice.identity
        Exit codes: 64 missing consent or an unknown vault name, 73 the output exists, 77 unknown case, no grant, \
        or --locating-to a never-locating partner.
        """:
        """
        Le paquet contient ce qu'un partage donnerait (les parties localisantes seulement avec --locating-to), scellé pour chaque membre actuel du partenaire : eux seuls peuvent l'importer, et seulement dans le coffre nommé par --to-vault (épinglé par votre administrateur, voyez `abri vault trusted`). Il porte la liste signée des membres de ce coffre, qui prouve que vous en êtes membre. Il demande le consentement de la victime.

        Exemple :
          abri export 7K2F… --to cidff-62 --to-vault cidff --out dossier.abri --consent "formulaire du 2026-11-20" --as alice.identity
        Codes de sortie : 64 consentement manquant ou nom de coffre inconnu, 73 le fichier de sortie existe, 77 dossier inconnu, sans accès, ou --locating-to vers un partenaire qui ne reçoit jamais la partie localisante.
        """,
        "Check that a passphrase unlocks an identity file.":
            "Vérifier qu'une phrase secrète ouvre un fichier d'identité.",
        """
        Prints "passphrase ok" when it does. Nothing is changed.

        Example:
          abri identity check ~/alice.identity
        Exit codes: 0 the passphrase unlocks it, 77 a wrong passphrase, 65 a damaged file, 66 the file cannot be read.
        """:
        """
        Affiche "passphrase ok" si c'est le cas. Rien n'est modifié.

        Exemple :
          abri identity check ~/alice.identity
        Codes de sortie : 0 la phrase secrète l'ouvre, 77 phrase secrète incorrecte, 65 fichier endommagé, 66 fichier illisible.
        """,
        "Create and inspect personal identities.":
            "Créer et consulter des identités personnelles.",
        """
        An identity is a file sealed under your passphrase. Its public identity, one line \
        starting with abri1, is what you send to your administrator.

        Example:
          abri identity new --out ~/alice.identity --name "Alice Martin"
        Exit codes: 73 the file exists, 77 a wrong passphrase, 65 a damaged file (see each subcommand's --help).
        """:
        """
        Une identité est un fichier scellé par votre phrase secrète. Son identité publique, une ligne qui commence par abri1, est ce que vous envoyez à votre administrateur.

        Exemple :
          abri identity new --out ~/alice.identity --name "Alice Martin"
        Codes de sortie : 73 le fichier existe, 77 phrase secrète incorrecte, 65 fichier endommagé (voyez le --help de chaque sous-commande).
        """,
        "Create a passphrase-protected identity and print its public identity.":
            "Créer une identité protégée par une phrase secrète et afficher son identité publique.",
        """
        Asks for a new passphrase twice on the terminal (or reads --passphrase-file), writes the \
        identity file with mode 0600, and prints the public identity line on stdout. Send that \
        line to your administrator; keep the file and the passphrase to yourself.

        A new passphrase needs at least 4 words or 16 characters; --generate proposes 6 common French words \
        and shows them once on the terminal.

        Example:
          abri identity new --out ~/alice.identity --name "Alice Martin"
        Exit codes: 73 the file exists, 64 the two passphrases differ, the passphrase is too short, or no terminal and no passphrase file.
        """:
        """
        Demande deux fois une nouvelle phrase secrète dans le terminal (ou lit --passphrase-file), écrit le fichier d'identité avec les droits 0600, et affiche la ligne d'identité publique sur la sortie standard. Envoyez cette ligne à votre administrateur ; gardez le fichier et la phrase secrète pour vous.

        Une nouvelle phrase secrète compte au moins 4 mots ou 16 caractères ; --generate propose 6 mots français courants et les affiche une seule fois dans le terminal.

        Exemple :
          abri identity new --out ~/alice.identity --name "Alice Martin"
        Codes de sortie : 73 le fichier existe, 64 les deux phrases secrètes diffèrent, la phrase secrète est trop courte, ou ni terminal ni fichier de phrase secrète.
        """,
        "Print the public identity of an identity file.":
            "Afficher l'identité publique d'un fichier d'identité.",
        """
        Needs no passphrase: the public identity is stored in clear. Checks the file's checksum, \
        so a damaged file is refused. With --fingerprint, prints instead the fingerprint that you read out to the \
        colleague who approves you with `abri member approve`.

        Example:
          abri identity show ~/alice.identity
          abri identity show ~/alice.identity --fingerprint
        Exit codes: 66 the file cannot be read, 65 a damaged file.
        """:
        """
        Aucune phrase secrète n'est demandée : l'identité publique est enregistrée en clair. La somme de contrôle du fichier est vérifiée : un fichier endommagé est refusé. Avec --fingerprint, affiche à la place l'empreinte que vous lisez à la personne de votre partenaire qui vous approuve avec `abri member approve`.

        Exemple :
          abri identity show ~/alice.identity
          abri identity show ~/alice.identity --fingerprint
        Codes de sortie : 66 fichier illisible, 65 fichier endommagé.
        """,
        "Import a bundle addressed to you into this vault.":
            "Importer dans ce coffre un paquet qui vous est adressé.",
        """
        Checks, in order: the bundle is whole, it is addressed to you, it comes from a vault your administrator \
        pinned (`abri vault trusted`), with that vault's signed roster naming its exporter as a current member, \
        the exporter's signature, that it is meant for this vault, that it was not imported before nor its case \
        shredded here, that its consent has not ended, and that every record opens and its author is vouched for. \
        Name your partner with --partner when you are a member of several.

        Example:
          abri import dossier.abri --as ines.identity
        Exit codes: 65 a damaged or forged bundle, a bad roster proof, one meant for another vault or exported from \
        this one, already imported, whose case was shredded here or whose consent has ended; 77 not addressed to \
        you, from a vault not pinned here, or locating parts for a never-locating partner; 66 the file cannot be read.
        """:
        """
        Vérifie, dans l'ordre : que le paquet est complet, qu'il vous est adressé, qu'il vient d'un coffre que votre administrateur a épinglé (`abri vault trusted`), avec la liste des membres de ce coffre signée par son administrateur où l'exportateur figure comme membre actuel, la signature de l'exportateur, qu'il est destiné à ce coffre, qu'il n'a pas déjà été importé ni son dossier détruit ici, que son consentement n'a pas pris fin, et que chaque fiche s'ouvre et que son auteur est attesté. Nommez votre partenaire avec --partner si vous êtes membre de plusieurs.

        Exemple :
          abri import dossier.abri --as ines.identity
        Codes de sortie : 65 paquet endommagé ou falsifié, preuve de la liste des membres invalide, paquet destiné à un autre coffre ou exporté depuis celui-ci, déjà importé, dont le dossier a été détruit ici ou dont le consentement a pris fin ; 77 paquet qui ne vous est pas adressé, venu d'un coffre non épinglé ici, ou parties localisantes pour un partenaire qui ne les reçoit jamais ; 66 fichier illisible.
        """,
        "Create a vault whose administrator is the given public identity.":
            "Créer un coffre dont l'administrateur est l'identité publique donnée.",
        """
        The administrator signs the roster of partners and members and holds no key that opens a case.

        With --hub, the vault is created on a hub (`abri-hub`) that organisations on separate networks share, and this \
        file becomes this machine's copy of it: other machines make theirs with `abri clone`. The administrator's \
        identity signs the creation (--as).

        Example:
          abri init --vault office.db --admin abri1…
          abri init --admin abri1… --hub https://hub.example.org --as admin.identity
        Exit codes: 73 when the vault file exists (or the hub has this vault), 65 for a mistyped public identity, \
        75 when the hub cannot be reached (nothing is kept).
        """:
        """
        L'administrateur signe le registre des partenaires et des membres, et ne détient aucune clé qui ouvre un dossier.

        Avec --hub, le coffre est créé sur un hub (`abri-hub`) que des organisations sur des réseaux distincts partagent, \
        et ce fichier devient la copie de cette machine : les autres machines font la leur avec `abri clone`. \
        L'identité de l'administrateur signe la création (--as).

        Exemple :
          abri init --vault bureau.db --admin abri1…
          abri init --admin abri1… --hub https://hub.exemple.fr --as admin.identity
        Codes de sortie : 73 le fichier du coffre existe (ou le hub a déjà ce coffre), 65 identité publique mal \
        recopiée, 75 le hub est injoignable (rien n'est gardé).
        """,
        "Show the access log entries you may read.":
            "Afficher les entrées du journal des accès que vous pouvez lire.",
        """
        A member sees the entries of the cases their partner holds that concern it: its own actions, the grants \
        it made or received, and the actions of the partners it granted. The administrator sees roster \
        operations and, of every other entry, the action, the actor and the day. \
        --household gives a household's access extract (GDPR art. 15): the days and purposes of the \
        consultations of that household's own records, never a case that holds a locating part. \
        --without-consent (administrator) counts the shares made without consent, by partner and day.

        Example:
          abri log --case 7K2F… --as ines.identity
        Exit codes: 77 unknown case or no grant (the same answer for both), or --without-consent by someone other than the administrator.
        """:
        """
        Un membre voit les entrées des dossiers que détient son partenaire qui le concernent : ses propres actions, les accès qu'il a donnés ou reçus, et les actions des partenaires à qui il a donné accès. L'administrateur voit les opérations sur le registre et, de toute autre entrée, l'action, son auteur et le jour. --household donne l'extrait des accès d'un foyer (RGPD, art. 15) : les jours et motifs des consultations des fiches propres à ce foyer, jamais un dossier qui contient une partie localisante. --without-consent (administrateur) compte les partages faits sans consentement, par partenaire et par jour.

        Exemple :
          abri log --case 7K2F… --as ines.identity
        Codes de sortie : 77 dossier inconnu ou sans accès (la même réponse pour les deux), ou --without-consent demandé par quelqu'un d'autre que l'administrateur.
        """,
        "Enrol, approve and remove the people of a partner.":
            "Enrôler, approuver et retirer les personnes d'un partenaire.",
        "Enrol a person in a partner from their public identity (administrator).":
            "Enrôler une personne dans un partenaire à partir de son identité publique (administrateur).",
        "Approve a newcomer of your partner: their keys are sealed to them at once.":
            "Approuver une nouvelle personne de votre partenaire : ses clés lui sont scellées aussitôt.",
        "Allow an identity that is already a member of another partner.":
            "Accepter une identité déjà membre d'un autre partenaire.",
        "The newcomer's name.":
            "Le nom de la nouvelle personne.",
        "Remove a person who leaves: refused at once, and the partner's keys renewed.":
            "Retirer une personne qui part : refusée tout de suite, et les clés du partenaire renouvelées.",
        """
        The administrator enrols and removes people; a member of the same partner approves each newcomer.

        Example:
          abri member add cidff-62 --identity abri1… --name "Inès" --as admin.identity
          abri member approve cidff-62 "Inès" --as chloe.identity
        Exit codes: 77 when not permitted (see each subcommand's --help).
        """:
        """
        L'administrateur enrôle et retire les personnes ; un membre du même partenaire approuve chaque nouvelle personne.

        Exemple :
          abri member add cidff-62 --identity abri1… --name "Inès" --as admin.identity
          abri member approve cidff-62 "Inès" --as chloe.identity
        Codes de sortie : 77 opération non permise (voyez le --help de chaque sous-commande).
        """,
        """
        Shows the newcomer's name and the fingerprint of the public identity the administrator enrolled. Compare \
        it, by phone or in person, with the one the newcomer reads from `abri identity show --fingerprint`: only \
        then confirm. \
        The partner's keys are renewed for its approved members and the newcomer, and every grant is re-sealed, \
        so the newcomer reads the partner's cases at once.

        Example:
          abri member approve cidff-62 "Inès" --as chloe.identity
        Exit codes: 77 when you are not an approved member of that partner (the administrator included), 64 for \
        nobody of that name waiting, or without a terminal and without --yes.
        """:
        """
        Affiche le nom de la nouvelle personne et l'empreinte de l'identité publique que l'administrateur a enrôlée. Comparez-la, au téléphone ou de vive voix, avec celle que la nouvelle personne lit avec `abri identity show --fingerprint` : confirmez seulement alors. Les clés du partenaire sont renouvelées pour ses membres approuvés et la nouvelle personne, et chaque accès est re-scellé : elle lit aussitôt les dossiers du partenaire.

        Exemple :
          abri member approve cidff-62 "Inès" --as chloe.identity
        Codes de sortie : 77 vous n'êtes pas membre approuvé de ce partenaire (l'administrateur non plus), 64 personne de ce nom en attente, ou ni terminal ni --yes.
        """,
        """
        The first member of a new partner receives its keys at once. Anyone enrolled later receives no key until \
        a member of the same partner compares their fingerprint and runs `abri member approve`.

        Example:
          abri member add cidff-62 --identity abri1… --name "Inès" --as admin.identity
        Exit codes: 65 for a mistyped public identity, 64 for a name already used in the partner, 77 when not the \
        administrator, for an identity already in another partner (without --also-member-of-another-partner), and \
        always for one partner that never receives locating parts and one that does.
        """:
        """
        Le premier membre d'un nouveau partenaire reçoit ses clés aussitôt. Toute personne enrôlée ensuite ne reçoit aucune clé tant qu'un membre du même partenaire n'a pas comparé son empreinte et lancé `abri member approve`.

        Exemple :
          abri member add cidff-62 --identity abri1… --name "Inès" --as admin.identity
        Codes de sortie : 65 identité publique mal recopiée, 64 nom déjà utilisé dans ce partenaire, 77 vous n'êtes pas l'administrateur, identité déjà membre d'un autre partenaire (sans --also-member-of-another-partner), et toujours pour un partenaire qui ne reçoit jamais de partie localisante avec un qui en reçoit.
        """,
        """
        The removed identity is refused by every command from now on; the partner's remaining members re-seal \
        its grants to a new generation at their next command, after which the old keys open nothing.

        Example:
          abri member remove cidff-62 "Inès" --yes --as admin.identity
        Exit codes: 77 for the last member of a partner that holds cases, 64 without a terminal and without --yes.
        """:
        """
        L'identité retirée est refusée par toutes les commandes dès maintenant ; les membres restants du partenaire re-scellent ses accès dans une nouvelle génération à leur prochaine commande, après quoi les anciennes clés n'ouvrent plus rien.

        Exemple :
          abri member remove cidff-62 "Inès" --yes --as admin.identity
        Codes de sortie : 77 dernier membre d'un partenaire qui détient des dossiers, 64 sans terminal et sans --yes.
        """,
        "Open a case: the records you may read, the address masked until you reveal it.":
            "Ouvrir un dossier : les fiches que vous pouvez lire, l'adresse masquée tant que vous ne la révélez pas.",
        """
        Locating fields are shown only with --reveal, to a partner that holds them; each reveal is logged as its \
        own action, with the purpose. --attachments writes the general attachments into a folder, the locating \
        ones too with --reveal (mode 0600, never overwriting).

        Example:
          abri open 7K2F… --reveal --purpose "préparation audience JAF" --as ines.identity
        Exit codes: 64 --reveal without a purpose, 77 unknown case or no grant (the same answer for both), 73 an attachment file exists.
        """:
        """
        Les champs localisants ne s'affichent qu'avec --reveal, pour un partenaire qui les détient ; chaque révélation est journalisée comme une action à part, avec son motif. --attachments écrit les pièces jointes générales dans un répertoire, et les localisantes aussi avec --reveal (droits 0600, sans jamais écraser un fichier).

        Exemple :
          abri open 7K2F… --reveal --purpose "préparation audience JAF" --as ines.identity
        Codes de sortie : 64 --reveal sans motif, 77 dossier inconnu ou sans accès (la même réponse pour les deux), 73 un fichier de pièce jointe existe déjà.
        """,
        "Add and list partners: organisations, or units of one, that hold keys.":
            "Ajouter et lister les partenaires : les organismes, ou leurs services, qui détiennent des clés.",
        "Enrol a partner (administrator).":
            "Enrôler un partenaire (administrateur).",
        "List partners and their members.":
            "Lister les partenaires et leurs membres.",
        """
        Example:
          abri partner add cidff-62 --name "CIDFF du Pas-de-Calais" --kind legal-aid --as admin.identity
        Exit codes: 77 when not the administrator (see each subcommand's --help).
        """:
        """
        Exemple :
          abri partner add cidff-62 --name "CIDFF du Pas-de-Calais" --kind legal-aid --as admin.identity
        Codes de sortie : 77 vous n'êtes pas l'administrateur (voyez le --help de chaque sous-commande).
        """,
        """
        A landlord's social-support unit and its rental-management unit are two partners. Mark a tenancy unit \
        --never-locating: it can then never receive an address. Enrol the whole network up front: a partner \
        enrolled for a single rehousing tells where she went.

        Example:
          abri partner add cidff-62 --name "CIDFF du Pas-de-Calais" --kind legal-aid --as admin.identity
        Exit codes: 77 when not the administrator, 64 for an existing id.
        """:
        """
        Le service d'accompagnement social d'un bailleur et son service de gestion locative sont deux partenaires. Marquez un service de gestion locative --never-locating : il ne pourra jamais recevoir d'adresse. Enrôlez tout le réseau dès le départ : un partenaire enrôlé pour un seul relogement révèle où elle est partie.

        Exemple :
          abri partner add cidff-62 --name "CIDFF du Pas-de-Calais" --kind legal-aid --as admin.identity
        Codes de sortie : 77 vous n'êtes pas l'administrateur, 64 identifiant déjà pris.
        """,
        """
        Each line: the partner's id, its name, its kind (and never-locating), its members, and those who wait \
        for a colleague's `abri member approve`.

        Example:
          abri partner list --as me.identity
        Exit codes: 77 neither the administrator nor a member of this vault.
        """:
        """
        Chaque ligne : l'identifiant du partenaire, son nom, son type (et never-locating), ses membres, et celles et ceux qui attendent le `abri member approve` d'un membre du partenaire.

        Exemple :
          abri partner list --as moi.identity
        Codes de sortie : 77 vous n'êtes ni l'administrateur ni membre de ce coffre.
        """,
        "Renew a partner's keys: a new generation, every grant re-sealed, the old keys destroyed.":
            "Renouveler les clés d'un partenaire : une nouvelle génération, chaque accès re-scellé, les anciennes clés détruites.",
        """
        Run by a member of the partner, it re-seals every grant to a fresh generation and destroys the old ones, \
        all in one transaction: a crash leaves the vault as it was, and running it again does the whole job. \
        Run by the administrator, it makes the new generation and leaves the re-sealing to the members' next command.

        Example:
          abri rotate cidff-62 --as ines.identity
        Exit codes: 77 for someone who is neither a member of the partner nor the administrator.
        """:
        """
        Lancée par un membre du partenaire, elle re-scelle chaque accès dans une génération neuve et détruit les anciennes, en une seule transaction : une panne laisse le coffre tel qu'il était, et la relancer fait tout le travail. Lancée par l'administrateur, elle crée la nouvelle génération et laisse le re-scellement à la prochaine commande des membres.

        Exemple :
          abri rotate cidff-62 --as ines.identity
        Codes de sortie : 77 vous n'êtes ni membre du partenaire ni l'administrateur.
        """,
        "Share a case you hold with another partner, with the victim's consent.":
            "Partager un dossier que vous détenez avec un autre partenaire, avec le consentement de la victime.",
        """
        Grants every record of the case that you can read: --to gives the general part, --locating-to the general \
        and the locating parts (the address). Sharing again records the new consent (the latest wins).

        Example:
          abri share 7K2F… --locating-to bailleur-b --consent "formulaire du 2026-11-20" --until 2027-05-20 --as alice.identity
        Exit codes: 64 missing consent, 77 unknown case, no grant, or a locating share to a never-locating partner.
        """:
        """
        Donne accès à chaque fiche du dossier que vous pouvez lire : --to donne la partie générale, --locating-to la partie générale et la partie localisante (l'adresse). Partager à nouveau enregistre le nouveau consentement (le dernier l'emporte).

        Exemple :
          abri share 7K2F… --locating-to bailleur-b --consent "formulaire du 2026-11-20" --until 2027-05-20 --as alice.identity
        Codes de sortie : 64 consentement manquant, 77 dossier inconnu, sans accès, ou partie localisante vers un partenaire qui ne la reçoit jamais.
        """,
        "Destroy every key of a case, and its records and attachments (administrator).":
            "Détruire toutes les clés d'un dossier, avec ses fiches et ses pièces jointes (administrateur).",
        """
        Afterwards the case opens for no one; the log keeps that it was shredded, with no content. The vault file \
        keeps no copy (secure delete, WAL truncated, vacuum). Backups keep theirs until they expire.

        Example:
          abri shred 7K2F… --yes --as admin.identity
        Exit codes: 77 not the administrator or unknown case, 64 without a terminal and without --yes.
        """:
        """
        Ensuite le dossier ne s'ouvre plus pour personne ; le journal garde qu'il a été détruit, sans contenu. Le fichier du coffre n'en garde aucune copie (effacement sûr, WAL tronqué, vacuum). Les sauvegardes gardent la leur jusqu'à leur expiration.

        Exemple :
          abri shred 7K2F… --yes --as admin.identity
        Codes de sortie : 77 vous n'êtes pas l'administrateur, ou dossier inconnu, 64 sans terminal et sans --yes.
        """,
        "Check the access log, its signed heads and checkpoints, and the vault's history.":
            "Vérifier le journal des accès, ses têtes signées et points de contrôle, et l'historique du coffre.",
        """
        Without an identity it checks what anyone may: the Merkle tree over every entry, every signed head and \
        checkpoint, the roster's signatures and chain, and that the log extends the last head this machine accepted \
        (and, with --checkpoint, a checkpoint exported by the administrator). With \
        --as the administrator it also opens every entry and checks its actor's signature. \
        --accept-restore (administrator) accepts a restored backup as the new reference, and logs it.

        Example:
          abri verify --as admin.identity
        Exit codes: 0 all checks pass, 65 something was altered, removed, reordered or rolled back.
        """:
        """
        Sans identité, vérifie ce que tout le monde peut vérifier : l'arbre de Merkle sur toutes les entrées, chaque tête signée et point de contrôle, les signatures et la chaîne du registre des membres, et que le journal prolonge la dernière tête acceptée par cette machine (et, avec --checkpoint, un point de contrôle exporté par l'administrateur). Avec --as l'administrateur, ouvre aussi chaque entrée et vérifie la signature de son auteur. --accept-restore (administrateur) accepte une sauvegarde restaurée comme nouvelle référence, et le journalise.

        Exemple :
          abri verify --as admin.identity
        Codes de sortie : 0 tout est vérifié, 65 quelque chose a été modifié, retiré, déplacé ou ramené en arrière.
        """,
        "Pin and list the other vaults this vault exchanges bundles with.":
            "Épingler et lister les autres coffres avec lesquels ce coffre échange des paquets.",
        """
        A bundle is imported only from a vault whose administrator is pinned here, and exported only to one.

        Example:
          abri vault trust abri1… --name "CIDFF du Pas-de-Calais" --as admin.identity
        Exit codes: 77 when not the administrator (see each subcommand's --help).
        """:
        """
        Un paquet n'est importé que d'un coffre dont l'administrateur est épinglé ici, et n'est exporté que vers un tel coffre.

        Exemple :
          abri vault trust abri1… --name "CIDFF du Pas-de-Calais" --as admin.identity
        Codes de sortie : 77 si vous n'êtes pas l'administrateur (voyez le --help de chaque sous-commande).
        """,
        "Pin another vault's administrator (administrator).":
            "Épingler l'administrateur d'un autre coffre (administrateur).",
        """
        Ask the other vault's administrator for their public identity line (`abri identity show`) by a channel \
        you trust, and check it with them by voice. The pin goes into the signed roster: bundles from that vault \
        then import here, and your members export to it with --to-vault NAME. Both vaults pin each other.

        Example:
          abri vault trust abri1… --name cidff --as admin.identity
        Exit codes: 77 when not the administrator, 64 for a name or an administrator already pinned, 65 a mistyped line.
        """:
        """
        Demandez à l'administrateur de l'autre coffre sa ligne d'identité publique (`abri identity show`) par un canal de confiance, et vérifiez-la avec lui de vive voix. L'épinglage entre dans la liste signée des membres : les paquets de ce coffre s'importent alors ici, et vos membres lui exportent avec --to-vault NOM. Les deux coffres s'épinglent l'un l'autre.

        Exemple :
          abri vault trust abri1… --name cidff --as admin.identity
        Codes de sortie : 77 si vous n'êtes pas l'administrateur, 64 nom ou administrateur déjà épinglé, 65 ligne mal recopiée.
        """,
        "List the pinned vaults.":
            "Lister les coffres épinglés.",
        """
        Each line: the name given with --to-vault, then its administrator's public identity line.

        Example:
          abri vault trusted --as me.identity
        Exit codes: 77 neither the administrator nor a member of this vault.
        """:
        """
        Chaque ligne : le nom à donner à --to-vault, puis la ligne d'identité publique de son administrateur.

        Exemple :
          abri vault trusted --as me.identity
        Codes de sortie : 77 ni administrateur ni membre de ce coffre.
        """,
        "Export a signed checkpoint of the access log, to keep outside the vault.":
            "Exporter un point de contrôle signé du journal des accès, à garder hors du coffre.",
        """
        Example:
          abri checkpoint export --out checkpoint-2026-11-22.txt --as admin.identity
        Exit codes: 77 not the administrator, 73 when the output exists (see `abri checkpoint export --help`).
        """:
        """
        Exemple :
          abri checkpoint export --out point-2026-11-22.txt --as admin.identity
        Codes de sortie : 77 vous n'êtes pas l'administrateur, 73 le fichier de sortie existe déjà (voir `abri checkpoint export --help`).
        """,
        "Sign the log's latest head into a file kept outside the vault (administrator).":
            "Signer la dernière tête du journal dans un fichier gardé hors du coffre (administrateur).",
        """
        Whoever can write the vault file could roll it back consistently for a machine that never saw it. Keep \
        the checkpoint elsewhere (another system, paper), and check the vault against it later with \
        `abri verify --checkpoint FILE`: the log must extend it.

        Example:
          abri checkpoint export --out checkpoint-2026-11-22.txt --as admin.identity
        Exit codes: 77 not the administrator, 73 when the output exists, 65 when the vault does not check out.
        """:
        """
        Qui peut écrire le fichier du coffre pourrait le ramener en arrière de façon cohérente pour une machine qui ne l'a jamais vu. Gardez le point de contrôle ailleurs (un autre système, du papier), et vérifiez plus tard le coffre avec `abri verify --checkpoint FICHIER` : le journal doit le prolonger.

        Exemple :
          abri checkpoint export --out point-2026-11-22.txt --as admin.identity
        Codes de sortie : 77 vous n'êtes pas l'administrateur, 73 le fichier de sortie existe déjà, 65 le coffre ne se vérifie pas.
        """,
    ]
}
