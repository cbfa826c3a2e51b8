"""The duplicate-id check that runs on every page the tests render (tests/html_checks.py)."""

import pytest
from django.http import HttpResponse

from tests.html_checks import check_page, duplicate_ids


def test_elements_sharing_an_id_are_found():
    html = '<form><label for="id_on">Date</label><input id="id_on"></form><input id="id_on"/>'
    assert duplicate_ids(html) == ["id_on"]


def test_distinct_ids_and_id_like_text_pass():
    html = '<p id="a">id="a"</p><input id="b"><!-- id="b" --><span data-id="a"></span>'
    assert duplicate_ids(html) == []


def test_a_page_of_ours_with_a_duplicate_id_fails_and_others_are_left_alone():
    twice = HttpResponse('<p id="x"></p><p id="x"></p>', content_type="text/html; charset=utf-8")
    with pytest.raises(AssertionError, match=r"/contacts/ has elements sharing an id: \['x'\]"):
        check_page("/contacts/", twice)
    check_page("/cms/pages/", twice)  # Wagtail's editor is not ours to fix
    as_text = HttpResponse('<p id="x"></p><p id="x"></p>', content_type="text/csv")
    check_page("/exports/1/download/", as_text)


@pytest.mark.parametrize(
    "html",
    [
        "<a id='x'></a><b ID=x>",
        '<a href="q"id="x"><b id = "x">',
        '<a id="&#120;"><b id="x">',
        '<a title=\' id="x"\' id="x"><b id="x">',
        '<a id=="x"><b id="x">',
        '<script>var s = \'<a id="x">\';</script><a id="x">',
        '<!-- id="x" --><a id="x">',
        '<a data-id="x"><a id="x"><b id=""><i id="">',
    ],
)
def test_the_quick_look_skips_no_page_the_parser_finds_a_duplicate_on(html):
    """Pages are parsed only when the quick look finds two candidate ids alike: on every
    page where the parser counts a duplicate, it must say so."""
    from tests.html_checks import IdCounter, may_share_an_id

    parser = IdCounter()
    parser.feed(html)
    parser.close()
    counted = sorted(name for name, n in parser.ids.items() if n > 1)
    assert duplicate_ids(html) == counted
    if counted:
        assert may_share_an_id(html)
