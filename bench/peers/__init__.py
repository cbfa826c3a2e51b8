"""Peer GraphQL servers for `bin/bench graphql`, outside the application.

Each peer is a stand-alone Django project over the same partner schema's tables
(unmanaged models, the schema fixed on the connection's search_path): graphene-django
hand-tuned as Saleor's stack would be (its own venv: it needs graphql-core 3.2) and
plain strawberry-graphql-django with its optimizer (the app's venv). Neither checks a
token, a tenant or a permission: they are the floor a typical Django GraphQL stack
pays for this page, not a feature-equal server."""
