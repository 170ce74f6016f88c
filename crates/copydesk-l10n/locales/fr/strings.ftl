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
    [variant] La variante [{ $name }] est vide, contrairement aux autres
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

## Erreurs des actions sur les chaînes

error-strings-not-a-folder = { $path } n’est pas un dossier. Choisissez le dossier qui contient un dossier par langue (en/, fr/, …).
error-strings-unreadable = Le dossier { $path } est illisible : { $detail }
error-strings-no-locales = { $path } ne contient aucun dossier de langue avec des fichiers .ftl. Un dossier de chaînes ressemble à en/newsletter.ftl, fr/newsletter.ftl, …
error-strings-no-reference = { $path } n’a pas de dossier pour la langue de référence « { $locale } ».
error-strings-not-linked = Aucun dossier de chaînes n’est encore associé à cet espace de travail.
error-strings-changed = { $path } a été modifié sur le disque depuis que vous l’avez ouvert. Rien n’a été écrit : actualisez pour voir la nouvelle version, puis recommencez.
error-strings-write = Impossible d’écrire { $path } : { $detail } Le fichier sur le disque n’a pas changé.
error-strings-unsafe = Copydesk ne réécrit pas { $path } : { $detail }. Corrigez d’abord le fichier dans un éditeur de texte.
error-strings-invalid-draft = Ce texte n’est pas un message valide : { $detail }

## La vue Chaînes

strings-intro-title = Les textes de l’interface de votre site
strings-intro = Ouvrez le dossier qui contient les fichiers Fluent de votre site, un dossier par langue (en/newsletter.ftl, fr/newsletter.ftl, …). Copydesk les lit, les vérifie, et ne réécrit que les messages que vous modifiez.
strings-folder-label = Dossier des chaînes
strings-folder-placeholder = /chemin/vers/site/locales
strings-folder-open = Ouvrir
strings-folder-change = Changer de dossier
strings-folder-cancel = Annuler
strings-refresh = Relire depuis le disque
strings-loading = Lecture du dossier des chaînes…
strings-reference-label = Référence
strings-locale-label = Traduire en
strings-progress-heading = Avancement
strings-progress-percent = { $percent } %
strings-progress-bar = { $locale } : { $translated } sur { $total } traduits, { $missing } manquants, { $errors } avec erreurs
strings-legend-ok = Traduits
strings-legend-errors = Avec erreurs
strings-legend-missing = Manquants
strings-files-heading = Fichiers
strings-files-all = Tous les fichiers
strings-file-absent = pas encore dans cette langue
strings-file-stray = absent de la référence
strings-filter-all = Tous
strings-filter-missing = Manquants
strings-filter-errors = Erreurs
strings-filter-warnings = Avertissements
strings-search = Chercher dans les identifiants et les textes des deux langues
strings-column-reference = Référence · { $locale }
strings-column-target = Traduction · { $locale }
strings-list-empty = Aucun message ne correspond.
strings-list-truncated = { $count } autres messages ne sont pas affichés : précisez la recherche.
strings-status-missing = Manquant
strings-status-error = Erreur
strings-status-warning = Avertissement
strings-status-obsolete = Obsolète
strings-status-ok = Traduit
strings-untranslated = Pas encore traduit
strings-term = terme
strings-editor-empty = Choisissez un message pour le traduire.
strings-editor-close = Fermer l’éditeur
strings-mode-fields = Champs
strings-mode-ftl = Source FTL
strings-field-value = Valeur
strings-field-attribute = .{ $name }
strings-field-placeholder = Saisissez la traduction
strings-field-selector = Variantes choisies selon { $selector }
strings-field-default = par défaut
strings-add-category = + { $category }
strings-categories = Formes du pluriel dans cette langue : { $categories }
strings-ftl-label = Le message en syntaxe Fluent
strings-comment = Note
strings-reference-heading = Référence
strings-findings-heading = Vérifications
strings-findings-none = Aucun problème.
strings-preview-heading = Aperçu
strings-preview-args = Valeurs d’exemple
strings-preview-attribute = .{ $name }
strings-preview-category = { $category } · { $sample }
strings-save = Enregistrer
strings-revert = Annuler les modifications
strings-save-clean = Identique au fichier
strings-save-dirty = Modifications non enregistrées
strings-save-saving = Enregistrement…
strings-save-saved = Enregistré dans { $path }
strings-save-failed = Non enregistré : { $reason }
strings-save-blocked = Corrigez l’erreur de syntaxe pour enregistrer.
strings-readonly = Copydesk ne réécrit pas ce fichier (voir les problèmes ci-dessus).
