"""The casework screens, one module per area: contacts and households, engagements
(deliveries, consultations, closing, sharing), group sessions, corrections, history,
search and pickers, consent reviews, the catalogue. What every casework screen shares (its
sub-apps' too) is `casework/views_common.py`, beside the package: these screens use the
sub-apps, so a package holding both would import round a cycle."""
