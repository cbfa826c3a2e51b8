"""The workspace screens: the home page (`home`) and reporting a problem (`problems`)."""
