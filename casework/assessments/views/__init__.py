"""Assessment screens, one module per area: a record's assessments (start, answer,
finish, correct) and managers' templates (the list and the builder)."""
