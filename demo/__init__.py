"""The fictional demo partners (`manage.py seed_demo`): above every app, since it fills
them all (ARCHITECTURE.md). Never for production."""
