# Interface strings of the translation view. Owned by that view.
