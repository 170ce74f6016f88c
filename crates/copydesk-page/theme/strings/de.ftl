site-name = Feldnotizen
site-tagline = Texte aus einer mehrsprachigen Redaktion
nav-articles = Artikel
nav-about = Über uns
nav-newsletter = Newsletter
skip-to-content = Zum Inhalt springen
by-author = Von { $author }
published-on = Veröffentlicht am { $date }
reading-time = { $count ->
    [one] { $count } Minute Lesezeit
   *[other] { $count } Minuten Lesezeit
}
newsletter-title = Abonnieren Sie unseren Newsletter
newsletter-text = Einmal im Monat unsere besten Artikel, in Ihrer Sprache. Keine Werbung, jederzeit abbestellbar.
newsletter-email = Ihre E-Mail-Adresse
    .placeholder = sie@beispiel.de
newsletter-button = Abonnieren
related-articles = Ähnliche Artikel
read-more = Lesen
footer-text = Geschrieben, übersetzt und veröffentlicht mit Copydesk.
word-count = { $count ->
    [one] { $count } Wort
   *[other] { $count } Wörter
}
