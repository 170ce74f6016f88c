site-name = Carnets de terrain
site-tagline = Les écrits d'une rédaction multilingue
nav-articles = Articles
nav-about = À propos
nav-newsletter = Lettre d'information
skip-to-content = Aller au contenu
by-author = Par { $author }
published-on = Publié le { $date }
reading-time = { $count ->
    [one] { $count } minute de lecture
   *[other] { $count } minutes de lecture
}
newsletter-title = Abonnez-vous à notre lettre d'information
newsletter-text = Une lettre par mois avec nos meilleurs articles, dans votre langue. Sans publicité : désabonnement en un clic !
newsletter-email = Votre adresse électronique
    .placeholder = vous@exemple.fr
newsletter-button = S'abonner
related-articles = Articles similaires
read-more = Lire
footer-text = Écrit, traduit et publié avec Copydesk.
word-count = { $count ->
    [one] { $count } mot
   *[other] { $count } mots
}
