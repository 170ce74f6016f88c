# L'interface de Copydesk, en français.
# Chaque message doit aussi exister dans en/app.ftl (un test unitaire le vérifie).

app-name = Copydesk

nav-articles = Articles
nav-strings = Chaînes

## Bibliothèque

library-heading = Bibliothèque
library-new-article = Nouvel article
library-empty = Aucun article pour l’instant. Créez-en un pour commencer à écrire.
library-search = Filtrer par titre
library-edited = Modifié { $when }
library-open-trash = Corbeille
library-close-trash = Retour à la bibliothèque
article-untitled = Article sans titre

## Corbeille

trash-heading = Corbeille
trash-empty = La corbeille est vide.
trash-restore = Restaurer
trash-purge = Supprimer définitivement
trash-deleted = Mis à la corbeille { $when }
trash-hint = Les articles de la corbeille peuvent être restaurés à tout moment.

## Statuts d'une version linguistique

status-draft = Brouillon
status-in_review = En relecture
status-ready = Prêt
status-published = Publié
status-outdated = À mettre à jour

## Éditeur

editor-empty = Choisissez un article dans la bibliothèque, ou créez-en un nouveau.
editor-title-placeholder = Titre
editor-body-label = Texte de l’article (Markdown)
meta-heading = Détails
meta-slug = Slug
meta-slug-hint = Utilisé dans l’adresse web de l’article
meta-author = Auteur
meta-date = Date
meta-tags = Étiquettes
meta-tags-hint = Séparez les étiquettes par des virgules
meta-categories = Catégories
meta-categories-hint = Séparez les catégories par des virgules
meta-featured-image = Image mise en avant
meta-featured-image-hint = Un fichier PNG, JPEG, GIF ou WebP du dossier assets de l’espace de travail (WordPress refuse le SVG)
meta-summary = Résumé
meta-status = Statut
meta-locale = Langue
stats-words = { $count ->
    [one] { $count } mot
   *[other] { $count } mots
}
stats-reading = { $minutes ->
    [0] moins d’une minute de lecture
    [one] { $minutes } minute de lecture
   *[other] { $minutes } minutes de lecture
}
save-saved = Enregistré
save-saving = Enregistrement…
save-pending = Modifications non enregistrées
save-failed = Non enregistré : { $reason } Votre texte reste ici et sera de nouveau enregistré dans un instant.

## Panneau de recherche de l'éditeur (phrases CodeMirror)

cm-find = Rechercher
cm-replace = Remplacer
cm-next = suivant
cm-previous = précédent
cm-all = tous
cm-match-case = respecter la casse
cm-regexp = expression régulière
cm-by-word = mot entier
cm-replace-one = remplacer
cm-replace-all = tout remplacer
cm-close = fermer
cm-current-match = occurrence courante
cm-on-line = à la ligne
cm-go-to-line = Aller à la ligne
cm-go = aller

## Aperçu

preview-heading = Aperçu
preview-oversized = { $kind ->
    [table] Ce tableau est trop grand
    [code] Ce bloc de code est trop grand
    [list] Cette liste est trop grande
   *[other] Ce bloc est trop grand
} pour l’aperçu ({ $size }). Il reste dans l’article.
preview-rest = La suite du document est trop grande pour l’aperçu.
preview-failed = L’aperçu n’a pas pu être mis à jour : { $reason }
preview-mode = Ce que montre l’aperçu
preview-mode-body = Texte
preview-mode-page = Page
preview-device = Largeur d’écran
preview-device-desktop = Ordinateur
preview-device-tablet = Tablette
preview-device-phone = Téléphone
preview-page-problems = Le thème a des problèmes :
preview-page-stale = Le thème contient une erreur ; la page affichée est la dernière qui fonctionnait :

## Suppression

delete-article = Mettre à la corbeille
delete-confirm-title = Mettre « { $title } » à la corbeille ?
delete-confirm-body = Vous pourrez le restaurer depuis la corbeille à tout moment.
delete-confirm = Mettre à la corbeille
purge-confirm-title = Supprimer « { $title } » définitivement ?
purge-confirm-body = Cette action est irréversible.
purge-confirm = Supprimer définitivement
dialog-cancel = Annuler

## Réglages

settings-heading = Réglages
settings-open = Réglages
settings-close = Fermer
settings-language = Langue de l’interface
settings-language-system = Langue du système ({ $language })
settings-data-dir = Dossier des données
language-en = English
language-fr = Français

## Erreurs

