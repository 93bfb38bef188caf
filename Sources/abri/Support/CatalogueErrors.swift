/// The French of every error message: the English template as it is thrown (its variable parts
/// written `%@`), then the French. The values (paths, ids, counts) are carried over as they are,
/// or translated when they are catalogue text themselves ("the terminal", "permission denied").
///
/// `LocalizationTests` scans Sources/ for every message thrown and fails when one is missing here.
extension Catalogue {
    static let errors: [String: String] = [
        "--generate shows the passphrase on a terminal only (run it in a terminal, or choose a passphrase yourself)":
            "--generate n'affiche la phrase secrète que dans un terminal (lancez-le dans un terminal, ou choisissez vous-même une phrase secrète)",
        "--idle takes a duration such as 30s, 15m or 2h, at most 12h":
            "--idle prend une durée comme 30s, 15m ou 2h, 12h au plus",
        "--type goes with --edit":
            "--type va avec --edit",
        "cannot create the agent's socket":
            "impossible de créer la prise de l'agent",
        "cannot create the agent's folder %@ (check XDG_RUNTIME_DIR)":
            "impossible de créer le répertoire de l'agent %@ (vérifiez XDG_RUNTIME_DIR)",
        "this passphrase is too short: use at least 4 words or 16 characters (nothing was written)":
            "cette phrase secrète est trop courte : utilisez au moins 4 mots ou 16 caractères (rien n'a été écrit)",
        "this identity is held by the agent, which never hands its keys out (unlock the identity file instead)":
            "cette identité est détenue par l'agent, qui ne donne jamais ses clés (déverrouillez plutôt le fichier d'identité)",
        "the agent stopped answering during the command; nothing was written (run it again: it will ask for the passphrase)":
            "l'agent a cessé de répondre pendant la commande ; rien n'a été écrit (relancez-la : elle demandera la phrase secrète)",
        "XDG_RUNTIME_DIR is not set":
            "XDG_RUNTIME_DIR n'est pas défini",
        "--edit writes the report in the editor: name no report file with it":
            "--edit fait écrire le signalement dans l'éditeur : n'indiquez pas de fichier de signalement avec lui",
        "cannot start the agent (try again)":
            "impossible de démarrer l'agent (réessayez)",
        "the draft cannot be read back (nothing was written)":
            "le brouillon ne peut pas être relu (rien n'a été écrit)",
        "cannot write the draft in %@ (nothing was written)":
            "impossible d'écrire le brouillon dans %@ (rien n'a été écrit)",
        "the editor %@ ended with an error; the draft was erased and nothing was deposited (run the command again)":
            "l'éditeur %@ s'est terminé sur une erreur ; le brouillon a été effacé et rien n'a été déposé (relancez la commande)",
        "the agent's socket path %@ is too long (set XDG_RUNTIME_DIR to a shorter folder)":
            "le chemin de la prise de l'agent %@ est trop long (donnez à XDG_RUNTIME_DIR un répertoire plus court)",
        "cannot listen at %@ (check XDG_RUNTIME_DIR)":
            "impossible d'écouter sur %@ (vérifiez XDG_RUNTIME_DIR)",
        "XDG_RUNTIME_DIR is not set, so there is no private folder for the draft (write the report to a file and deposit it with --remove-source)":
            "XDG_RUNTIME_DIR n'est pas défini : pas de répertoire privé pour le brouillon (écrivez le signalement dans un fichier et déposez-le avec --remove-source)",
        "the agent's connection closed early":
            "la connexion de l'agent s'est fermée trop tôt",
        "cannot start the editor %@ (set EDITOR)":
            "impossible de lancer l'éditeur %@ (définissez EDITOR)",
        "an agent already listens at %@ (stop it with abri agent stop)":
            "un agent écoute déjà sur %@ (arrêtez-le avec abri agent stop)",
        "XDG_RUNTIME_DIR is not set, so the agent has no private folder (log in to a desktop or ssh session that sets it)":
            "XDG_RUNTIME_DIR n'est pas défini : l'agent n'a pas de répertoire privé (ouvrez une session de bureau ou ssh qui le définit)",
        "cannot create the draft in %@ (check XDG_RUNTIME_DIR; nothing was written)":
            "impossible de créer le brouillon dans %@ (vérifiez XDG_RUNTIME_DIR ; rien n'a été écrit)",
        "the agent's frame has a bad length":
            "une trame de l'agent a une longueur invalide",
        "this copy fetches attachments from the hub on demand and cannot delete them there: shred the case from a machine that keeps every attachment (nothing was changed)":
            "cette copie demande les pièces jointes au hub à l'ouverture et ne peut pas les y effacer : détruisez le dossier depuis une machine qui garde toutes les pièces jointes (rien n'a été modifié)",
        "the agent's frame has a bad header":
            "une trame de l'agent a un en-tête invalide",
        "%@ is larger than 1 TiB, the largest attachment (nothing was written)":
            "%@ dépasse 1 Tio, la plus grande pièce jointe (rien n'a été écrit)",
        "the agent's folder %@ is not a private folder of yours (remove it, or set XDG_RUNTIME_DIR)":
            "le répertoire de l'agent %@ n'est pas un répertoire privé à vous (supprimez-le, ou définissez XDG_RUNTIME_DIR)",
        "the partners' keys are not the ones the latest signed head names: key generations or seals were rolled back or altered (run `abri verify`)":
            "les clés des partenaires ne sont pas celles que nomme la dernière tête signée : des générations de clés ou des scellés ont été ramenés en arrière ou modifiés (lancez `abri verify`)",
        "the partners' keys are not the ones the latest signed head names: key generations or seals were removed, added or altered":
            "les clés des partenaires ne sont pas celles que nomme la dernière tête signée : des générations de clés ou des scellés ont été retirés, ajoutés ou modifiés",
        "%@ is not a case id: it looks mistyped (a case id is 26 letters and digits; copy it from `abri cases`)":
            "%@ n'est pas un identifiant de dossier : il semble mal recopié (un identifiant a 26 lettres et chiffres ; copiez-le depuis `abri cases`)",
        "name one partner, with --to or with --locating-to (run the command again for another)":
            "nommez un seul partenaire, avec --to ou avec --locating-to (relancez la commande pour un autre)",
        "name the partner with --to PARTNER (general part) or --locating-to PARTNER (with the address)":
            "nommez le partenaire avec --to PARTENAIRE (partie générale) ou --locating-to PARTENAIRE (avec l'adresse)",
        "--locating goes with --to; --locating-to already grants the locating parts (drop --locating)":
            "--locating va avec --to ; --locating-to donne déjà la partie localisante (retirez --locating)",
        "the head at size %@ does not name the head stored before it (size %@)":
            "la tête de taille %@ ne nomme pas la tête enregistrée avant elle (taille %@)",
        "the log holds %@ entries where its last signed head counts 0: entries were removed or added outside abri (run `abri verify`)":
            "nombre d'entrées du journal : %@, alors que sa dernière tête signée n'en compte aucune : des entrées ont été retirées ou ajoutées hors d'abri (lancez `abri verify`)",
        "the heads cannot be read":
            "les têtes du journal sont illisibles",
        "the log's first %@ entries differ from the checkpoint: the log was rewritten":
            "les %@ premières entrées du journal diffèrent du point de contrôle : le journal a été réécrit",
        "cannot read the checkpoint %@ (check the path)":
            "impossible de lire le point de contrôle %@ (vérifiez le chemin)",
        "roster version %@ is not the one the checkpoint names: the roster was rolled back or altered":
            "la version %@ du registre des membres n'est pas celle que nomme le point de contrôle : le registre a été ramené en arrière ou modifié",
        "the signed head before the latest one is missing: the vault was altered (run `abri verify`)":
            "la tête signée qui précède la dernière manque : le coffre a été modifié (lancez `abri verify`)",
        "the write-ahead log could not be truncated while another process reads the vault, so the case keys may still be in it: the shredding is not complete (stop every other abri command on this vault, then run `abri shred` again with the same case)":
            "le journal d'écriture anticipée (WAL) n'a pas pu être tronqué pendant qu'un autre processus lit le coffre : les clés du dossier peuvent encore s'y trouver, la destruction n'est pas complète (arrêtez toute autre commande abri sur ce coffre, puis relancez `abri shred` avec le même dossier)",
        "the log is empty: there is nothing to checkpoint yet (enrol a partner first)":
            "le journal est vide : il n'y a encore rien à marquer d'un point de contrôle (enregistrez d'abord un partenaire)",
        "roster version %@ does not name the version before it: the roster's chain is broken":
            "la version %@ du registre des membres ne nomme pas la version qui la précède : la chaîne du registre est rompue",
        "log entry %@ is dated before the entry it follows: public days went backwards":
            "l'entrée %@ du journal est datée d'avant l'entrée qu'elle suit : les jours publics reculent",
        "log entry %@ is dated %@, after tomorrow":
            "l'entrée %@ du journal est datée du %@, après demain",
        "the checkpoint is not signed by this vault's administrator":
            "le point de contrôle n'est pas signé par l'administrateur de ce coffre",
        "the roster is not the one the latest signed head names: roster versions were removed, added or altered":
            "le registre des membres n'est pas celui que nomme la dernière tête signée : des versions du registre ont été retirées, ajoutées ou modifiées",
        "the head at size %@ names roster version %@, older than an earlier head's":
            "la tête de taille %@ nomme la version %@ du registre, plus ancienne que celle d'une tête précédente",
        "the checkpoint belongs to another vault":
            "le point de contrôle appartient à un autre coffre",
        "the vault's roster is not the one its latest signed head names: the roster was rolled back or altered (run `abri verify`)":
            "le registre des membres du coffre n'est pas celui que nomme sa dernière tête signée : le registre a été ramené en arrière ou modifié (lancez `abri verify`)",
        "the log holds %@ entries, fewer than the %@ of the checkpoint: it was cut or rolled back":
            "nombre d'entrées du journal : %@, moins que le point de contrôle (%@) : il a été tronqué ou ramené en arrière",
        "a key sealed to you is not the signed key of its generation: the vault was altered (run `abri verify`)":
            "une clé scellée pour vous n'est pas la clé signée de sa génération : le coffre a été modifié (lancez `abri verify`)",
        "the head or checkpoint at size %@, which the head at size %@ follows, is missing":
            "la tête ou le point de contrôle de taille %@, que suit la tête de taille %@, manque",
        "the head at size %@ is dated before the head it follows: public days went backwards":
            "la tête de taille %@ est datée d'avant la tête qu'elle suit : les jours publics reculent",
        "the head at size %@ is dated %@, after tomorrow":
            "la tête de taille %@ est datée du %@, après demain",
        "the head at size %@ has no valid day":
            "la tête de taille %@ n'a pas de jour valide",
        "%@ is not an abri checkpoint (export one with `abri checkpoint export`)":
            "%@ n'est pas un point de contrôle abri (exportez-en un avec `abri checkpoint export`)",
        "log entry %@ was made by %@ after their removal":
            "l'entrée %@ du journal a été faite par %@ après son retrait",
        "both --consent and --without-consent were given (keep only the one that applies)":
            "--consent et --without-consent sont donnés ensemble (gardez seulement celui qui s'applique)",
        "--until was given without --consent (add --consent TEXT, or drop --until)":
            "--until est donné sans --consent (ajoutez --consent TEXTE, ou retirez --until)",
        "--consent is empty (give the reference of the victim's consent)":
            "--consent est vide (indiquez la référence du consentement de la victime)",
        "the date %@ is in the past (give a date from today on)":
            "la date %@ est passée (indiquez une date à partir d'aujourd'hui)",
        "--without-consent is empty (give the reason for sharing without consent)":
            "--without-consent est vide (indiquez le motif du partage sans consentement)",
        "sharing needs the victim's consent (add --consent TEXT [--until DATE], or --without-consent REASON)":
            "ce partage demande le consentement de la victime (ajoutez --consent TEXTE [--until DATE], ou --without-consent MOTIF)",
        "no identity to act as (pass --as FILE or set ABRI_IDENTITY)":
            "aucune identité pour agir (indiquez --as FICHIER ou la variable ABRI_IDENTITY)",
        "cannot read the passphrase file %@: %@ (check the path and its permissions)":
            "impossible de lire le fichier de phrase secrète %@ : %@ (vérifiez le chemin et ses droits)",
        "the passphrase file %@ is a directory (name the file itself)":
            "le fichier de phrase secrète %@ est un dossier (indiquez le fichier lui-même)",
        "the passphrase file %@ can be read or written by others (run chmod 600 on it)":
            "le fichier de phrase secrète %@ est lisible ou modifiable par d'autres (lancez chmod 600 sur ce fichier)",
        "no passphrase source: no terminal and no passphrase file (pass --passphrase-file FILE or set ABRI_PASSPHRASE_FILE)":
            "aucune phrase secrète : ni terminal, ni fichier de phrase secrète (indiquez --passphrase-file FICHIER ou la variable ABRI_PASSPHRASE_FILE)",
        "the two passphrases differ (run the command again and type the same passphrase twice)":
            "les deux phrases secrètes sont différentes (relancez la commande et tapez deux fois la même phrase secrète)",
        "cannot read %@: %@ (check it and try again)":
            "impossible de lire %@ : %@ (vérifiez-le et réessayez)",
        "the passphrase from %@ is longer than %@ bytes (use a shorter one)":
            "la phrase secrète fournie par %@ dépasse %@ octets (choisissez-en une plus courte)",
        "%@ starts with a byte-order mark (save it as UTF-8 without BOM)":
            "%@ commence par une marque d'ordre des octets (enregistrez-le en UTF-8 sans BOM)",
        "the passphrase from %@ is empty (%@)":
            "la phrase secrète fournie par %@ est vide (%@)",
        "the passphrase from %@ is not UTF-8 text (save it as UTF-8)":
            "la phrase secrète fournie par %@ n'est pas du texte UTF-8 (enregistrez-la en UTF-8)",
        "this destroys data and no terminal can confirm it (run it in a terminal, or pass --yes)":
            "cette commande détruit des données et aucun terminal ne peut la confirmer (lancez-la dans un terminal, ou ajoutez --yes)",
        "not confirmed; nothing was changed (type yes to go on, or pass --yes)":
            "non confirmé ; rien n'a été modifié (tapez oui pour continuer, ou ajoutez --yes)",
        "--years must be zero or more":
            "--years doit valoir zéro ou plus",
        "the demo failed in “%@”: %@ (this is a bug; please report it)":
            "la démonstration a échoué à l'étape « %@ » : %@ (c'est une anomalie ; merci de la signaler)",
        "cannot create a temporary folder under %@ (check $TMPDIR)":
            "impossible de créer un dossier temporaire dans %@ (vérifiez $TMPDIR)",
        "%@ was not refused":
            "%@ n'a pas été refusé",
        "cannot write the demo's attachment in its temporary folder (check $TMPDIR)":
            "impossible d'écrire la pièce jointe de la démonstration dans son dossier temporaire (vérifiez $TMPDIR)",
        "%@ does not exist (check the path; nothing was written)":
            "%@ n'existe pas (vérifiez le chemin ; rien n'a été écrit)",
        "%@ is a folder, not a report (nothing was written)":
            "%@ est un répertoire, pas un signalement (rien n'a été écrit)",
        "%@ cannot be read (check its permissions; nothing was written)":
            "%@ ne peut pas être lu (vérifiez ses droits ; rien n'a été écrit)",
        "name at least one report file":
            "indiquez au moins un fichier de signalement",
        "attachments go with a single report (deposit the others separately)":
            "les pièces jointes vont avec un seul signalement (déposez les autres séparément)",
        "standard input holds one report":
            "l'entrée standard ne contient qu'un signalement",
        "%@ already exists (choose another path; nothing was written)":
            "%@ existe déjà (choisissez un autre chemin ; rien n'a été écrit)",
        "unknown --kind (use landlord, legal-aid or association)":
            "--kind inconnu (utilisez landlord, legal-aid ou association)",
        "this identity is neither the administrator nor a member of this vault (ask your administrator to enrol you)":
            "cette identité n'est ni l'administrateur ni un membre de ce coffre (demandez à votre administrateur de vous enrôler)",
        "--accept-restore needs the administrator's identity (--as)":
            "--accept-restore demande l'identité de l'administrateur (--as)",
        "only the administrator may accept a restore (pass the administrator identity with --as)":
            "seul l'administrateur peut accepter une restauration (indiquez l'identité de l'administrateur avec --as)",
        "verification failed: %@ (restore the vault from a backup, or run `abri verify --accept-restore --as ADMIN` if you restored one on purpose)":
            "la vérification a échoué : %@ (restaurez le coffre depuis une sauvegarde, ou lancez `abri verify --accept-restore --as ADMIN` si vous en avez restauré une volontairement)",
        "the vault's header is damaged (restore the vault from a backup)":
            "l'en-tête du coffre est endommagé (restaurez le coffre depuis une sauvegarde)",
        "the roster's signature does not check out: the vault was altered (run `abri verify`)":
            "la signature du registre des membres n'est pas valide : le coffre a été modifié (lancez `abri verify`)",
        "the roster belongs to another vault or version: the vault was altered (run `abri verify`)":
            "le registre des membres appartient à un autre coffre ou à une autre version : le coffre a été modifié (lancez `abri verify`)",
        "no vault at %@ (check the path and --vault or $ABRI_VAULT; only for a new vault, create it with `abri init`)":
            "aucun coffre à l'emplacement %@ (vérifiez le chemin, --vault ou $ABRI_VAULT ; seulement pour un nouveau coffre, créez-le avec `abri init`)",
        "the vault at %@ cannot be read (check its permissions)":
            "le coffre %@ ne peut pas être lu (vérifiez ses droits)",
        "log entry %@ is not signed by the member it names: the vault was altered (run `abri verify`)":
            "l'entrée %@ du journal n'est pas signée par le membre qu'elle nomme : le coffre a été modifié (lancez `abri verify`)",
        "record %@ of this case is missing from the store: the vault was altered (run `abri verify`)":
            "la fiche %@ de ce dossier manque au coffre : le coffre a été modifié (lancez `abri verify`)",
        "record %@ of this case is out of its place: the vault was altered (run `abri verify`)":
            "la fiche %@ de ce dossier n'est plus à sa place : le coffre a été modifié (lancez `abri verify`)",
        "a log entry has grown past its largest size (shorten the consent text or purpose)":
            "une entrée du journal dépasse sa taille maximale (raccourcissez le texte du consentement ou le motif)",
        "the administrator reads no household reference (ask a partner that holds the household's cases for its extract)":
            "l'administrateur ne lit aucune référence de foyer (demandez l'extrait à un partenaire qui détient les dossiers du foyer)",
        "the log's tag index differs from the tags inside its entries: an entry was hidden from its readers (or one was added)":
            "l'index des étiquettes du journal diffère des étiquettes de ses entrées : une entrée a été cachée à ses lecteurs (ou ajoutée)",
        "log entry %@ is not a well-formed entry":
            "l'entrée %@ du journal est mal formée",
        "%@ is not an abri vault (check --vault)":
            "%@ n'est pas un coffre abri (vérifiez --vault)",
        "%@ is a vault of format %@, which this version of abri does not read (it reads format %@; create a new vault with `abri init`)":
            "%@ est un coffre au format %@, que cette version d'abri ne lit pas (elle lit le format %@ ; créez un nouveau coffre avec `abri init`)",
        "a file already exists at %@ (choose another --vault)":
            "un fichier existe déjà à l'emplacement %@ (choisissez un autre --vault)",
        "cannot create the vault at %@ (check the folder exists and is writable)":
            "impossible de créer le coffre %@ (vérifiez que le dossier existe et qu'on peut y écrire)",
        "%@ already exists (choose another --out)":
            "%@ existe déjà (choisissez un autre --out)",
        "the vault is busy with another command (try again in a moment)":
            "le coffre est occupé par une autre commande (réessayez dans un instant)",
        "the disk is full; nothing was changed (free some space and try again)":
            "le disque est plein ; rien n'a été modifié (libérez de la place et réessayez)",
        "the vault cannot be written; nothing was changed (check the disk and the file's permissions)":
            "impossible d'écrire dans le coffre ; rien n'a été modifié (vérifiez le disque et les droits du fichier)",
        "the vault file is damaged (restore it from a backup)":
            "le fichier du coffre est endommagé (restaurez-le depuis une sauvegarde)",
        "unexpected database error %@ (please report it)":
            "erreur inattendue de la base de données %@ (merci de la signaler)",
        "cannot create %@ %@: %@ (check the directory; nothing was written)":
            "impossible de créer %@ %@ : %@ (vérifiez le dossier ; rien n'a été écrit)",
        "cannot set the mode of %@: %@ (nothing was written)":
            "impossible de régler les droits de %@ : %@ (rien n'a été écrit)",
        "cannot flush %@ to disk: %@ (nothing was written)":
            "impossible d'écrire %@ sur le disque : %@ (rien n'a été écrit)",
        "cannot close %@: %@ (nothing was written)":
            "impossible de fermer %@ : %@ (rien n'a été écrit)",
        "cannot write %@: %@ (free some space; nothing was written)":
            "impossible d'écrire %@ : %@ (libérez de la place ; rien n'a été écrit)",
        "the name is longer than 255 bytes (choose a shorter one)":
            "le nom dépasse 255 octets (choisissez-en un plus court)",
        "the name holds a control character (use letters, digits and spaces)":
            "le nom contient un caractère de contrôle (utilisez des lettres, des chiffres et des espaces)",
        "cannot read the identity file %@: %@ (check the path)":
            "impossible de lire le fichier d'identité %@ : %@ (vérifiez le chemin)",
        "the identity file is damaged (%@)":
            "le fichier d'identité est endommagé (%@)",
        "wrong passphrase (type it again, and check that this is your identity file)":
            "phrase secrète incorrecte (tapez-la à nouveau, et vérifiez qu'il s'agit bien de votre fichier d'identité)",
        "that public identity is mistyped or damaged (copy it again from `abri identity show`)":
            "cette identité publique est mal recopiée ou endommagée (copiez-la à nouveau depuis `abri identity show`)",
        "the vault's roster is damaged (restore the vault from a backup)":
            "le registre des membres du coffre est endommagé (restaurez le coffre depuis une sauvegarde)",
        "there is no partner \"%@\" (see `abri partner list`)":
            "il n'y a pas de partenaire « %@ » (voyez `abri partner list`)",
        "%@ is not a date (write YYYY-MM-DD or DD/MM/YYYY)":
            "%@ n'est pas une date (écrivez AAAA-MM-JJ ou JJ/MM/AAAA)",
        "%@ is not an existing folder (create it first; nothing was written)":
            "%@ n'est pas un répertoire existant (créez-le d'abord ; rien n'a été écrit)",
        "%@ already exists (choose an empty folder; nothing was written)":
            "%@ existe déjà (choisissez un répertoire vide ; rien n'a été écrit)",
        "cannot create %@ (check the folder; nothing was written)":
            "impossible de créer %@ (vérifiez le répertoire ; rien n'a été écrit)",
        "writing %@ failed (check the disk space)":
            "l'écriture de %@ a échoué (vérifiez la place sur le disque)",
        "%@ is a folder, not a file (name a file; nothing was written)":
            "%@ est un répertoire, pas un fichier (indiquez un fichier ; rien n'a été écrit)",
        "reading %@ failed (check the disk; nothing was written)":
            "la lecture de %@ a échoué (vérifiez le disque ; rien n'a été écrit)",
        "an attachment failed its integrity check: the vault was altered (run `abri verify`)":
            "une pièce jointe n'a pas passé le contrôle d'intégrité : le coffre a été modifié (lancez `abri verify`)",
        "writing an attachment failed (check the disk space)":
            "l'écriture d'une pièce jointe a échoué (vérifiez la place sur le disque)",
        "cannot create %@ (check the vault folder's permissions; nothing was changed)":
            "impossible de créer %@ (vérifiez les droits du dossier du coffre ; rien n'a été modifié)",
        "cannot write into %@ (check the disk and its permissions; nothing was changed)":
            "impossible d'écrire dans %@ (vérifiez le disque et ses droits ; rien n'a été modifié)",
        "cannot sync %@ (check the disk; nothing was changed)":
            "impossible de synchroniser %@ (vérifiez le disque ; rien n'a été modifié)",
        "%@ changed while it was read (try again once it is complete; nothing was written)":
            "%@ a changé pendant sa lecture (réessayez une fois le fichier complet ; rien n'a été écrit)",
        "writing an attachment into the vault failed (check the disk space; nothing was changed)":
            "l'écriture d'une pièce jointe dans le coffre a échoué (vérifiez la place sur le disque ; rien n'a été modifié)",
        "an attachment is missing from the vault (was its case shredded meanwhile? run `abri verify`)":
            "une pièce jointe manque au coffre (son dossier a-t-il été détruit entre-temps ? lancez `abri verify`)",
        "an attachment file is missing from %@ (run `abri verify`; %@)":
            "un fichier de pièce jointe manque dans %@ (lancez `abri verify` ; %@)",
        "an attachment file in %@ is cut short (run `abri verify`; %@)":
            "un fichier de pièce jointe dans %@ est tronqué (lancez `abri verify` ; %@)",
        "the backup was not made": "la sauvegarde n'a pas été faite",
        "partner %@ never receives locating parts (grant it the general part only: --to instead of --locating-to)":
            "le partenaire %@ ne reçoit jamais la partie localisante (ne lui accordez que la partie générale : --to au lieu de --locating-to)",
        "sharing with another partner needs the victim's consent (add --consent TEXT [--until DATE], or --without-consent REASON)":
            "partager avec un autre partenaire demande le consentement de la victime (ajoutez --consent TEXTE [--until DATE], ou --without-consent MOTIF)",
        "the consent's end date %@ is in the past (give a date from today on)":
            "la date de fin du consentement %@ est passée (indiquez une date à partir d'aujourd'hui)",
        "partner %@ has no enrolled member yet, so nobody could read what it receives (ask your administrator to enrol one)":
            "le partenaire %@ n'a encore aucun membre enrôlé : personne ne pourrait lire ce qu'il reçoit (demandez à votre administrateur d'en enrôler un)",
        "a stored record failed its integrity check: the vault was altered (run `abri verify`)":
            "une fiche enregistrée n'a pas passé le contrôle d'intégrité : le coffre a été modifié (lancez `abri verify`)",
        "%@ must hold one JSON object (nothing was written)":
            "%@ doit contenir un seul objet JSON (rien n'a été écrit)",
        "in %@, `locating` must be an object (nothing was written)":
            "dans %@, `locating` doit être un objet (rien n'a été écrit)",
        "in %@, `consent` must be an object with a `ref` (nothing was written)":
            "dans %@, `consent` doit être un objet avec une `ref` (rien n'a été écrit)",
        "in %@, `%@` is a locating field outside `locating` (move it into the `locating` object; nothing was written)":
            "dans %@, `%@` est un champ localisant hors de `locating` (déplacez-le dans l'objet `locating` ; rien n'a été écrit)",
        "the consent reference or reason is longer than 4096 bytes (shorten it, or cite the document that holds it)":
            "la référence du consentement ou le motif dépasse 4096 octets (raccourcissez-le, ou citez le document qui le contient)",
        "this case has grown past what one grant can hold (open a new case for new records)":
            "ce dossier dépasse ce qu'une autorisation peut contenir (ouvrez un nouveau dossier pour les nouvelles fiches)",
        "partner %@ is your own partner, which already holds the case (name another partner)":
            "le partenaire %@ est le vôtre, il détient déjà le dossier (indiquez un autre partenaire)",
        "the bundle is damaged or truncated (ask for it to be exported again)":
            "le paquet est endommagé ou incomplet (demandez qu'il soit exporté à nouveau)",
        "%@ already exists (choose another --out; nothing was written)":
            "%@ existe déjà (choisissez un autre --out ; rien n'a été écrit)",
        "partner %@ never receives locating parts (export with --to instead of --locating-to)":
            "le partenaire %@ ne reçoit jamais la partie localisante (exportez avec --to au lieu de --locating-to)",
        "partner %@ has no enrolled member to address the bundle to (ask your administrator)":
            "le partenaire %@ n'a aucun membre enrôlé à qui adresser le paquet (demandez à votre administrateur)",
        "cannot create %@: it exists or the folder is not writable (nothing was written)":
            "impossible de créer %@ : il existe déjà ou on ne peut pas écrire dans le dossier (rien n'a été écrit)",
        "writing %@ failed (check the disk space; nothing was left behind)":
            "l'écriture de %@ a échoué (vérifiez la place sur le disque ; rien n'a été laissé)",
        "%@ does not exist or cannot be read (check the path)":
            "%@ n'existe pas ou ne peut pas être lu (vérifiez le chemin)",
        "this bundle is not addressed to you (ask for it to be exported to your partner)":
            "ce paquet ne vous est pas adressé (demandez qu'il soit exporté vers votre partenaire)",
        "the bundle's signature does not check out: it was forged or altered (do not use it)":
            "la signature du paquet n'est pas valide : il a été falsifié ou modifié (ne l'utilisez pas)",
        "this bundle was already imported (nothing was written)":
            "ce paquet a déjà été importé (rien n'a été écrit)",
        "this bundle's case was shredded here and cannot come back (nothing was written)":
            "le dossier de ce paquet a été détruit ici et ne peut pas revenir (rien n'a été écrit)",
        "your partner neither shared this case with that partner nor wrote any of its records (ask the partner that shared it, or the administrator)":
            "votre partenaire n'a ni partagé ce dossier avec ce partenaire, ni écrit l'une de ses fiches (demandez au partenaire qui l'a partagé, ou à l'administrateur)",
        "partner %@ is your own partner (name the partner whose access ends)":
            "le partenaire %@ est le vôtre (indiquez le partenaire dont l'accès prend fin)",
        "a grant is damaged: the vault was altered (run `abri verify`)":
            "un accès est endommagé : le coffre a été modifié (lancez `abri verify`)",
        "only this vault's administrator may do this (use the administrator's identity with --as)":
            "seul l'administrateur de ce coffre peut faire cela (utilisez l'identité de l'administrateur avec --as)",
        "the partner name is empty (give --name)":
            "le nom du partenaire est vide (indiquez --name)",
        "partner %@ already exists (see `abri partner list`)":
            "le partenaire %@ existe déjà (voyez `abri partner list`)",
        "that partner id is not allowed (use lower-case letters, digits and dashes, such as cidff-62)":
            "cet identifiant de partenaire n'est pas permis (utilisez des minuscules, des chiffres et des tirets, comme cidff-62)",
        "that member name is empty or has a slash (give --name without a slash)":
            "ce nom de membre est vide ou contient une barre oblique (indiquez --name sans barre oblique)",
        "the administrator's identity cannot be a member (enrol the person's own identity)":
            "l'identité de l'administrateur ne peut pas être membre (enrôlez l'identité propre de la personne)",
        "partner %@ already has a member named %@ (choose another name)":
            "le partenaire %@ a déjà un membre nommé %@ (choisissez un autre nom)",
        "that identity is already a member of %@":
            "cette identité est déjà membre de %@",
        "partner %@ has no member named %@ (see `abri partner list`)":
            "le partenaire %@ n'a aucun membre nommé %@ (voyez `abri partner list`)",
        "%@ is the last member of %@, whose cases would be lost (enrol another member first)":
            "%@ est le dernier membre de %@, dont les dossiers seraient perdus (enrôlez d'abord un autre membre)",
        "%@ still holds keys that no other member of %@ holds, because a re-seal is pending: removing them now would lose the partner's cases (ask %@, or any member who held the partner's keys before the last change, to run one command such as `abri cases` first; it re-seals them)":
            "%1$@ détient encore des clés qu'aucun autre membre de %2$@ ne détient, car un re-scellement est en attente : le retirer maintenant ferait perdre les dossiers du partenaire (demandez d'abord à %3$@, ou à tout membre qui détenait les clés du partenaire avant le dernier changement, de lancer une commande comme `abri cases` ; elle les re-scelle)",
        "partner %@ has no member to hold new keys (enrol a member first)":
            "le partenaire %@ n'a aucun membre pour détenir de nouvelles clés (enrôlez d'abord un membre)",
        "you were removed from this vault's partners (ask your administrator)":
            "votre identité a été retirée des partenaires de ce coffre (demandez à votre administrateur)",
        "the administrator holds no key that opens a case (act as a member of a partner)":
            "l'administrateur ne détient aucune clé qui ouvre un dossier (agissez en tant que membre d'un partenaire)",
        "this identity is not a member of any partner of this vault (ask your administrator to enrol you)":
            "cette identité n'est membre d'aucun partenaire de ce coffre (demandez à votre administrateur de vous enrôler)",
        "nobody called %@ waits for approval at %@ (see `abri partner list`)":
            "personne du nom de %@ n'attend d'approbation chez %@ (voyez `abri partner list`)",
        "%@ is already approved at %@ (nothing to do)":
            "l'approbation de %@ chez %@ est déjà faite (rien à faire)",
        "the roster does not say when %@ was enrolled: the vault was altered (run `abri verify`)":
            "la liste des membres ne dit pas quand l'enrôlement de %@ a eu lieu : le coffre a été modifié (lancez `abri verify`)",
        "that identity is already a member of %@, and nobody belongs both to a partner that never receives locating parts and to one that does (enrol the person in one of them only)":
            "cette identité est déjà membre de %@, et personne n'appartient à la fois à un partenaire qui ne reçoit jamais de partie localisante et à un qui en reçoit (enrôlez la personne dans l'un des deux seulement)",
        "that identity is already a member of %@ (if the person really works for both, pass --also-member-of-another-partner)":
            "cette identité est déjà membre de %@ (si la personne travaille vraiment pour les deux, ajoutez --also-member-of-another-partner)",
        "the roster changed since the fingerprint was shown (run the command again)":
            "la liste des membres a changé depuis l'affichage de l'empreinte (relancez la commande)",
        "your colleagues at %@ have not approved you yet (ask one of them to run `abri member approve %@ %@`)":
            "les membres de %@ n'ont pas encore approuvé votre identité (demandez à l'un d'eux de lancer `abri member approve %@ %@`)",
        "you are not a member of partner \"%@\" (see `abri partner list`)":
            "vous n'êtes pas membre du partenaire « %@ » (voyez `abri partner list`)",
        "you are a member of several partners: %@ (say which with --partner)":
            "vous êtes membre de plusieurs partenaires : %@ (précisez lequel avec --partner)",
        "no key of partner %@ is sealed to you yet (ask your administrator)":
            "aucune clé du partenaire %@ ne vous est encore scellée (demandez à votre administrateur)",
        "the log holds %@ entries where its last signed head counts %@: entries were removed or added outside abri (run `abri verify`)":
            "nombre d'entrées du journal : %@, alors que sa dernière tête signée en compte %@ : des entrées ont été retirées ou ajoutées hors d'abri (lancez `abri verify`)",
        "the log's latest head does not check out: the vault was altered (run `abri verify`)":
            "la dernière tête du journal n'est pas valide : le coffre a été modifié (lancez `abri verify`)",
        "log entry %@ is damaged: the vault was altered (run `abri verify`)":
            "l'entrée %@ du journal est endommagée : le coffre a été modifié (lancez `abri verify`)",
        "the log's frontier is damaged (run `abri verify`)":
            "la frontière du journal est endommagée (lancez `abri verify`)",
        "the record of this vault's history at %@ is damaged (move it away, then run `abri verify`)":
            "la trace de l'historique de ce coffre, %@, est endommagée (déplacez-la ailleurs, puis lancez `abri verify`)",
        "this vault's log is older than, or differs from, the one this machine saw last: it may be a restored or altered copy (run `abri verify`; an administrator accepts a restore with `abri verify --accept-restore`)":
            "le journal de ce coffre est plus ancien que celui que cette machine a vu en dernier, ou en diffère : c'est peut-être une copie restaurée ou modifiée (lancez `abri verify` ; un administrateur accepte une restauration avec `abri verify --accept-restore`)",
        "cannot write %@.lock (check that %@ is writable)":
            "impossible d'écrire %@.lock (vérifiez qu'on peut écrire dans %@)",
        "cannot write %@ (check that %@ is writable)":
            "impossible d'écrire %@ (vérifiez qu'on peut écrire dans %@)",
        "log entry %@ is missing or out of order (found entry %@ in its place)":
            "l'entrée %@ du journal manque ou n'est pas à sa place (l'entrée %@ se trouve à sa place)",
        "the head at size %@ points past the end of the log: entries were cut off":
            "la tête de taille %@ pointe au-delà de la fin du journal : des entrées ont été coupées",
        "the log's first %@ entries differ from what their signed head says: an entry was edited, removed, inserted or reordered":
            "les %@ premières entrées du journal diffèrent de ce qu'indique leur tête signée : une entrée a été modifiée, retirée, insérée ou déplacée",
        "the head at size %@ has a bad signature, or one by a log key not in force at the roster version it names":
            "la tête de taille %@ a une signature invalide, ou faite par une clé de journal qui n'était pas en vigueur à la version du registre qu'elle nomme",
        "the last entries (up to %@) are covered by no signed head: entries were added or cut outside abri":
            "les dernières entrées (jusqu'à %@) ne sont couvertes par aucune tête signée : des entrées ont été ajoutées ou coupées hors d'abri",
        "the vault's record of its log does not match the entries: the log was altered":
            "la trace que le coffre garde de son journal ne correspond pas aux entrées : le journal a été modifié",
        "the log holds %@ entries but this machine already saw %@: this is an older or altered copy":
            "nombre d'entrées du journal : %@, alors que cette machine en a déjà vu %@ : c'est une copie plus ancienne ou modifiée",
        "the log's first %@ entries differ from what this machine saw: this is an altered copy":
            "les %@ premières entrées du journal diffèrent de ce que cette machine a vu : c'est une copie modifiée",
        "log entry %@ is not signed by the member it names":
            "l'entrée %@ du journal n'est pas signée par le membre qu'elle nomme",
        "the roster cannot be read":
            "le registre des membres est illisible",
        "roster version %@ is missing":
            "la version %@ du registre des membres manque",
        "roster version %@ is not signed by the administrator":
            "la version %@ du registre des membres n'est pas signée par l'administrateur",
        "roster version %@ belongs to another vault or version":
            "la version %@ du registre des membres appartient à un autre coffre ou à une autre version",
        "generation %@ of partner %@ is not signed by its administrator or a member":
            "la génération %@ du partenaire %@ n'est signée ni par son administrateur ni par un membre",
        "the keys of partner %@ do not check out: the vault was altered (run `abri verify`)":
            "les clés du partenaire %@ ne sont pas valides : le coffre a été modifié (lancez `abri verify`)",
        "a key sealed to you does not open: the vault was altered (run `abri verify`)":
            "une clé qui vous est scellée ne s'ouvre pas : le coffre a été modifié (lancez `abri verify`)",
        "the vault's log key is not sealed to you: the vault was altered (run `abri verify`)":
            "la clé du journal du coffre ne vous est pas scellée : le coffre a été modifié (lancez `abri verify`)",
        "the vault's log key does not match its roster: the vault was altered (run `abri verify`)":
            "la clé du journal du coffre ne correspond pas à son registre des membres : le coffre a été modifié (lancez `abri verify`)",
        "no case with that id is open to you (check the id, or ask a partner who holds it to share it)":
            "aucun dossier portant cet identifiant ne vous est ouvert (vérifiez l'identifiant, ou demandez à un partenaire qui le détient de vous le partager)",
        "internal error (please report it)":
            "erreur interne (merci de la signaler)",
        "wrong length: restore it from a backup copy":
            "longueur incorrecte : restaurez-le depuis une copie de sauvegarde",
        "this file is not an Abri identity file (check the path: an identity file, such as alice.identity, is made by `abri identity new`)":
            "ce fichier n'est pas un fichier d'identité Abri (vérifiez le chemin : un fichier d'identité, comme alice.identity, est créé par `abri identity new`)",
        "unknown version: a newer Abri may read it":
            "version inconnue : une version plus récente d'Abri pourra peut-être le lire",
        "checksum mismatch: restore it from a backup copy":
            "somme de contrôle incorrecte : restaurez-le depuis une copie de sauvegarde",
        "key derivation parameters out of bounds: restore it from a backup copy":
            "paramètres de dérivation de clé hors limites : restaurez-le depuis une copie de sauvegarde",
        "the name is not UTF-8 in NFC: restore it from a backup copy":
            "le nom n'est pas en UTF-8 NFC : restaurez-le depuis une copie de sauvegarde",
        "its secret keys do not match its public identity: restore it from a backup copy":
            "ses clés secrètes ne correspondent pas à son identité publique : restaurez-le depuis une copie de sauvegarde",
        "%@ (and %@ more, see --json)":
            "%@ (et %@ de plus, voyez --json)",
        "the vault was altered":
            "le coffre a été modifié",
        "the terminal":
            "le terminal",
        "the passphrase file %@":
            "le fichier de phrase secrète %@",
        "type a passphrase":
            "tapez une phrase secrète",
        "write the passphrase on its first line":
            "écrivez la phrase secrète sur sa première ligne",
        "the report on standard input":
            "le signalement lu sur l'entrée standard",
        "an empty date":
            "une date vide",
        "the date \"%@\"":
            "la date « %@ »",
        "the identity file":
            "le fichier d'identité",
        "no such file or directory":
            "fichier ou dossier introuvable",
        "permission denied":
            "permission refusée",
        "is a directory":
            "c'est un répertoire",
        "not a directory":
            "ce n'est pas un répertoire",
        "file exists":
            "le fichier existe",
        "no space left on device":
            "plus de place sur le disque",
        "too many levels of symbolic links":
            "lien symbolique refusé",
        "read-only file system":
            "système de fichiers en lecture seule",
        "input/output error":
            "erreur d'entrée-sortie",
        "the consent this bundle was exported under ended on %@ (ask for a new export under a current consent)":
            "le consentement sous lequel ce paquet a été exporté a pris fin le %@ (demandez un nouvel export sous un consentement en cours)",
        "the bundle's exporter is not a current member of the vault it comes from (do not use it)":
            "l'exportateur du paquet n'est pas membre actuel du coffre d'où il vient (ne l'utilisez pas)",
        "this bundle is addressed to another vault (ask for it to be exported to this one)":
            "ce paquet est destiné à un autre coffre (demandez qu'il soit exporté vers celui-ci)",
        "the vault name is empty or too long (give --name)":
            "le nom du coffre est vide ou trop long (indiquez --name)",
        "the bundle's roster proof is not signed by the pinned administrator of its vault (do not use it)":
            "la liste des membres jointe au paquet n'est pas signée par l'administrateur épinglé de son coffre (ne l'utilisez pas)",
        "that administrator is already pinned as %@ (see `abri vault trusted`)":
            "cet administrateur est déjà épinglé sous le nom %@ (voyez `abri vault trusted`)",
        "a vault named %@ is already pinned (choose another --name)":
            "un coffre nommé %@ est déjà épinglé (choisissez un autre --name)",
        "this vault has no roster yet (ask your administrator)":
            "ce coffre n'a pas encore de liste des membres (demandez à votre administrateur)",
        "this bundle comes from a vault whose administrator is not pinned here (ask your administrator to run `abri vault trust`)":
            "ce paquet vient d'un coffre dont l'administrateur n'est pas épinglé ici (demandez à votre administrateur de lancer `abri vault trust`)",
        "that is this vault's own administrator (pin the other vault's administrator)":
            "c'est l'administrateur de ce coffre-ci (épinglez l'administrateur de l'autre coffre)",
        "this case is already in this vault: the bundle was exported from it (nothing was written)":
            "ce dossier est déjà dans ce coffre : le paquet en a été exporté (rien n'a été écrit)",
        "partner %@ never receives locating parts (ask for an export without them)":
            "le partenaire %@ ne reçoit jamais la partie localisante (demandez un export sans elle)",
        "a stored roster of another vault failed its signature: the vault was altered (run `abri verify`)":
            "une liste des membres d'un autre coffre conservée ici a une signature invalide : le coffre a été modifié (lancez `abri verify`)",
        "no vault is pinned here yet (ask your administrator to run `abri vault trust`)":
            "aucun coffre n'est encore épinglé ici (demandez à votre administrateur de lancer `abri vault trust`)",
        "no pinned vault is named %@ (pinned: %@)":
            "aucun coffre épinglé ne s'appelle %@ (épinglés : %@)",
        "%@ is not UTF-8 text at line %@, column %@: it looks like Latin-1 (save it as UTF-8 in your editor; nothing was written)":
            "%@ n'est pas un texte UTF-8 (ligne %@, colonne %@) : il semble en Latin-1 (enregistrez-le en UTF-8 dans votre éditeur ; rien n'a été écrit)",
        "%@ is not UTF-8 text at line %@, column %@ (save it as UTF-8; nothing was written)":
            "%@ n'est pas un texte UTF-8 (ligne %@, colonne %@) (enregistrez-le en UTF-8 ; rien n'a été écrit)",
        "%@ is not valid JSON at line %@, column %@: %@ (fix it; nothing was written)":
            "%@ n'est pas du JSON valide, ligne %@, colonne %@ : %@ (corrigez-le ; rien n'a été écrit)",
        "the JSON ends too early":
            "le JSON s'arrête trop tôt",
        "unexpected `%@`":
            "`%@` inattendu",
        "JSON has no comments":
            "le JSON n'admet pas de commentaire",
        "a comma before a closing bracket or brace":
            "une virgule avant un crochet ou une accolade fermante",
        "the key `%@` appears twice":
            "la clé `%@` figure deux fois",
        "an invalid escape in a string":
            "un échappement invalide dans une chaîne",
        "a control character inside a string":
            "un caractère de contrôle dans une chaîne",
        "an invalid number":
            "un nombre invalide",
        "nesting too deep":
            "trop de niveaux imbriqués",
        "more after the JSON object":
            "du texte après l'objet JSON",
        "in %@, the report names no `type` (add one: signalement, note, relogement or suivi-juridique; nothing was written)":
            "dans %@, la fiche n'a pas de `type` (ajoutez-en un : signalement, note, relogement ou suivi-juridique ; rien n'a été écrit)",
        "in %@, `%@` must be a reference of at most 256 bytes (nothing was written)":
            "dans %@, `%@` doit être une référence de 256 octets au plus (rien n'a été écrit)",
        "in %@, the report names no household (add `menage`, the landlord's reference of the victim's household; nothing was written)":
            "dans %@, la fiche ne nomme pas de ménage (ajoutez `menage`, la référence du ménage de la victime chez le bailleur ; rien n'a été écrit)",
        "in %@, `%@` is not a field of the report schema (accepted here: %@; see abri report template; nothing was written)":
            "dans %@, `%@` n'est pas un champ du schéma des fiches (acceptés ici : %@ ; voyez abri report template ; rien n'a été écrit)",
        "in %@, `%@` and `%@` are the same field (keep one; nothing was written)":
            "dans %@, `%@` et `%@` sont le même champ (gardez-en un ; rien n'a été écrit)",
        "in %@, `%@` must be %@ (nothing was written)":
            "dans %@, `%@` doit être %@ (rien n'a été écrit)",
        "text":
            "du texte",
        "a whole number":
            "un nombre entier",
        "true or false":
            "true ou false",
        "a list":
            "une liste",
        "an object":
            "un objet",
        "a whole number or a list":
            "un nombre entier ou une liste",
        "in %@, `%@` must be one of: %@ (nothing was written)":
            "dans %@, `%@` doit être l'une de ces valeurs : %@ (rien n'a été écrit)",
        "in %@, `%@` holds %@ (move this passage into locating.notes; nothing was written)":
            "dans %@, `%@` contient %@ (déplacez ce passage dans locating.notes ; rien n'a été écrit)",
        "a phone number":
            "un numéro de téléphone",
        "an e-mail address":
            "une adresse électronique",
        "a postcode with a town":
            "un code postal suivi d'une ville",
        "a street address":
            "une adresse",
        "--reveal needs --purpose with the reason, which the log keeps (e.g. --purpose \"audience JAF\")":
            "--reveal demande --purpose et son motif, que le journal garde (par exemple --purpose \"audience JAF\")",
        "unknown report type %@: use signalement, relogement, note or suivi-juridique":
            "type de fiche inconnu %@ : signalement, relogement, note ou suivi-juridique",
    ]
}
