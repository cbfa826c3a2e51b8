"""Duplicate screens, one module per area: likely duplicate contacts (the list, a pair
side by side) and merging two records of one person (and undoing a merge)."""
