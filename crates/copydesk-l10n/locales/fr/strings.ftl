# Interface strings of the Strings view (site .ftl editor). Owned by that view.
