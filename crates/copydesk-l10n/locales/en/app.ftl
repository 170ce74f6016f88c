# Copydesk's own interface, English.
# Every message here must also exist in fr/app.ftl (a unit test checks it).

app-name = Copydesk

nav-articles = Articles
nav-strings = Strings

## Library

library-heading = Library
library-new-article = New article
library-empty = No articles yet. Create one to start writing.
library-search = Filter by title
library-edited = Edited { $when }
library-open-trash = Trash
library-close-trash = Back to library
article-untitled = Untitled article

## Trash

trash-heading = Trash
trash-empty = The trash is empty.
trash-restore = Restore
trash-purge = Delete forever
trash-deleted = Moved to trash { $when }
trash-hint = Articles in the trash can be restored at any time.

## Statuses of a locale version

status-draft = Draft
status-in_review = In review
status-ready = Ready
status-published = Published
status-outdated = Outdated

## Editor

editor-empty = Select an article in the library, or create a new one.
editor-title-placeholder = Title
editor-body-label = Article text (Markdown)
meta-heading = Details
meta-slug = Slug
meta-slug-hint = Used in the article's web address
meta-author = Author
meta-date = Date
meta-tags = Tags
meta-tags-hint = Separate tags with commas
meta-categories = Categories
meta-categories-hint = Separate categories with commas
meta-featured-image = Featured image
meta-featured-image-hint = A PNG, JPEG, GIF or WebP file of the workspace's assets folder (WordPress refuses SVG)
meta-summary = Summary
meta-status = Status
meta-locale = Language
stats-words = { $count ->
    [one] { $count } word
   *[other] { $count } words
}
stats-reading = { $minutes ->
    [0] under a minute to read
    [one] { $minutes } minute to read
   *[other] { $minutes } minutes to read
}
save-saved = Saved
save-saving = Saving…
save-pending = Unsaved changes
save-failed = Not saved: { $reason } Your text is kept here and will be saved again shortly.

## Editor search panel (CodeMirror phrases)

cm-find = Find
cm-replace = Replace
cm-next = next
cm-previous = previous
cm-all = all
cm-match-case = match case
cm-regexp = regexp
cm-by-word = by word
cm-replace-one = replace
cm-replace-all = replace all
cm-close = close
cm-current-match = current match
cm-on-line = on line
cm-go-to-line = Go to line
cm-go = go

## Preview

preview-heading = Preview
preview-oversized = This { $kind ->
    [table] table
    [code] code block
    [list] list
   *[other] block
} is too large to preview ({ $size }). It stays in the article.
preview-rest = The rest of the document is too large to preview.
preview-failed = The preview could not be updated: { $reason }
preview-mode = What the preview shows
preview-mode-body = Text
preview-mode-page = Page
preview-device = Screen width
preview-device-desktop = Desktop
preview-device-tablet = Tablet
preview-device-phone = Phone
preview-page-problems = The theme has problems:
preview-page-stale = The theme has an error; the page shown is the last one that worked:

## Deleting

delete-article = Move to trash
delete-confirm-title = Move “{ $title }” to the trash?
delete-confirm-body = You can restore it from the trash at any time.
delete-confirm = Move to trash
purge-confirm-title = Delete “{ $title }” forever?
purge-confirm-body = This cannot be undone.
purge-confirm = Delete forever
dialog-cancel = Cancel

## Settings

settings-heading = Settings
settings-open = Settings
settings-close = Close
settings-language = Interface language
settings-language-system = System default ({ $language })
settings-data-dir = Data folder
language-en = English
language-fr = Français

## Errors (shown to the user; { $path } and { $detail } are filled in by the app)

error-heading = Copydesk cannot open this workspace
error-data-dir-not-writable = Copydesk cannot write to its data folder { $path }. Check that the folder exists and that you may write to it, or start Copydesk with another folder (--data-dir).
error-not-a-database = The file { $path } is not a Copydesk database. Copydesk left it untouched: move it away, or start Copydesk with another data folder.
error-foreign-database = The file { $path } is a database of another program. Copydesk left it untouched: move it away, or start Copydesk with another data folder.
error-database-too-new = The workspace { $path } was written by a newer version of Copydesk (schema { $found }; this version understands up to { $supported }). Update Copydesk. The file was left untouched.
error-data-dir = Data folder: { $path }
error-disk-full = The disk is full.
error-not-found = This article no longer exists.
error-invalid-input = Invalid value: { $detail }
error-storage = The database reported an error: { $detail }
error-internal = Something went wrong inside Copydesk: { $detail }

## Publishing errors ({ $detail } is WordPress's or the system's own text; { $env } an environment variable)

error-keyring-unavailable = The system keyring (Secret Service) cannot be used: { $detail }. Copydesk never keeps site passwords in its database: start a keyring (GNOME Keyring, KWallet, KeePassXC), or give the application password in the environment variable { $env }.
error-site-password-missing = No password is known for the site “{ $site }”. Add the site again with its application password, or set the environment variable { $env }.
error-publish-auth = WordPress refused the user name or application password: { $detail }. Check them in the site's settings (Users → Profile → Application Passwords).
error-publish-network = The site could not be reached: { $detail }. Publishing will be tried again.
error-publish-timeout = The site did not answer in time. Publishing will be tried again.
error-publish-rate-limited = The site asked to wait before trying again. Publishing will be tried again.
error-publish-server = The site answered with an error: { $detail }. Publishing will be tried again.
error-publish-tls = The secure connection to the site failed: { $detail }
error-publish-not-wordpress = This address does not look like a WordPress site: { $detail }
error-publish-rest-disabled = The site runs WordPress but its REST API is disabled or restricted: { $detail }
error-publish-rejected = WordPress refused the post: { $detail }
error-publish-conflict = The post was changed on the site since Copydesk last published it ({ $detail }). Nothing was overwritten.
error-publish-asset-missing = The image { $detail } is not in the workspace's assets folder.
error-publish-gave-up = Publishing was tried too many times and stopped: { $detail }
error-publish-invalid = Publishing failed: { $detail }

## Page preview: export as one HTML file; the workspace's site theme (settings)

preview-export = Export HTML
preview-export-hint = Save this page as one HTML file: stylesheet and images inside, no scripts
preview-exporting = Exporting…
preview-exported = Page saved to
preview-export-copy = Copy path
preview-export-copied = Path copied
preview-export-dismiss = Dismiss
preview-export-failed = The page could not be exported: { $reason }
settings-theme = Site theme
settings-theme-hint = The page preview and exported pages use these files, read again at every change. A relative path is inside the data folder, ~/ is your home folder; an empty field uses the built-in part.
settings-theme-template = Template (HTML with minijinja)
settings-theme-stylesheet = Stylesheet (CSS)
settings-theme-placeholder = Built-in
settings-theme-in-use = In use: { $path }
settings-theme-builtin = In use: the built-in theme
settings-theme-save = Save theme
settings-theme-reset = Use built-in theme
settings-theme-saved = Theme saved
error-theme-missing = { $path } does not exist.
error-theme-not-a-file = { $path } is a folder, not a file.
error-theme-not-utf8 = { $path } is not a UTF-8 text file.
error-theme-unreadable = { $path } cannot be read: { $detail }
error-export-failed = { $path } could not be written: { $detail }