error-heading = Copydesk ne peut pas ouvrir cet espace de travail
error-data-dir-not-writable = Copydesk ne peut pas écrire dans son dossier de données { $path }. Vérifiez que le dossier existe et que vous avez le droit d’y écrire, ou lancez Copydesk avec un autre dossier (--data-dir).
error-not-a-database = Le fichier { $path } n’est pas une base de données Copydesk. Copydesk ne l’a pas modifié : déplacez-le, ou lancez Copydesk avec un autre dossier de données.
error-foreign-database = Le fichier { $path } est la base de données d’un autre programme. Copydesk ne l’a pas modifié : déplacez-le, ou lancez Copydesk avec un autre dossier de données.
error-database-too-new = L’espace de travail { $path } a été écrit par une version plus récente de Copydesk (schéma { $found } ; cette version comprend jusqu’au { $supported }). Mettez Copydesk à jour. Le fichier n’a pas été modifié.
error-data-dir = Dossier des données : { $path }
error-disk-full = Le disque est plein.
error-not-found = Cet article n’existe plus.
error-invalid-input = Valeur non valide : { $detail }
error-storage = La base de données a signalé une erreur : { $detail }
error-internal = Une erreur interne s’est produite dans Copydesk : { $detail }

## Publishing errors ({ $detail } is WordPress's or the system's own text; { $env } an environment variable)

error-keyring-unavailable = Le trousseau du système (Secret Service) est inutilisable : { $detail }. Copydesk ne garde jamais les mots de passe des sites dans sa base : démarrez un trousseau (GNOME Keyring, KWallet, KeePassXC), ou donnez le mot de passe d’application dans la variable d’environnement { $env }.
error-site-password-missing = Aucun mot de passe n’est connu pour le site « { $site } ». Ajoutez de nouveau le site avec son mot de passe d’application, ou définissez la variable d’environnement { $env }.
error-publish-auth = WordPress a refusé l’identifiant ou le mot de passe d’application : { $detail }. Vérifiez-les dans les réglages du site (Comptes → Profil → Mots de passe d’application).
error-publish-network = Le site est injoignable : { $detail }. La publication sera retentée.
error-publish-timeout = Le site n’a pas répondu à temps. La publication sera retentée.
error-publish-rate-limited = Le site a demandé d’attendre avant de réessayer. La publication sera retentée.
error-publish-server = Le site a répondu par une erreur : { $detail }. La publication sera retentée.
error-publish-tls = La connexion sécurisée au site a échoué : { $detail }
error-publish-not-wordpress = Cette adresse ne semble pas être un site WordPress : { $detail }
error-publish-rest-disabled = Le site tourne sous WordPress mais son API REST est désactivée ou restreinte : { $detail }
error-publish-rejected = WordPress a refusé l’article : { $detail }
error-publish-conflict = L’article a été modifié sur le site depuis la dernière publication par Copydesk ({ $detail }). Rien n’a été écrasé.
error-publish-asset-missing = L’image { $detail } n’est pas dans le dossier assets de l’espace de travail.
error-publish-gave-up = La publication a été tentée trop de fois et s’est arrêtée : { $detail }
error-publish-invalid = La publication a échoué : { $detail }

## Aperçu de la page : export en un fichier HTML ; thème du site (réglages)

preview-export = Exporter en HTML
preview-export-hint = Enregistrer cette page en un seul fichier HTML : feuille de style et images incluses, sans script
preview-exporting = Export en cours…
preview-exported = Page enregistrée dans
preview-export-copy = Copier le chemin
preview-export-copied = Chemin copié
preview-export-dismiss = Fermer
preview-export-failed = La page n’a pas pu être exportée : { $reason }
settings-theme = Thème du site
settings-theme-hint = L’aperçu de la page et les pages exportées utilisent ces fichiers, relus à chaque modification. Un chemin relatif part du dossier des données, ~/ est votre dossier personnel ; un champ vide utilise la partie intégrée.
settings-theme-template = Gabarit (HTML avec minijinja)
settings-theme-stylesheet = Feuille de style (CSS)
settings-theme-placeholder = Intégré
settings-theme-in-use = Utilisé : { $path }
settings-theme-builtin = Utilisé : le thème intégré
settings-theme-save = Enregistrer le thème
settings-theme-reset = Utiliser le thème intégré
settings-theme-saved = Thème enregistré
error-theme-missing = { $path } n’existe pas.
error-theme-not-a-file = { $path } est un dossier, pas un fichier.
error-theme-not-utf8 = { $path } n’est pas un fichier texte UTF-8.
error-theme-unreadable = { $path } ne peut pas être lu : { $detail }
error-export-failed = { $path } n’a pas pu être écrit : { $detail }
