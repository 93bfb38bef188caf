/// The French of `abri demo`'s narration: headings, paragraphs (translated whole, wrapped by the demo) and the
/// summary. What each person sees is printed by the same functions as `abri open`, `abri log` and `abri cases`,
/// whose French is in `CatalogueText.swift`.
extension Catalogue {
    static let demo: [String: String] = [
        // The opening
        "Abri demo: the whole story of one case, on a temporary vault with made-up people.":
            "Démonstration d'Abri : toute l'histoire d'un dossier, sur un coffre temporaire, avec des personnes fictives.",
        "Nothing touches your own vault; the temporary folder is deleted at the end.":
            "Votre propre coffre n'est pas touché ; le répertoire temporaire est effacé à la fin.",

        // 1. The network
        "1. The administrator creates the vault and enrols the network":
            "1. L'administrateur crée le coffre et enrôle le réseau",
        "The administrator (the first landlord's data-protection officer) creates the vault. They sign who is who, but hold no key that opens a case.":
            "L'administrateur (le délégué à la protection des données du premier bailleur) crée le coffre. Il signe qui est qui, mais ne détient aucune clé qui ouvre un dossier.",
        "FOH social support":
            "FOH accompagnement social",
        "FOH tenancy":
            "FOH gestion locative",
        "The whole network is enrolled up front (a partner enrolled for one rehousing would tell where she went):":
            "Tout le réseau est enrôlé dès le départ (un partenaire enrôlé pour un seul relogement dirait où elle est partie) :",
        "%@ %@ (%@), member: %@":
            "%@ %@ (%@), membre : %@",
        "%@, never receives a locating part":
            "%@, ne reçoit jamais de partie localisante",

        // 2. The deposit
        "2. Alice (FOH social support) deposits the signalement":
            "2. Alice (accompagnement social de FOH) dépose le signalement",
        "Alice deposits the report of Camille D., household FOH-2021-000123, with the complaint receipt (recepisse.pdf, in the locating part: the documents that matter print the address). She grants the locating part to cidff-62, with the victim's consent \"formulaire signé le 2026-11-20\". Abri answers:":
            "Alice dépose le signalement de Camille D., foyer FOH-2021-000123, avec le récépissé de plainte (recepisse.pdf, dans la partie localisante : les documents qui comptent portent l'adresse). Elle donne à cidff-62 l'accès à la partie localisante, avec le consentement de la victime « formulaire signé le 2026-11-20 ». Abri répond :",

        // 3. The reveal
        "3. Inès (CIDFF) opens the case, then reveals the address":
            "3. Inès (CIDFF) ouvre le dossier, puis révèle l'adresse",
        "Inès opens the case. She sees the general fields; the address, the phone and the receipt stay masked:":
            "Inès ouvre le dossier. Elle voit les champs généraux ; l'adresse, le téléphone et le récépissé restent masqués :",
        "She asks to see them, with a purpose (\"préparation audience JAF\"); the reveal is logged as its own action. This is the one place where the demo prints an address, on purpose: Inès is entitled to it and asked.":
            "Elle demande à les voir, avec un motif (« préparation audience JAF ») ; la révélation est journalisée comme une action à part. C'est le seul endroit où la démonstration affiche une adresse, volontairement : Inès y a droit et l'a demandée.",

        // 4. The tenancy unit
        "4. Tom (FOH tenancy) looks for the case":
            "4. Tom (gestion locative de FOH) cherche le dossier",
        "Tom manages the tenancy of the other household, FOH-2019-000777. He files a rent note about it and reads it again, as his job requires. Then he looks for anything else.":
            "Tom gère le bail de l'autre foyer, FOH-2019-000777. Il dépose une note sur son loyer et la relit, comme son travail le demande. Puis il cherche autre chose.",
        "abri cases: he sees only his own note.":
            "abri cases : il ne voit que sa propre note.",
        "abri cases --household FOH-2021-000123 (the victim's household): nothing.":
            "abri cases --household FOH-2021-000123 (le foyer de la victime) : rien.",
        "(no case)":
            "(aucun dossier)",
        "abri open %@, the victim's case id (say he read it over a shoulder): refused.":
            "abri open %@, l'identifiant du dossier de la victime (disons qu'il l'a lu par-dessus une épaule) : refusé.",
        "A made-up case id gets the same answer, word for word. Tom cannot even tell that the case exists, let alone who holds it or where she lives.":
            "Un identifiant inventé reçoit la même réponse, mot pour mot. Tom ne peut même pas savoir que le dossier existe, encore moins qui le détient ou où elle habite.",

        // 5. The rehousing
        "5. Rehousing with Bailleur B":
            "5. Relogement chez Bailleur B",
        "The victim asks the CIDFF to find her a home with another landlord. Inès shares the case with Bailleur B for the rehousing, general part only (the same consent):":
            "La victime demande au CIDFF de lui trouver un logement chez un autre bailleur. Inès partage le dossier avec Bailleur B pour le relogement, partie générale seulement (le même consentement) :",
        "Bruno (Bailleur B) opens it: he sees the facts, not the old address.":
            "Bruno (Bailleur B) l'ouvre : il voit les faits, pas l'ancienne adresse.",
        "Bruno adds the rehousing record, the new address in its locating part, granted to cidff-62 only:":
            "Bruno ajoute la fiche de relogement, la nouvelle adresse dans sa partie localisante, accessible à cidff-62 seulement :",
        "Alice opens the case again: she still sees only her own signalement. The rehousing record, and with it where she went, never comes back to the first landlord; she does not even learn which landlord it is.":
            "Alice ouvre de nouveau le dossier : elle ne voit toujours que son propre signalement. La fiche de relogement, et avec elle l'endroit où la victime est partie, ne revient jamais au premier bailleur ; Alice ne sait même pas de quel bailleur il s'agit.",
        "Inès opens it: she sees both records; the new address is hers to reveal, and stays masked here.":
            "Inès l'ouvre : elle voit les deux fiches ; la nouvelle adresse, elle peut la révéler, et elle reste masquée ici.",

        // 6. The log
        "6. The access log":
            "6. Le journal des accès",
        "(no entry)":
            "(aucune entrée)",
        "Inès reads the case's log (abri log --case): every deposit, share, open and reveal, with its purpose. Tom's refused attempts are not in it: they are logged for the administrator only.":
            "Inès lit le journal du dossier (abri log --case) : chaque dépôt, partage, consultation et révélation, avec son motif. Les tentatives refusées de Tom n'y sont pas : elles sont journalisées pour l'administrateur seulement.",
        "Alice reads the same case's log: her deposit, her grants, and what the CIDFF she granted did with it. The CIDFF's grant to the second landlord, and everything the second landlord did, are sealed to keys she never held: where the victim went does not reach the first landlord, not even through the log.":
            "Alice lit le journal du même dossier : son dépôt, les accès qu'elle a donnés, et ce qu'en a fait le CIDFF qui les a reçus. L'accès donné par le CIDFF au second bailleur, et tout ce que le second bailleur a fait, sont scellés pour des clés qu'elle n'a jamais détenues : l'endroit où la victime est partie n'atteint pas le premier bailleur, pas même par le journal.",
        "The other household asks which consultations of its data took place (GDPR art. 15). Tom's unit holds its rent note; the extract for FOH-2019-000777 gives the days and purposes of their consultations:":
            "L'autre foyer demande quelles consultations de ses données ont eu lieu (RGPD, art. 15). L'unité de Tom détient sa note de loyer ; l'extrait pour FOH-2019-000777 donne les jours et les motifs de ces consultations :",
        "And for FOH-2021-000123, the victim's household (a joint lease may share it with the person who commits the violence): nothing. Her own history is given to her by a holder of her case, through the case's log.":
            "Et pour FOH-2021-000123, le foyer de la victime (un bail commun peut le partager avec la personne qui commet les violences) : rien. Son propre historique lui est donné par un détenteur de son dossier, par le journal du dossier.",
        "The administrator reads how many deposits, shares, opens and reveals each partner made each day, and never which case went to whom:":
            "L'administrateur lit combien de dépôts, partages, consultations et révélations chaque partenaire a faits chaque jour, et jamais quel dossier est allé à qui :",
        "abri verify, by the administrator: every entry chained, every head and signature checked.":
            "abri verify, par l'administrateur : chaque entrée chaînée, chaque tête et chaque signature vérifiées.",

        // 7. A member leaves
        "7. Inès leaves the CIDFF":
            "7. Inès quitte le CIDFF",
        "The administrator enrols Chloé, Inès's successor, at cidff-62 first. Enrolment moves no key: until a member of the CIDFF approves her, Chloé holds nothing, and the administrator alone cannot change that.":
            "L'administrateur enrôle d'abord chez cidff-62 Chloé, qui succède à Inès. L'enrôlement ne transmet aucune clé : tant qu'un membre du CIDFF ne l'a pas approuvée, Chloé ne détient rien, et l'administrateur seul n'y peut rien changer.",
        "Inès's next command tells her that Chloé awaits approval. Chloé reads her fingerprint out to Inès on the phone (abri identity show); Inès runs abri member approve cidff-62 chloe and compares it:":
            "La commande suivante d'Inès lui dit que Chloé attend son approbation. Chloé lit son empreinte à Inès au téléphone (abri identity show) ; Inès lance abri member approve cidff-62 chloe et la compare :",
        "They match. The approval, signed by Inès, is stored; the CIDFF's grants move at once to a fresh generation sealed to both, and the older generations are destroyed:":
            "Elles concordent. L'approbation, signée par Inès, est enregistrée ; les accès du CIDFF passent aussitôt à une nouvelle génération scellée pour les deux, et les générations plus anciennes sont détruites :",
        "The administrator removes Inès. From now on she is refused by every command.":
            "L'administrateur retire Inès. Désormais, chaque commande la refuse.",
        "Chloé's first command re-seals first: a fresh generation that Inès never held, the old one destroyed (%@). Then she reads everything Inès could:":
            "La première commande de Chloé commence par re-sceller : une nouvelle génération qu'Inès n'a jamais détenue, l'ancienne détruite (%@). Puis elle lit tout ce qu'Inès pouvait lire :",
        "%@; locating part %@":
            "%@ ; partie localisante %@",
        "masked":
            "masquée",
        "withheld":
            "non communiquée",
        "Inès tries her identity once more:":
            "Inès essaie encore une fois son identité :",

        // 8. Retention
        "8. Retention: the administrator shreds a test case":
            "8. Conservation : l'administrateur détruit un dossier de test",
        "Alice had deposited a test case for a training session, shared with cidff-62; Chloé opened it.":
            "Alice avait déposé un dossier de test pour une formation, partagé avec cidff-62 ; Chloé l'a ouvert.",
        "The administrator shreds it: every data key destroyed, records and attachments deleted. Nobody can open it:":
            "L'administrateur le détruit : chaque clé de données effacée, fiches et pièces jointes supprimées. Personne ne peut l'ouvrir :",
        "The log keeps that it happened, and nothing of what the case said:":
            "Le journal garde trace de la destruction, et rien de ce que disait le dossier :",

        // In short
        "In short":
            "En bref",
        "The address was shown once, to the CIDFF adviser who asked for it with a purpose, and that is logged.":
            "L'adresse a été montrée une fois, à la conseillère du CIDFF qui l'a demandée avec un motif, et c'est journalisé.",
        "The tenancy unit could not list, find or open the case, and its refusal read like an unknown case.":
            "La gestion locative n'a pu ni lister, ni trouver, ni ouvrir le dossier, et son refus se lisait comme celui d'un dossier inconnu.",
        "The new landlord's record went to the CIDFF only; the first landlord never learnt where she went.":
            "La fiche du nouveau bailleur est allée au CIDFF seulement ; le premier bailleur n'a jamais appris où elle était partie.",
        "The household extracts leave her case out; the administrator reads counts, not cases; the log verifies.":
            "Les extraits par foyer laissent son dossier de côté ; l'administrateur lit des comptes, pas des dossiers ; le journal se vérifie.",
        "A newcomer holds no key until a colleague approves her; a member who left is refused, and her successor reads everything after re-sealing the keys.":
            "Une nouvelle arrivante ne détient aucune clé tant qu'une collègue ne l'a pas approuvée ; un membre parti est refusé, et celle qui lui succède lit tout après avoir re-scellé les clés.",
        "A shredded case opens for no one.":
            "Un dossier détruit ne s'ouvre plus pour personne.",
    ]

    /// The demo's counted sentences (through `Plural.tr`), the singular for 0 and 1 in French.
    static let demoCounted: [String: String] = [
        "%@ grant re-sealed to a generation that Chloé holds too.":
            "%@ accès re-scellé dans une génération que Chloé détient aussi.",
        "%@ grants re-sealed to a generation that Chloé holds too.":
            "%@ accès re-scellés dans une génération que Chloé détient aussi.",
        "The victim's case is untouched: Chloé still reads its %@ record.":
            "Le dossier de la victime est intact : Chloé y lit toujours %@ fiche.",
        "The victim's case is untouched: Chloé still reads its %@ records.":
            "Le dossier de la victime est intact : Chloé y lit toujours %@ fiches.",
    ]
}
