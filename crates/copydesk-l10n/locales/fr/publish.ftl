## Publication : la fenêtre Publier, les sites dans les Réglages, les conflits.

publish-open = Publier…
publish-heading = Publier « { $title } »
publish-site = Site
publish-no-site = Aucun site pour l’instant. Ajoutez votre site WordPress dans Réglages → Sites, puis revenez ici.
publish-open-settings = Ouvrir les réglages
publish-locales = Versions linguistiques
publish-locales-hint = Les versions prêtes (ou déjà publiées) sont choisies pour vous.
publish-as = Publier comme
publish-as-publish = Publié maintenant
publish-as-draft = Brouillon sur le site
publish-as-future = Programmé
publish-at = Date et heure
publish-start = Publier
publish-dry-run = Voir les requêtes
publish-close = Fermer
publish-plan-heading = Requêtes qui seraient envoyées (rien n’est envoyé)
publish-plan-empty = Rien ne serait envoyé.
publish-jobs = Avancement
publish-no-jobs = Rien n’a encore été publié d’ici.
publish-pick-locale = Choisissez au moins une version linguistique.
publish-need-date = Choisissez quand publier.
publish-state-queued = En attente
publish-state-running = Publication…
publish-state-failed = Échec
publish-state-done = Publié
publish-state-cancelled = Annulé
publish-state-conflict = Modifié sur le site
publish-next-attempt = Prochain essai { $time }
publish-attempts = { $count ->
    [one] 1 essai
   *[other] { $count } essais
}
publish-image-uploaded = Envoyée : { $path }
publish-image-reused = Déjà sur le site : { $path }
publish-post-created = Article créé
publish-post-updated = Article mis à jour
publish-open-post = Ouvrir sur le site
publish-retry = Réessayer
publish-cancel = Annuler
publish-show-conflict = Comparer les versions…
publish-conflict-heading = « { $locale } » a changé sur { $site } depuis votre dernière publication
publish-conflict-body = Quelqu’un a modifié cet article sur le site. Rien n’a été écrasé. Comparez les deux versions, puis choisissez.
publish-conflict-site = Sur le site (modifié le { $modified } UTC)
publish-conflict-ours = Dans Copydesk
publish-conflict-diff = Différences (barré : seulement sur le site ; souligné : seulement dans Copydesk)
publish-conflict-title-changed = Le titre diffère aussi.
publish-conflict-overwrite = Remplacer la version du site
publish-conflict-keep = Garder la version du site
publish-conflict-back = Retour
publish-loading = Chargement…

sites-heading = Sites
sites-empty = Aucun site pour l’instant.
sites-add = Ajouter un site
sites-name = Nom
sites-url = Adresse du site
sites-user = Nom d’utilisateur
sites-password = Mot de passe d’application
sites-password-hint = Créez-en un dans WordPress sous Comptes → Profil → Mots de passe d’application. Il est gardé dans le trousseau du système, jamais dans les fichiers de Copydesk.
sites-save = Ajouter le site
sites-cancel = Annuler
sites-test = Tester la connexion
sites-testing = Test en cours…
sites-remove = Retirer
sites-remove-title = Retirer { $name } ?
sites-remove-body = Copydesk oublie ce site, son mot de passe et les articles qu’il y a publiés. Rien n’est supprimé sur le site.
sites-remove-confirm = Retirer le site
sites-added = { $name } ajouté. Son mot de passe est dans le trousseau du système.
sites-check-ok = Connecté à « { $site } » en tant que { $user }.
sites-check-publish = Peut publier : { $yes ->
    [true] oui
   *[false] non
}
sites-check-links = Versions linguistiques liées sur le site : { $yes ->
    [true] oui (l’extension Copydesk est active)
   *[false] non — installez l’extension Copydesk (voir le README)
}
