# Interface strings of the translation view. Owned by that view.

translation-source-column = Source — { $language }
translation-target-column = Translation — { $language }
translation-progress = { $done } / { $total } blocks up to date
translation-mark-all = Mark all up to date
translation-mark-block = Mark up to date
translation-next = Next to do
translation-previous = Previous to do
translation-keys-hint = Ctrl+Enter marks a block up to date and moves on · F8 / Shift+F8 go to the next / previous block to do
translation-source-removed = This paragraph was deleted from the source. Mark it up to date to remove its translation.
translation-diff-label = What changed in the source since this block was translated
translation-block-label = Translation of block { $n }
translation-block-placeholder = Translate this block…
translation-start-title = Start the { $language } translation
translation-start-body = Every block starts as untranslated; you mark each one up to date once translated.
translation-start-copy = Copy the source, to overwrite
translation-start-empty = Start from empty blocks
translation-add = Add a translation: { $language }
translation-source-tab = Source
translation-tab-progress = { $language }: { $done } / { $total } blocks up to date

state-up_to_date = Up to date
state-untranslated = Untranslated
state-source_changed = Source changed

editor-minor = Minor edit
editor-minor-hint = A typo fix: translations that were up to date stay up to date.

preview-locale = Preview language

library-filter-locale = All languages
library-filter-status = All statuses
library-version-progress = { $done } / { $total }

settings-locales = Workspace languages
settings-source-locale = Articles are written in
settings-target-locales = And translated into
settings-add-locale = Add
settings-locale-placeholder = Language tag, e.g. de, pt-BR
settings-remove-locale = Remove { $language }
settings-remove-locale-title = Stop translating into { $language }?
settings-remove-locale-body = Existing { $language } versions of articles are kept; articles will no longer offer this language.
settings-remove-locale-confirm = Remove
translation-delete = Move to trash
translation-delete-title = Move the { $language } translation to the trash?
trash-translation-of = Translation of “{ $title }”
