"""Every portal screen's Help link leads to a topic of the default manual, not to the
manual's start page: a new screen without a topic fails here."""

from django.urls import URLPattern, URLResolver, get_resolver

from cms.default_manual import default_manual


def _views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.callback


def test_every_help_key_of_the_portal_has_a_topic():
    screens = {
        view.help_key
        for view in _views(get_resolver("config.urls_tenant").url_patterns)
        if getattr(view, "help_key", None)
    }
    topics = {key for chapter in default_manual() for t in chapter.topics for key in t.help_keys}
    assert len(screens) > 40  # the walk really found the portal's screens
    assert screens - topics == set()
