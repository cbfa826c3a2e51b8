"""The referrals screens, one module per area: callers and their support cases, the
exchange between partners, queues, corrections, settings, the console's directory and
feeds, the ORUK feed. `common` holds what they share."""
