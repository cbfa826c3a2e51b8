"""Agreement screens: the partner's Agreements page (`agreements`) and the console's
platform-wide agreements (`console`, routed from config.urls_public)."""
