"""Data-sharing agreements between partners (issue 19): which referral types may cross
between two partners, which person fields, for what purpose and on which lawful basis.
Kept in the public schema (no personal data): a referral is sent only under one."""
