"""The tenants app's screens, one module per area: the platform console (partners, its
help, reference data), the portal shell (sign in and out), training copies, the shared
"Correct this" page, and health and error pages (`system`)."""
