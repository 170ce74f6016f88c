# Interface strings of the Strings view (site .ftl editor). Owned by that view.

## Findings of the check engine, one per kind (strings-check-<kind>). The
## command line prints the English ones; the Strings view shows them in the
## interface language. Arguments are filled in by the engine.

strings-check-missing-file = Missing file: { $path } exists in the reference locale only
strings-check-obsolete-file = Obsolete file: { $path } has no counterpart in the reference locale
strings-check-unreadable-file = The file cannot be read: { $detail }
strings-check-file-too-large = The file is too large to check ({ $size } bytes; the limit is { $limit })
strings-check-invalid-encoding = The file is not valid UTF-8 from here on; it is checked with the bad bytes replaced, and never written
strings-check-syntax-error = Syntax error at line { $line }, column { $column }: { $detail }
strings-check-missing-message = Missing message: { $id }
strings-check-obsolete-message = Obsolete message: { $id } is not in the reference
strings-check-duplicate-message = { $id } is defined { $count } times
strings-check-missing-value = Missing value
strings-check-obsolete-value = Obsolete value: the reference has attributes only
strings-check-empty-value = { $part ->
    [variant] The variant [{ $name }] is empty, unlike the others
    [attribute] The attribute .{ $name } is empty, the reference is not
   *[value] The value is empty, the reference is not
}
strings-check-missing-attribute = Missing attribute: .{ $name }
strings-check-obsolete-attribute = Obsolete attribute: .{ $name }
strings-check-duplicate-attribute = Attribute .{ $name } is duplicated
strings-check-duplicate-variant = Variant key [{ $name }] is duplicated
strings-check-missing-plural = Plural categories missing: { $categories }
strings-check-missing-msg-ref = Missing message reference: { $ref }
strings-check-obsolete-msg-ref = Obsolete message reference: { $ref }
strings-check-missing-term-ref = Missing term reference: { $ref }
strings-check-obsolete-term-ref = Obsolete term reference: { $ref }
strings-check-css-style = { $problem ->
    [not-a-size] The style attribute is not a CSS size like the reference’s (width: 20em)
   *[differs] The style differs from the reference: { $details }
}
strings-check-replacement-character = The text holds a replacement character (�): the file was probably saved in another encoding
strings-check-missing-variable = The variable ${ $variable } of the reference is not used
strings-check-unknown-variable = Unknown variable ${ $variable }: the reference does not pass it
strings-check-markup-drift = { $has_missing ->
    [yes] { $has_extra ->
        [yes] The markup differs from the reference: { $missing } missing, { $extra } added
       *[no] The markup differs from the reference: { $missing } missing
    }
   *[no] The markup differs from the reference: { $extra } added
}
strings-check-unknown-msg-ref = { $ref } does not exist in this locale
strings-check-unknown-term-ref = The term { $ref } does not exist in this locale

## Errors of the strings use-cases ({ $path } and { $detail } are filled in by the app)

error-strings-not-a-folder = { $path } is not a folder. Choose the folder that holds one folder per language (en/, fr/, …).
error-strings-unreadable = The folder { $path } cannot be read: { $detail }
error-strings-no-locales = { $path } holds no language folders with .ftl files. A strings folder looks like en/newsletter.ftl, fr/newsletter.ftl, …
error-strings-no-reference = { $path } has no folder for the reference language “{ $locale }”.
error-strings-not-linked = No strings folder is linked to this workspace yet.
error-strings-changed = { $path } changed on disk since you opened it. Nothing was written: refresh to see the new version, then edit again.
error-strings-write = { $path } could not be written: { $detail } The file on disk is unchanged.
error-strings-unsafe = Copydesk does not write { $path } back: { $detail }. Fix the file in a text editor first.
error-strings-invalid-draft = This text is not a valid message: { $detail }

## The Strings view

strings-intro-title = Your site’s interface strings
strings-intro = Open the folder that holds your site’s Fluent files, one folder per language (en/newsletter.ftl, fr/newsletter.ftl, …). Copydesk reads them, checks them, and writes back only the messages you change.
strings-folder-label = Strings folder
strings-folder-placeholder = /path/to/site/locales
strings-folder-open = Open
strings-folder-change = Change folder
strings-folder-cancel = Cancel
strings-refresh = Refresh from disk
strings-loading = Reading the strings folder…
strings-reference-label = Reference
strings-locale-label = Translate into
strings-progress-heading = Progress
strings-progress-percent = { $percent } %
strings-progress-bar = { $locale }: { $translated } of { $total } translated, { $missing } missing, { $errors } with errors
strings-legend-ok = Translated
strings-legend-errors = With errors
strings-legend-missing = Missing
strings-files-heading = Files
strings-files-all = All files
strings-file-absent = not in this language yet
strings-file-stray = not in the reference
strings-filter-all = All
strings-filter-missing = Missing
strings-filter-errors = Errors
strings-filter-warnings = Warnings
strings-search = Search ids and text in both languages
strings-column-reference = Reference · { $locale }
strings-column-target = Translation · { $locale }
strings-list-empty = No message matches.
strings-list-truncated = { $count } more messages are not shown: narrow the search.
strings-status-missing = Missing
strings-status-error = Error
strings-status-warning = Warning
strings-status-obsolete = Obsolete
strings-status-ok = Translated
strings-untranslated = Not translated yet
strings-term = term
strings-editor-empty = Select a message to translate it.
strings-editor-close = Close the editor
strings-mode-fields = Fields
strings-mode-ftl = FTL source
strings-field-value = Value
strings-field-attribute = .{ $name }
strings-field-placeholder = Type the translation
strings-field-selector = Variants chosen by { $selector }
strings-field-default = default
strings-add-category = + { $category }
strings-categories = Plural forms in this language: { $categories }
strings-ftl-label = The message in Fluent syntax
strings-comment = Note
strings-reference-heading = Reference
strings-findings-heading = Checks
strings-findings-none = No problem found.
strings-preview-heading = Preview
strings-preview-args = Sample values
strings-preview-attribute = .{ $name }
strings-preview-category = { $category } · { $sample }
strings-save = Save
strings-revert = Revert
strings-save-clean = Up to date with the file
strings-save-dirty = Unsaved changes
strings-save-saving = Saving…
strings-save-saved = Saved to { $path }
strings-save-failed = Not saved: { $reason }
strings-save-blocked = Fix the syntax error to save.
strings-readonly = Copydesk does not write this file (see the problems above).
