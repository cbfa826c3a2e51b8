from django.conf import settings
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

if settings.PEER == "graphene":
    from graphene_django.views import GraphQLView

    from bench.peers.graphene_schema import schema

    view = GraphQLView.as_view(schema=schema)
else:
    from strawberry.django.views import GraphQLView

    from bench.peers.strawberry_schema import schema

    view = GraphQLView.as_view(schema=schema)

urlpatterns = [path("graphql/", csrf_exempt(view))]
