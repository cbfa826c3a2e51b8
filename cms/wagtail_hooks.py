"""Wagtail's own user and group screens are withheld in every partner: accounts are
managed only through Casebridge's screens, which obey the delegation rule. Documents
(the manual's videos and attachments) are for the partner's signed-in staff who may read
a page that uses them (cms.policy)."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from wagtail import hooks

from cms import policy

WITHHELD_MENU_ITEMS = {"users", "groups"}


@hooks.register("construct_settings_menu")
def hide_user_and_group_screens(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name not in WITHHELD_MENU_ITEMS]


@hooks.register("before_serve_document")
def documents_for_signed_in_staff(document, request):
    # The document was looked up in the schema of the domain asked, so it is this
    # partner's own; it still needs someone signed in there.
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not policy.can_read_document(request.user, document):
        raise Http404  # as for a document that does not exist: nothing to learn from it
    return None
