"""Writes for support-line casework and the exchange: see callers, cases, exchange, webhooks."""
