/// The French of `abri ui`: its help, what it says on the terminal, its errors, and the names of where a
/// passphrase or a report comes from in the interface.
extension Catalogue {
    static let ui: [String: String] = [
        "Partner %@ (%@) enrolled, never receiving locating parts. Next: enrol its members below.":
            "Partenaire %@ (%@) enrôlé, sans jamais recevoir de partie localisante. Ensuite : inscrivez ses membres ci-dessous.",
        "Partner %@ (%@) enrolled. Next: enrol its members below.":
            "Partenaire %@ (%@) enrôlé. Ensuite : inscrivez ses membres ci-dessous.",
        "Serve the local web interface on 127.0.0.1 only, in French or English as the locale says.":
            "Servir l'interface web locale sur 127.0.0.1 seulement, en français ou en anglais selon la langue du système.",
        """
        Prints an address with a one-time token (and opens it when a display exists); the page asks the passphrase \
        once and keeps the unlocked identity in this process's memory until you sign out or leave it idle for 15 \
        minutes, then prints a fresh address. Pages and reports are never written to disk. Ctrl-C stops it. \
        With the administrator's identity, the pages are the administrator's: partners, members, key rotation and \
        the log's verification, and never a case.

        Example:
          abri ui --as alice.identity
        Exit codes: 64 no identity or a port out of range, 66 no vault, 77 neither the administrator nor a member of a partner, 74 the port is taken.
        """:
        """
        Affiche une adresse munie d'un jeton à usage unique (et l'ouvre quand un écran est là) ; la page demande la phrase secrète une fois et garde l'identité déverrouillée dans la mémoire de ce processus jusqu'à ce que vous vous déconnectiez ou la laissiez 15 minutes sans activité, puis affiche une nouvelle adresse. Les pages et les signalements ne sont jamais écrits sur le disque. Ctrl-C l'arrête. Avec l'identité de l'administrateur, les pages sont celles de l'administrateur : partenaires, membres, renouvellement des clés et vérification du journal, et jamais un dossier.

        Exemple :
          abri ui --as alice.identity
        Codes de sortie : 64 aucune identité ou un port hors limites, 66 pas de coffre, 77 ni l'administrateur ni membre d'un partenaire, 74 le port est pris.
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

        // The layout and the refusals every page shares.
        "Partners and members": "Partenaires et membres",
        "Verify the log": "Vérifier le journal",
        "Cases": "Dossiers",
        "Deposit a report": "Déposer un signalement",
        "Log": "Journal",
        "Main navigation": "Navigation principale",
        "Signed in: %@": "Session : %@",
        "Sign out": "Se déconnecter",
        "Skip to the content": "Aller au contenu",
        "Access refused": "Accès refusé",
        "This address is not abri ui's: open http://127.0.0.1:%@/ .":
            "Cette adresse n'est pas celle d'abri ui : ouvrez http://127.0.0.1:%@/ .",
        "This action does not exist.": "Cette action n'existe pas.",
        "This form does not come from abri ui: it is refused.": "Ce formulaire ne vient pas d'abri ui : il est refusé.",
        "This form is not sent the way abri ui expects.": "Ce formulaire n'est pas envoyé comme abri ui l'attend.",
        "This form is too long.": "Ce formulaire est trop long.",
        "Unknown or ended session: open the address abri ui shows in the terminal.":
            "Session inconnue ou terminée : ouvrez l'adresse qu'abri ui affiche dans le terminal.",
        "Session ended after 15 minutes without activity: open the new address abri ui shows in the terminal.":
            "Session terminée après 15 minutes sans activité : ouvrez la nouvelle adresse qu'abri ui affiche dans le terminal.",
        "This form does not carry the session's token: it is refused (reload the page).":
            "Ce formulaire ne porte pas le jeton de la session : il est refusé (rechargez la page).",
        "Session closed": "Session fermée",
        "Your identity is forgotten. To come back, open the new address abri ui shows in the terminal.":
            "Votre identité est oubliée. Pour revenir, ouvrez la nouvelle adresse qu'abri ui affiche dans le terminal.",
        "Vault unavailable": "Coffre indisponible",
        "Page not found": "Page introuvable",
        "This page does not exist.": "Cette page n'existe pas.",
        "This entry address was already used or is not the right one: open the last address abri ui shows in the terminal.":
            "Cette adresse d'entrée a déjà servi ou n'est pas la bonne : ouvrez la dernière adresse qu'abri ui affiche dans le terminal.",
        "Your passphrase unlocks your identity for this session only: it is kept nowhere, and the identity is forgotten when you sign out or after 15 minutes without activity.":
            "Votre phrase de passe déverrouille votre identité pour cette session seulement : elle n'est gardée nulle part, et l'identité est oubliée quand vous vous déconnectez ou après 15 minutes sans activité.",
        "Passphrase": "Phrase de passe",
        "Unlock": "Déverrouiller",
        "Unlock your identity": "Déverrouiller votre identité",
        "Type your passphrase.": "Saisissez votre phrase de passe.",
        "the administrator": "l'administrateur",
        "Too many tries: the session is closed. Open the new address abri ui shows in the terminal.":
            "Trop d'essais : la session est fermée. Ouvrez la nouvelle adresse qu'abri ui affiche dans le terminal.",

        // The members' pages: the case list, a case, the deposit form, sharing, consent, the log.
        "Household reference": "Référence du ménage",
        "all": "tous",
        "open cases": "ouverts",
        "closed cases": "clos",
        "Active since": "Actifs depuis le",
        "Search": "Rechercher",
        "%@ of household %@": "%@ du ménage %@",
        "Case": "Dossier",
        "Household": "Ménage",
        "Records": "Fiches",
        "Created": "Créé le",
        "Last activity": "Dernière activité",
        "Holding": "Détention",
        "consent until %@": "consentement jusqu'au %@",
        "consent with no end date": "consentement sans date de fin",
        "Log of case %@": "Journal du dossier %@",
        "Consultations of household %@": "Consultations du ménage %@",
        "Extract of the consultations for a household (right of access)": "Extrait des consultations pour un ménage (droit d'accès)",
        "Extract": "Extraire",
        "No.": "N°",
        "Date": "Date",
        "Who": "Qui",
        "Purpose": "Motif",
        "Consent": "Consentement",
        "without consent: %@": "sans consentement : %@",
        "Case %@": "Dossier %@",
        "Give the purpose of looking at the address: the log keeps it.": "Indiquez le motif de la consultation des coordonnées : le journal le garde.",
        "Back to the case": "Revenir au dossier",
        "Address revealed for the purpose « %@ »; this consultation is written in the log.": "Coordonnées révélées pour le motif « %@ » ; cette consultation est inscrite au journal.",
        "Your partner holds this case under a consent that ends after %@.": "Votre partenaire détient ce dossier sous un consentement qui prend fin après le %@.",
        "Purpose of looking at the address (kept in the log)": "Motif de la consultation des coordonnées (gardé au journal)",
        "hearing preparation": "préparation audience JAF",
        "Reveal": "Révéler",
        "Share this case": "Partager ce dossier",
        "Log of this case": "Journal de ce dossier",
        "Withdraw consent": "Retirer le consentement",
        "by %@": "par %@",
        "Situation": "Situation",
        "Address and contact details": "Coordonnées",
        "Masked. Reveal them with a purpose; the consultation is written in the log.": "Masquées. Révélez-les avec un motif ; la consultation est inscrite au journal.",
        "Withheld: your partner received no key to this record's address and contact details.": "Retenues : votre partenaire n'a reçu aucune clé des coordonnées de cette fiche.",
        "This record has no address or contact details.": "Cette fiche n'a pas de coordonnées.",
        "Attachments": "Pièces jointes",
        "with the address": "avec les coordonnées",
        "general part": "partie générale",
        "Attachments are saved with `abri open --attachments CASE`.": "Les pièces jointes s'enregistrent avec `abri open --attachments DOSSIER`.",
        "Nothing.": "Rien.",
        "yes": "oui",
        "no": "non",
        "Withdraw consent — case %@": "Retirer le consentement — dossier %@",
        "Partner that loses what it received on this case": "Partenaire qui perd ce qu'il a reçu sur ce dossier",
        "I confirm: this partner loses the case's keys (it keeps what it wrote).": "Je confirme : ce partenaire perd les clés du dossier (il garde ce qu'il a écrit).",
        "Choose the partner and confirm the withdrawal.": "Choisissez le partenaire et confirmez le retrait.",
        "Other household": "Autre ménage",
        "Victim": "Victime",
        "Year of birth": "Année de naissance",
        "Children": "Enfants",
        "Facts": "Faits",
        "Violence": "Violences",
        "Dates of the facts": "Dates des faits",
        "Complaint": "Plainte",
        "Filed": "Déposée",
        "Police report (main courante)": "Main courante",
        "Protection order": "Ordonnance de protection",
        "Requested": "Demandée",
        "Issued": "Délivrée",
        "End of validity": "Fin de validité",
        "Danger": "Danger",
        "Level": "Niveau",
        "Urgency": "Urgence",
        "Assessment": "Évaluation",
        "Needs": "Besoins",
        "Referral": "Orientation",
        "Priority neighbourhood (QPV)": "Quartier prioritaire (QPV)",
        "Landlord's inquiry": "Enquête du bailleur",
        "Opened": "Ouverte",
        "Conclusions": "Conclusions",
        "Subject": "Objet",
        "Notes": "Notes",
        "Address": "Adresse",
        "Phone": "Téléphone",
        "Email": "Courriel",
        "Workplace": "Lieu de travail",
        "School": "École",
        "Postcode": "Code postal",
        "Town": "Ville",
        "New address": "Nouvelle adresse",
        "%@ byte": "%@ octet",
        "%@ bytes": "%@ octets",
        "This part can be passed to the partners you choose. Write no address, phone or email in it: they go in « Address and contact details ».": "Cette partie peut être transmise aux partenaires que vous choisissez. N'y écrivez ni adresse, ni téléphone, ni courriel : ils vont dans « Coordonnées ».",
        "Address and contact details — never passed to the tenancy unit": "Coordonnées — jamais transmises au service locatif",
        "Everything that would let someone find the victim. Only the partners for which you tick « include the address » receive it.": "Tout ce qui permet de trouver la victime. Seuls les partenaires pour lesquels vous cochez « inclure les coordonnées » les reçoivent.",
        "Deposit the report": "Déposer le signalement",
        "Partners that receive this report": "Partenaires qui reçoivent ce signalement",
        "Your partner always reads it. A partner that never receives an address (a tenancy unit) can receive the situation only.": "Votre partenaire le lit toujours. Un partenaire qui ne reçoit jamais de coordonnées (un service locatif) ne peut recevoir que la situation.",
        "Pass the situation": "Transmettre la situation",
        "Include the address": "Inclure les coordonnées",
        "never receives an address": "ne reçoit jamais de coordonnées",
        "pass to %@": "transmettre à %@",
        "include the address for %@": "inclure les coordonnées pour %@",
        "Open case %@": "Ouvrir le dossier %@",
        "Deposit another report": "Déposer un autre signalement",
        "Report deposited": "Signalement déposé",
        ". In this form: the « Notes » field of the address and contact details.": ". Dans ce formulaire : le champ « Notes » des Coordonnées.",
        "%@ (one a line)": "%@ (une par ligne)",
        "The victim's consent (required to pass to another partner)": "Consentement de la victime (obligatoire pour transmettre à un autre partenaire)",
        "With her consent": "Avec son consentement",
        "Reference of the consent (e.g. form signed on 20/11/2026)": "Référence du consentement (ex. formulaire signé le 20/11/2026)",
        "End of the consent (optional)": "Fin du consentement (facultative)",
        "Without consent": "Sans consentement",
        "Reason for sharing without consent (shown to the administrator)": "Raison du partage sans consentement (montrée à l'administrateur)",
        "Give the reference of the victim's consent.": "Indiquez la référence du consentement de la victime.",
        "The consent's reference is longer than 4096 bytes: cite the document that holds it.": "La référence du consentement dépasse 4096 octets : citez le document qui la porte.",
        "The consent's end is not a date (DD/MM/YYYY).": "La date de fin du consentement n'est pas une date (JJ/MM/AAAA).",
        "The consent's end has passed: give a date from today on.": "La date de fin du consentement est passée : donnez une date à partir d'aujourd'hui.",
        "Give the reason for sharing without consent.": "Indiquez la raison du partage sans consentement.",
        "The reason is longer than 4096 bytes: cite the document that holds it.": "La raison dépasse 4096 octets : citez le document qui la porte.",
        "Partner and the parts passed": "Partenaire et parties transmises",
        "%@ (%@): the situation only": "%@ (%@) : la situation seulement",
        "%@ (%@): the situation and the address (impossible: this partner never receives an address)": "%@ (%@) : la situation et les coordonnées (impossible : ce partenaire ne reçoit jamais de coordonnées)",
        "%@ (%@): the situation and the address": "%@ (%@) : la situation et les coordonnées",
        "Share": "Partager",
        "Share case %@": "Partager le dossier %@",
        "Choose the partner and what it receives.": "Choisissez le partenaire et ce qu'il reçoit.",
        "Case shared": "Dossier partagé",

        // A member's approval of a newcomer.
        "Approvals": "Approbations",
        "Nobody of your partner waits for an approval.": "Personne de votre partenaire n'attend d'approbation.",
        "Approve %@": "Approuver %@",
        "Compare the fingerprint, then tick the box to approve.": "Comparez l'empreinte, puis cochez la case pour approuver.",

        // The administrator's pages.
        "The administrator holds no key that opens a case: the case pages are not offered to the administrator.":
            "L'administrateur ne détient aucune clé qui ouvre un dossier : les pages des dossiers ne lui sont pas proposées.",
        "Partners": "Partenaires",
        "Members": "Membres",
        "Id": "Identifiant",
        "Name": "Nom",
        "Kind": "Type",
        "Locating part": "Partie localisante",
        "Keys": "Clés",
        "never receives the locating part": "ne reçoit jamais la partie localisante",
        "Renew the keys of %@": "Renouveler les clés de %@",
        "Partner": "Partenaire",
        "State": "État",
        "Fingerprint": "Empreinte",
        "Action": "Action",
        "removed": "retrait effectué",
        "waiting for a colleague's approval": "attend l'approbation d'un membre de son partenaire",
        "approved": "approbation reçue",
        "Remove %@": "Retirer %@",
        "Enrol a partner": "Inscrire un partenaire",
        "Enrol the partner": "Inscrire le partenaire",
        "Enrol a member": "Inscrire un membre",
        "Enrol the member": "Inscrire le membre",
        "The removed identity is refused by every command from now on; the partner's remaining members re-seal its grants to a new generation at their next command, after which the old keys open nothing.":
            "L'identité retirée est refusée par toutes les commandes dès maintenant ; les membres restants du partenaire rescellent ses accès pour une nouvelle génération à leur prochaine commande, après quoi les anciennes clés n'ouvrent plus rien.",
        "To confirm, type the member's name: %@": "Pour confirmer, saisissez le nom du membre : %@",
        "Back to the partners and members": "Revenir aux partenaires et membres",
        "Remove a member": "Retirer un membre",
        "The name typed is not the member's: nothing was removed.": "Le nom saisi n'est pas celui du membre : personne n'a été retiré.",
        "Download %@": "Télécharger %@",
        "Give the purpose of reading the address and contact details: the log keeps it.":
            "Indiquez le motif de la consultation des coordonnées : le journal le garde.",
        "The attachments of the address and contact details show once they are revealed.":
            "Les pièces jointes des coordonnées apparaissent une fois les coordonnées révélées.",
        "This attachment is not named the way abri ui expects.": "Cette pièce jointe n'est pas désignée comme abri ui l'attend.",
        "Any document that shows the address (lease, rent receipt, letter): it stays with the address and contact details, and goes only to the partners that receive them.":
            "Tout document qui montre l'adresse (bail, quittance, courrier) : il reste avec les coordonnées, et n'est transmis qu'aux partenaires qui les reçoivent.",
        "Choose the attachments again.": "Choisissez de nouveau les pièces jointes.",
        "Documents with no address or phone, passed with the situation. At most 64 MiB for all the form's attachments together.":
            "Des documents sans adresse ni téléphone, transmis avec la situation. 64 Mio au plus pour l'ensemble des pièces jointes du formulaire.",
        "This form is over 64 MiB: the attachments sent through the page may not exceed 64 MiB in all. Nothing was deposited; for larger files, use abri deposit --attach in a terminal.":
            "Ce formulaire dépasse 64 Mio : les pièces jointes envoyées par la page ne peuvent dépasser 64 Mio au total. Rien n'a été déposé ; pour des fichiers plus gros, utilisez abri deposit --attach dans un terminal.",
    ]
}
