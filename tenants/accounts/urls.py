from django.urls import path

from tenants.accounts.views import account as views_account
from tenants.accounts.views import roles as views_roles
from tenants.accounts.views import tokens as views_tokens
from tenants.accounts.views import users as views_users

urlpatterns = [
    path("users/", views_users.user_list, name="users"),
    path("users/new/", views_users.user_new, name="user_new"),
    path("users/history/", views_users.users_history, name="users_history"),
    path("users/<uuid:public_id>/", views_users.user_detail, name="user_detail"),
    path("users/<uuid:public_id>/edit/", views_users.user_edit, name="user_edit"),
    path("users/<uuid:public_id>/reset/", views_users.user_reset, name="user_reset"),
    path("users/<uuid:public_id>/deactivate/", views_users.user_deactivate, name="user_deactivate"),
    path("users/<uuid:public_id>/reactivate/", views_users.user_reactivate, name="user_reactivate"),
    path(
        "users/<uuid:public_id>/two-factor-reset/",
        views_users.user_two_factor_reset,
        name="user_two_factor_reset",
    ),
    path("api-tokens/", views_tokens.token_list, name="api_tokens"),
    path("api-tokens/<uuid:public_id>/revoke/", views_tokens.token_revoke, name="api_token_revoke"),
    path("roles/", views_roles.role_list, name="roles"),
    path("roles/new/", views_roles.role_new, name="role_new"),
    path("account/password/", views_account.password_change, name="password_change"),
    path("invitation/", views_account.invitation_set_password, name="invitation_set_password"),
    path("invitation/<str:token>/", views_account.invitation_accept, name="invitation_accept"),
]
