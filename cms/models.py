# Models arrive with their issues; the app exists so its schema placement is settled.
