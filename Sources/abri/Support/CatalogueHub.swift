/// The French of what a copy of a hub's vault says: `clone`, `sync`, `status`, `init --hub`, `verify --hub`, and the
/// errors of the hub's traffic (Docs/FORMAT.md §7).
extension Catalogue {
    static let hub: [String: String] = [
        // Errors.
        "a changed row could not be encoded: %@": "une ligne modifiée n'a pas pu être encodée : %@",
        "a changed row could not be read": "une ligne modifiée n'a pas pu être lue",
        "a changed row of an unknown table": "une ligne modifiée d'une table inconnue",
        "a changed value could not be read": "une valeur modifiée n'a pas pu être lue",
        "a changed value of a type the vault does not use": "une valeur modifiée d'un type que le coffre n'emploie pas",
        "nothing was sent": "rien n'a été envoyé",
        "the change recorder could not start (SQLite error %@)": "l'enregistreur des modifications n'a pas pu démarrer (erreur SQLite %@)",
        "the changed rows could not be read (SQLite error %@)": "les lignes modifiées n'ont pas pu être lues (erreur SQLite %@)",
        "a vault id is 32 hex digits (ask the administrator, or run `abri status` where the vault is)":
            "un identifiant de coffre compte 32 chiffres hexadécimaux (demandez-le à l'administrateur, ou lancez `abri status` là où se trouve le coffre)",
        "a hub is reached over https, or plain http on this machine only (127.0.0.1, ::1 or localhost)":
            "un hub se joint en https, ou en http simple sur cette machine seulement (127.0.0.1, ::1 ou localhost)",
        "that hub address is not a URL such as https://hub.example.org (check --hub)":
            "cette adresse de hub n'est pas une URL comme https://hub.exemple.fr (vérifiez --hub)",
        "the hub already holds a vault with this id (clone it with `abri clone` instead)":
            "le hub détient déjà un coffre de cet identifiant (copiez-le plutôt avec `abri clone`)",
        "the hub answered %@; nothing was changed (check the hub's address)":
            "le hub a répondu %@ ; rien n'a été modifié (vérifiez l'adresse du hub)",
        "the hub at %@ cannot be reached; nothing was changed (reads still work on this machine's copy: try again when the network is back)":
            "le hub %@ est injoignable ; rien n'a été modifié (la lecture fonctionne toujours sur la copie de cette machine : réessayez quand le réseau sera revenu)",
        "the hub holds no vault with this id (check the address and the vault id)":
            "le hub ne détient aucun coffre de cet identifiant (vérifiez l'adresse et l'identifiant du coffre)",
        "the change is too large for the hub (an attachment of several hundred MiB); nothing was changed (send that case as a bundle with `abri export`)":
            "la modification est trop grande pour le hub (une pièce jointe de plusieurs centaines de Mio) ; rien n'a été modifié (envoyez ce dossier en paquet avec `abri export`)",
        "the hub is busy or failing; nothing was changed (try again in a moment)":
            "le hub est occupé ou en panne ; rien n'a été modifié (réessayez dans un moment)",
        "the hub refused the change (%@): nothing was changed (run `abri verify`)":
            "le hub a refusé la modification (%@) : rien n'a été modifié (lancez `abri verify`)",
        "the hub refused this identity: only the vault's administrator and its current members may use it (check --as)":
            "le hub a refusé cette identité : seuls l'administrateur du coffre et ses membres actuels peuvent l'utiliser (vérifiez --as)",
        "the hub sent a damaged answer: nothing was changed (try again; if it goes on, tell the administrator)":
            "le hub a envoyé une réponse endommagée : rien n'a été modifié (réessayez ; si cela continue, prévenez l'administrateur)",
        "the hub sent a damaged head (run `abri verify --hub`)": "le hub a envoyé une tête endommagée (lancez `abri verify --hub`)",
        "the hub sent a damaged page of changes: nothing was changed (run `abri verify --hub`)":
            "le hub a envoyé une page de modifications endommagée : rien n'a été modifié (lancez `abri verify --hub`)",
        "--as must be the identity file of the administrator named by --admin":
            "--as doit être le fichier d'identité de l'administrateur désigné par --admin",
        "--hub needs the administrator's identity to sign the creation (pass --as FILE)":
            "--hub demande l'identité de l'administrateur pour signer la création (indiquez --as FICHIER)",
        "the hub announced more changes and sent none (run `abri verify --hub`)":
            "le hub a annoncé d'autres modifications sans en envoyer (lancez `abri verify --hub`)",
        "the hub changed the access log, its signed heads or the roster that this machine already holds: nothing was changed (tell the administrator)":
            "le hub a modifié le journal des accès, ses têtes signées ou le registre que cette machine détient déjà : rien n'a été modifié (prévenez l'administrateur)",
        "the hub is behind this machine's copy: it was restored from an older copy or replaced (nothing was changed; tell the administrator)":
            "le hub est en retard sur la copie de cette machine : il a été restauré depuis une copie plus ancienne ou remplacé (rien n'a été modifié ; prévenez l'administrateur)",
        "the hub sent a row this vault cannot hold: nothing was changed (run `abri verify --hub`)":
            "le hub a envoyé une ligne que ce coffre ne peut pas contenir : rien n'a été modifié (lancez `abri verify --hub`)",
        "the hub sent another vault or another administrator for this one: nothing was changed (run `abri verify --hub`)":
            "le hub a envoyé un autre coffre ou un autre administrateur pour celui-ci : rien n'a été modifié (lancez `abri verify --hub`)",
        "the hub sent another vault than the one asked for: nothing was changed (check the vault id)":
            "le hub a envoyé un autre coffre que celui demandé : rien n'a été modifié (vérifiez l'identifiant du coffre)",
        "the hub's copy of this vault has no header (run `abri verify --hub`)":
            "la copie de ce coffre sur le hub n'a pas d'en-tête (lancez `abri verify --hub`)",
        "this vault is not a replica of a hub (see `abri status`)": "ce coffre n'est pas une copie d'un hub (voyez `abri status`)",
        "a REAL value in the vault, which its schema never stores": "une valeur REAL dans le coffre, que son schéma ne stocke jamais",
        "the hub sent a row of a table this vault does not have (run `abri verify --hub`)":
            "le hub a envoyé une ligne d'une table que ce coffre n'a pas (lancez `abri verify --hub`)",
        "the hub stayed busy with other machines' changes; nothing was changed (try again in a moment)":
            "le hub est resté occupé par les modifications d'autres machines ; rien n'a été modifié (réessayez dans un moment)",
        "a replica's change has nobody to sign it": "la modification d'une copie n'a personne pour la signer",
        "--hub needs an identity to sign the requests (pass --as FILE)":
            "--hub demande une identité pour signer les requêtes (indiquez --as FICHIER)",
        "this vault is not a copy of a hub's vault (`abri clone` makes one)":
            "ce coffre n'est pas une copie du coffre d'un hub (`abri clone` en fait une)",
        "the hub's latest signed head differs from the one here: the hub was rolled back or altered":
            "la dernière tête signée du hub diffère de celle d'ici : le hub a été ramené en arrière ou modifié",

        // Sentences and option help.
        "Make a copy of a hub's vault on this machine, kept in step with the hub.":
            "Faire sur cette machine une copie du coffre d'un hub, tenue à jour avec le hub.",
        "The hub's address (https://…, or http://127.0.0.1:PORT on this machine).":
            "L'adresse du hub (https://…, ou http://127.0.0.1:PORT sur cette machine).",
        "The vault's id, 32 hex digits (`abri status` on a machine that has it).":
            "L'identifiant du coffre, 32 chiffres hexadécimaux (`abri status` sur une machine qui l'a).",
        "Vault copied from the hub to %@ (%@); every command keeps it in step.":
            "Coffre copié depuis le hub dans %@ (%@) ; chaque commande le tient à jour.",
        "vault-id": "id-coffre",
        "url": "url",
        "Create the vault on this hub and keep this file as this machine's copy.":
            "Créer le coffre sur ce hub et garder ce fichier comme copie de cette machine.",
        "Vault %@ created on the hub %@, with this machine's copy at %@. Other machines: `abri clone %@ %@`.":
            "Coffre %@ créé sur le hub %@, avec la copie de cette machine dans %@. Autres machines : `abri clone %@ %@`.",
        "With --hub: the administrator's identity file, which signs the creation.":
            "Avec --hub : le fichier d'identité de l'administrateur, qui signe la création.",
        "Say which vault this machine uses, its hub, and how fresh its copy is.":
            "Dire quel coffre cette machine utilise, son hub, et de quand date sa copie.",
        "The vault file (else $ABRI_VAULT, else the XDG default).":
            "Le fichier du coffre (sinon $ABRI_VAULT, sinon l'emplacement XDG par défaut).",
        "cursor: %@": "curseur : %@",
        "hub: %@": "hub : %@",
        "hub: none (a vault file of this machine alone)": "hub : aucun (un fichier de coffre de cette seule machine)",
        "id: %@": "identifiant : %@",
        "last sync: %@": "dernière synchronisation : %@",
        "attachments: fetched from the hub when opened": "pièces jointes : demandées au hub à l'ouverture",
        "attachments: all kept on this machine": "pièces jointes : toutes gardées sur cette machine",
        "mirrored (every attachment kept here, the default) or on-demand (fetched from the hub when opened).":
            "mirrored (toutes les pièces jointes gardées ici, par défaut) ou on-demand (demandées au hub à l'ouverture).",
        "mode": "mode",
        "--attachments takes mirrored or on-demand": "--attachments prend mirrored ou on-demand",
        "the hub sent a damaged attachment: nothing was opened (run `abri verify --hub`)":
            "le hub a envoyé une pièce jointe abîmée : rien n'a été ouvert (lancez `abri verify --hub`)",
        "vault: %@": "coffre : %@",
        "Bring the hub's changes into this machine's copy of the vault now.":
            "Faire entrer maintenant les modifications du hub dans la copie du coffre de cette machine.",
        "Up to date with the hub (%@ received).": "À jour avec le hub (reçu : %@).",
        "The hub cannot be reached: this machine's copy of the vault is as of %@.":
            "Le hub est injoignable : la copie du coffre de cette machine date du %@.",
        "On a copy of a hub's vault: pull, then check that the hub's latest signed head is this machine's.":
            "Sur une copie du coffre d'un hub : récupérer ses modifications, puis vérifier que la dernière tête signée du hub est celle de cette machine.",

        // Help.
        """
        The copy is an ordinary vault file: every command works on it, and each one that writes sends its changes to \
        the hub before they count. The hub serves only the administrator and the vault's current members: act as one \
        with --as. The first copy of a vault on a machine trusts the hub's latest signed head; check it against the \
        administrator's exported checkpoint with `abri verify --checkpoint FILE`.

        --attachments on-demand keeps attachments out of the copy and fetches each one from the hub when it is \
        opened: a smaller copy, but the hub then learns which attachment (and so which case) this machine's members \
        open, and when. Mirrored, the default, tells it nothing of the kind.

        Example:
          abri clone https://hub.example.org 5f0c…e1 --as me.identity
        Exit codes: 64 for a bad address or vault id, 73 when the vault file exists, 75 when the hub cannot be reached, \
        77 when the hub refuses the identity, 65 when what the hub sends does not check out (nothing is kept).
        """:
        """
        La copie est un fichier de coffre ordinaire : toutes les commandes fonctionnent dessus, et chacune de celles qui \
        écrivent envoie ses modifications au hub avant qu'elles ne comptent. Le hub ne sert que l'administrateur et les \
        membres actuels du coffre : agissez comme l'un d'eux avec --as. La première copie d'un coffre sur une machine \
        fait confiance à la dernière tête signée du hub ; comparez-la au point de contrôle exporté par l'administrateur \
        avec `abri verify --checkpoint FICHIER`.

        --attachments on-demand laisse les pièces jointes hors de la copie et va chercher chacune au hub quand on \
        l'ouvre : une copie plus petite, mais le hub apprend alors quelle pièce jointe (et donc quel dossier) les \
        membres de cette machine ouvrent, et quand. En miroir, par défaut, il n'apprend rien de tel.

        Exemple :
          abri clone https://hub.exemple.fr 5f0c…e1 --as moi.identity
        Codes de sortie : 64 adresse ou identifiant de coffre incorrect, 73 le fichier du coffre existe, 75 le hub est \
        injoignable, 77 le hub refuse l'identité, 65 ce que le hub envoie ne se vérifie pas (rien n'est gardé).
        """,
        """
        Every command already does this before it starts, and sends its own changes to the hub before they count: \
        `abri sync` is for a copy that should be up to date before the network goes, or to check the hub answers.

        Example:
          abri sync --as me.identity
        Exit codes: 64 when the vault is not a copy of a hub's, 75 when the hub cannot be reached, 77 when it refuses \
        the identity, 65 when what it sends does not check out (nothing is kept).
        """:
        """
        Chaque commande le fait déjà avant de commencer, et envoie ses propres modifications au hub avant qu'elles ne \
        comptent : `abri sync` sert à mettre une copie à jour avant une coupure du réseau, ou à vérifier que le hub répond.

        Exemple :
          abri sync --as moi.identity
        Codes de sortie : 64 le coffre n'est pas la copie de celui d'un hub, 75 le hub est injoignable, 77 il refuse \
        l'identité, 65 ce qu'il envoie ne se vérifie pas (rien n'est gardé).
        """,
        """
        Reads this machine's copy only: no passphrase, no network.

        Example:
          abri status --json
        Exit codes: 66 when there is no vault.
        """:
        """
        Ne lit que la copie de cette machine : ni phrase secrète, ni réseau.

        Exemple :
          abri status --json
        Codes de sortie : 66 il n'y a pas de coffre.
        """,
    ]

    static let hubCounted: [String: String] = [
        "%@ change": "%@ modification",
        "%@ changes": "%@ modifications",
    ]
}
