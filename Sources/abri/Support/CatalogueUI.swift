/// The French of `abri ui`: its help, what it says on the terminal, its errors, and the names of where a
/// passphrase or a report comes from in the interface.
extension Catalogue {
    static let ui: [String: String] = [
        "Serve the local web interface, in French, on 127.0.0.1 only.":
            "Servir l'interface web locale, en français, sur 127.0.0.1 seulement.",
        """
        Prints an address with a one-time token (and opens it when a display exists); the page asks the passphrase \
        once and keeps the unlocked identity in this process's memory until you sign out or leave it idle for 15 \
        minutes, then prints a fresh address. Pages and reports are never written to disk. Ctrl-C stops it.

        Example:
          abri ui --as alice.identity
        Exit codes: 64 no identity or a port out of range, 66 no vault, 77 not a member of a partner, 74 the port is taken.
        """:
        """
        Affiche une adresse munie d'un jeton à usage unique (et l'ouvre quand un écran est là) ; la page demande la phrase secrète une fois et garde l'identité déverrouillée dans la mémoire de ce processus jusqu'à ce que vous vous déconnectiez ou la laissiez 15 minutes sans activité, puis affiche une nouvelle adresse. Les pages et les signalements ne sont jamais écrits sur le disque. Ctrl-C l'arrête.

        Exemple :
          abri ui --as alice.identity
        Codes de sortie : 64 aucune identité ou un port hors limites, 66 pas de coffre, 77 pas membre d'un partenaire, 74 le port est pris.
        """,
        "Listen on this port of 127.0.0.1 (else one the system chooses).":
            "Écouter sur ce port de 127.0.0.1 (sinon celui que choisit le système).",
        "port": "port",
        "Open this address in your browser; it works once. Ctrl-C stops the interface.":
            "Ouvrez cette adresse dans votre navigateur ; elle ne sert qu'une fois. Ctrl-C arrête l'interface.",
        "The interface stopped; the identity was forgotten.":
            "L'interface s'est arrêtée ; l'identité est oubliée.",
        "--port takes a number from 0 to 65535 (0: the system chooses)":
            "--port prend un nombre de 0 à 65535 (0 : le système choisit)",
        "cannot listen on 127.0.0.1:%@ (choose another port with --port)":
            "impossible d'écouter sur 127.0.0.1:%@ (choisissez un autre port avec --port)",
        "a locating attachment is opened only with a purpose, which the log keeps":
            "une pièce jointe des coordonnées ne s'ouvre qu'avec un motif, que le journal garde",
        "this case has no such attachment open to you (open the case again to see its attachments)":
            "ce dossier n'a pas cette pièce jointe, ou elle ne vous est pas ouverte (rouvrez le dossier pour voir ses pièces jointes)",
        "the page": "la page",
        "the form": "le formulaire",
    ]
}
