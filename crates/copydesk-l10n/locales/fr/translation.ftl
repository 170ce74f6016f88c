# Interface strings of the translation view. Owned by that view.

translation-source-column = Source — { $language }
translation-target-column = Traduction — { $language }
translation-progress = { $done } / { $total } blocs à jour
translation-mark-all = Tout marquer à jour
translation-mark-block = Marquer à jour
translation-next = Suivant à traiter
translation-previous = Précédent à traiter
translation-keys-hint = Ctrl+Entrée marque un bloc à jour et passe au suivant · F8 / Maj+F8 vont au bloc à traiter suivant / précédent
translation-source-removed = Ce paragraphe a été supprimé de la source. Marquez-le à jour pour retirer sa traduction.
translation-diff-label = Ce qui a changé dans la source depuis la traduction de ce bloc
translation-block-label = Traduction du bloc { $n }
translation-block-placeholder = Traduisez ce bloc…
translation-start-title = Commencer la traduction en { $language }
translation-start-body = Chaque bloc commence non traduit ; vous marquez chacun à jour une fois traduit.
translation-start-copy = Copier la source, pour la remplacer
translation-start-empty = Partir de blocs vides
translation-add = Ajouter une traduction : { $language }
translation-source-tab = Source
translation-tab-progress = { $language } : { $done } / { $total } blocs à jour

state-up_to_date = À jour
state-untranslated = Non traduit
state-source_changed = Source modifiée

editor-minor = Modification mineure
editor-minor-hint = Une coquille corrigée : les traductions à jour le restent.

preview-locale = Langue de l’aperçu

library-filter-locale = Toutes les langues
library-filter-status = Tous les statuts
library-version-progress = { $done } / { $total }

settings-locales = Langues de l’espace de travail
settings-source-locale = Les articles sont écrits en
settings-target-locales = Et traduits en
settings-add-locale = Ajouter
settings-locale-placeholder = Code de langue, ex. de, pt-BR
settings-remove-locale = Retirer { $language }
settings-remove-locale-title = Ne plus traduire en { $language } ?
settings-remove-locale-body = Les versions existantes en { $language } sont conservées ; les articles ne proposeront plus cette langue.
settings-remove-locale-confirm = Retirer
translation-delete = Mettre à la corbeille
translation-delete-title = Mettre la traduction en { $language } à la corbeille ?
trash-translation-of = Traduction de « { $title } »
