# Interface strings of the Strings view (site .ftl editor). Owned by that view.

## Résultats des vérifications, un par type (strings-check-<type>).

strings-check-missing-file = Fichier manquant : { $path } n’existe que dans la langue de référence
strings-check-obsolete-file = Fichier obsolète : { $path } n’a pas d’équivalent dans la langue de référence
strings-check-unreadable-file = Le fichier est illisible : { $detail }
strings-check-file-too-large = Le fichier est trop volumineux pour être vérifié ({ $size } octets ; la limite est de { $limit })
strings-check-invalid-encoding = Le fichier n’est plus en UTF-8 valide à partir d’ici ; il est vérifié avec les octets fautifs remplacés, et n’est jamais réécrit
strings-check-syntax-error = Erreur de syntaxe ligne { $line }, colonne { $column } : { $detail }
strings-check-missing-message = Message manquant : { $id }
strings-check-obsolete-message = Message obsolète : { $id } n’existe pas dans la référence
strings-check-duplicate-message = { $id } est défini { $count } fois
strings-check-missing-value = Valeur manquante
strings-check-obsolete-value = Valeur obsolète : la référence n’a que des attributs
strings-check-empty-value = { $part ->
    [attribute] L’attribut .{ $name } est vide, contrairement à la référence
   *[value] La valeur est vide, contrairement à la référence
}
strings-check-missing-attribute = Attribut manquant : .{ $name }
strings-check-obsolete-attribute = Attribut obsolète : .{ $name }
strings-check-duplicate-attribute = L’attribut .{ $name } est en double
strings-check-duplicate-variant = La variante [{ $name }] est en double
strings-check-missing-plural = Catégories de pluriel manquantes : { $categories }
strings-check-missing-msg-ref = Référence de message manquante : { $ref }
strings-check-obsolete-msg-ref = Référence de message obsolète : { $ref }
strings-check-missing-term-ref = Référence de terme manquante : { $ref }
strings-check-obsolete-term-ref = Référence de terme obsolète : { $ref }
strings-check-css-style = { $problem ->
    [not-a-size] L’attribut style n’est pas une taille CSS comme dans la référence (width: 20em)
   *[differs] Le style diffère de la référence : { $details }
}
strings-check-replacement-character = Le texte contient un caractère de remplacement (�) : le fichier a sans doute été enregistré dans un autre encodage
strings-check-missing-variable = La variable ${ $variable } de la référence n’est pas utilisée
strings-check-unknown-variable = Variable inconnue ${ $variable } : la référence ne la fournit pas
strings-check-markup-drift = { $has_missing ->
    [yes] { $has_extra ->
        [yes] Le balisage diffère de la référence : { $missing } en moins, { $extra } en plus
       *[no] Le balisage diffère de la référence : { $missing } en moins
    }
   *[no] Le balisage diffère de la référence : { $extra } en plus
}
strings-check-unknown-msg-ref = { $ref } n’existe pas dans cette langue
strings-check-unknown-term-ref = Le terme { $ref } n’existe pas dans cette langue
