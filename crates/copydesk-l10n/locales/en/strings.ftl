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
