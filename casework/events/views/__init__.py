"""Event screens, one module per area: the calendars (mine, the partner's, a record's
Events tab), booking and attendance; and the personal calendar feed (.ics)."""
