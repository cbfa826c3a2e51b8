"""Wagtail's own user and group screens are withheld in every partner: accounts are
managed only through Casebridge's screens, which obey the delegation rule."""

from wagtail import hooks

WITHHELD_MENU_ITEMS = {"users", "groups"}


@hooks.register("construct_settings_menu")
def hide_user_and_group_screens(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name not in WITHHELD_MENU_ITEMS]
