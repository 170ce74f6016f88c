# Strings of Copydesk's built-in theme. A site's own strings folder (linked in
# the Strings view) overrides any of them, message by message.
site-name = Field Notes
site-tagline = Writing from a multilingual newsroom
nav-articles = Articles
nav-about = About
nav-newsletter = Newsletter
skip-to-content = Skip to content
by-author = By { $author }
published-on = Published on { $date }
reading-time = { $count ->
    [one] { $count } minute read
   *[other] { $count } minutes read
}
newsletter-title = Subscribe to our newsletter
newsletter-text = One letter a month with our best articles, in the language you read. No ads, unsubscribe any time.
newsletter-email = Your email address
    .placeholder = you@example.com
newsletter-button = Subscribe
related-articles = Related articles
read-more = Read
footer-text = Written, translated and published with Copydesk.
word-count = { $count ->
    [one] { $count } word
   *[other] { $count } words
}
