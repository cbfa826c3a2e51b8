"""Every portal form takes whatever is thrown at it (issue 22): generated strings (NUL,
control characters, lone surrogates sent as raw bytes, very long text), numbers, dates
and ids, posted by a user with the right. The answer is never a 5xx or an internal error,
and a refusal (the form shown again with its errors) has written nothing.

The forms are found, not listed: each role's pages come from tests/pages_crawl.py (every
portal page, with real records of the crawl's partners) and the pages they link to (the
Change, Remove, Correct and New screens), and every form on them that posts is fuzzed
field by field from its own HTML, once per URL pattern. A page or a form added later is
fuzzed without anyone listing it. The examples are bounded (a few fixed ones plus
EXAMPLES_PER_FORM generated, new ones each run) to keep the run short; the writes roll
back with the test's transaction."""

import os
import re
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tenants.models import Partner
from tests.pages_crawl import PUBLIC, VISITS, page_url
from tests.pages_crawl_records import crawl_ensure
from tests.partners import PASSWORD

pytestmark = pytest.mark.security

# Generated examples per form on top of the fixed ones; each run draws new ones. A deeper
# run: CASEBRIDGE_FORM_FUZZ_EXAMPLES=50 bin/test --security -k form_fuzz.
EXAMPLES_PER_FORM = int(os.environ.get("CASEBRIDGE_FORM_FUZZ_EXAMPLES", "1"))
# Forms whose success ends the session or builds a partner: fuzzed elsewhere or not at
# all (what they do is tested by their own tests).
NOT_FUZZED = {
    "/sign-out/": "ends the session",
    "/account/password/": "changes the signed-in user's own password",
    "/account/two-factor/": "sets up the signed-in user's own device",
    "/training/": "clones a whole partner",
}
# The tables a refusal must leave as they were: Casebridge's own, and the rights kept by
# guardian and auth (not the session, sign-in bookkeeping or Wagtail's caches). Reads
# logged when a safeguarding case is shown again are not writes of the form.
COUNTED = re.compile(
    r"^(casework|referrals|customers|accounts|reports|workspace|cms|guardian|auth)_"
)
MAY_CHANGE = re.compile(r"_read")

NASTY_TEXT = [
    "\x00",
    "a\x00b",
    "\x07\x1b[31m",
    "\ud800",  # a lone surrogate: no browser sends it, a script can (as raw bytes)
    "x" * 25_000,
    "",
    " ",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%00",
    "\u202e",
]
NUMBERS = ["-1", "0", "1e309", "99999999999999999999", "NaN", "1.5", "-0"]
DATES = ["31/02/2020", "0/0/0", "1/1/1", "9999-12-31", "29/2/2023", "1/1/10000", "2020-13-01"]
IDS = [
    "00000000-0000-0000-0000-000000000000",
    "6f1c7c1e-2b7a-4d8e-9a3b-1c2d3e4f5a6b",
    "1",
    "-1",
    "not-an-id",
]
ANYTHING = st.one_of(
    st.sampled_from(NASTY_TEXT + NUMBERS + DATES + IDS),
    st.text(max_size=60),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


class _Forms(HTMLParser):
    """Every <form method="post"> on a page: its action and its fields (name → the
    values the page offers: a default, or a select's and radios' options)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": {}, "fixed": {}}
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            if kind == "hidden":
                self._form["fixed"][a["name"]] = a.get("value") or ""
            else:
                self._form["fields"].setdefault(a["name"], []).append(a.get("value") or "")
        elif tag in ("textarea",) and a.get("name"):
            self._form["fields"].setdefault(a["name"], []).append("")
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self._form["fields"].setdefault(a["name"], [])
        elif tag == "option" and self._select:
            self._form["fields"][self._select].append(a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def forms_on(page: str) -> list[dict]:
    parser = _Forms()
    parser.feed(page)
    return parser.forms


def _encoded(data: list[tuple[str, str]]) -> str:
    """A form body as a script can send it: lone surrogates as raw (invalid) UTF-8."""
    return "&".join(
        f"{quote(k.encode('utf-8', 'surrogatepass'))}={quote(v.encode('utf-8', 'surrogatepass'))}"
        for k, v in data
    )


def _row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s"
            " AND table_type = 'BASE TABLE'",
            [connection.schema_name],
        )
        tables = [t for (t,) in cursor.fetchall() if COUNTED.match(t) and not MAY_CHANGE.search(t)]
        union = " UNION ALL ".join(
            f"SELECT '{t}', count(*) FROM \"{t}\""
            for t in tables  # noqa: S608 (catalog names)
        )
        cursor.execute(union)
        return dict(cursor.fetchall())


def _refused(response) -> bool:
    """The form shown again with its errors, or a 4xx: nothing may have been written."""
    if 400 <= response.status_code < 500:
        return True
    return response.status_code == 200 and b"govuk-error-summary" in response.content


class Poster:
    def __init__(self, client: Client, path: str, form: dict):
        self.client, self.form = client, form
        self.url = urljoin(path, form["action"]) if form["action"] else path
        self.token = form["fixed"].get("csrfmiddlewaretoken", "")
        # The counts after a refusal (found equal to those before it), which are the counts
        # before the next post: the posts of one form follow each other with nothing between.
        self.counts = None

    def post(self, values: dict[str, str]) -> None:
        data = [(k, v) for k, v in self.form["fixed"].items()]
        data += list(values.items())
        before = self.counts or _row_counts()
        self.counts = None
        response = self.client.generic(
            "POST", self.url, _encoded(data), "application/x-www-form-urlencoded"
        )
        assert response.status_code < 500, (self.url, response.status_code, values)
        if response.streaming:  # a download: nothing to read back
            return
        assert b"Something went wrong" not in response.content, (self.url, values)
        if _refused(response):
            after = _row_counts()
            changed = {t: (before[t], after.get(t)) for t in before if after.get(t) != before[t]}
            assert not changed, ("a refused form wrote rows", self.url, changed, values)
            self.counts = after


def _fuzz(poster: Poster) -> None:
    fields = poster.form["fields"]
    names = sorted(fields)
    if not names:  # a button (mark as read, ready for review): only its fixed fields
        poster.post({})
        return
    offered = {name: [v for v in fields[name] if v] or [""] for name in names}
    # Fixed examples: each kind of nastiness in every field at once.
    for nasty in ("\x00", "\ud800", "x" * 25_000):
        poster.post({name: nasty for name in names})
    # Generated: each field an offered value (so the rest of the form can pass) or not.
    field_value = {name: st.one_of(st.sampled_from(offered[name]), ANYTHING) for name in names}

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.fixed_dictionaries(field_value))
    def generated(values):
        poster.post(values)

    generated()


@pytest.fixture(scope="session")
def crawl_ids(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with schema_context("public"):
            return crawl_ensure(PASSWORD)


def _visits():
    for visit in VISITS:
        if visit.partner != PUBLIC:
            yield pytest.param(visit, id=f"{visit.partner}-{visit.username}")


# Linked pages not read for forms: downloads, files and the way out.
NOT_READ = {
    "logout",
    "export_download",
    "problem_screenshot",
    "manual_image",
    "wagtail_serve",
    "file_download",
    "file_thumbnail",
    "photo_image",
    "photo_thumbnail",
}


def _pattern(path: str) -> str | None:
    from django.urls import Resolver404, resolve

    try:
        return resolve(urlsplit(path).path, urlconf="config.urls_tenant").url_name
    except Resolver404:
        return None


def _linked(page: str) -> list[str]:
    """The partner's own pages this page links to (relative addresses only)."""
    hrefs = re.findall(r'href="(/[^"#]*)"', page)
    return [h.replace("&amp;", "&") for h in hrefs if not h.startswith(("/static/", "/media/"))]


@pytest.mark.parametrize("visit", list(_visits()))
def test_every_form_on_the_role_s_pages_takes_anything(visit, crawl_ids, db):
    from tenants.accounts.models import User

    partner = Partner.objects.get(slug=visit.partner)
    connection.set_tenant(partner)
    try:
        user = User.objects.get(username=visit.username)
        client = Client(HTTP_HOST=partner.get_primary_domain().domain)
        fuzzed, read = set(), set()
        crawled = [page_url(entry, crawl_ids, visit.partner) for entry in visit.pages]
        queue = [(path, True) for path in crawled]
        while queue:
            path, follow_links = queue.pop(0)
            pattern = _pattern(path)
            if pattern is None or pattern in NOT_READ or (path, pattern) in read:
                continue
            read.add((path, pattern))
            client.force_login(user)
            response = client.get(path, follow=True)
            if response.status_code != 200 or response.streaming:
                continue
            path = response.request["PATH_INFO"]
            page = response.content.decode()
            if follow_links:  # one step: the screens reached from the crawl's pages
                seen = {p for _, p in read}
                for link in _linked(page):
                    linked = _pattern(link)
                    if linked and linked not in seen and linked not in NOT_READ:
                        seen.add(linked)
                        queue.append((link, False))
            for form in forms_on(page):
                poster = Poster(client, path, form)
                target = urlsplit(poster.url).path
                key = (_pattern(target), tuple(sorted(form["fields"])))
                if key in fuzzed or target in NOT_FUZZED:
                    continue
                fuzzed.add(key)
                client.force_login(user)
                _fuzz(poster)
        assert fuzzed, "no form found on the role's pages"
    finally:
        connection.set_schema_to_public()


def test_a_field_with_two_errors_has_one_error_message():
    """Found by the fuzzing: a provider that was neither offered nor valid gave the field
    two messages, each with the field's error id (ids must be unique on a page)."""
    from django import forms
    from django.template.loader import render_to_string

    class Two(forms.Form):
        provider = forms.ChoiceField(choices=[("1", "One")])

        def clean(self):
            self.add_error("provider", "Choose a provider the directory offers.")

    form = Two({"provider": "9"})
    assert len(form.errors["provider"]) == 2
    for template in ("includes/field.html", "casework/_textarea.html", "includes/choices.html"):
        html = render_to_string(template, {"field": form["provider"], "kind": "radios"})
        assert html.count('id="id_provider-error"') + html.count('id="provider-error"') == 1, (
            template
        )


def test_the_fuzzing_fails_on_a_broken_form_and_on_a_half_saved_refusal(in_partner_a, monkeypatch):
    """The checks have teeth: an internal error, and a refusal that wrote a row."""
    from casework.models import Household
    from tests.casework.screens import child_post, user_with
    from tests.clients import signed_in

    client = signed_in(in_partner_a, user_with("practitioner"))
    page = client.get("/contacts/new/?create=1").content.decode()
    form = next(f for f in forms_on(page) if "kind" in f["fields"])
    poster = Poster(client, "/contacts/new/", form)

    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("casework.views.contacts.contact_create", broken)
    with pytest.raises(RuntimeError):
        poster.post(child_post())

    def half_saved(**kwargs):
        from django.core.exceptions import ValidationError

        Household.objects.create(name="Left behind")
        raise ValidationError({"first_name": "Refused after writing."})

    monkeypatch.setattr("casework.views.contacts.contact_create", half_saved)
    with pytest.raises(AssertionError, match="a refused form wrote rows"):
        poster.post(child_post())


# --- The forms NOT_FUZZED leaves out of the role sweep --------------------------------
# The console's, signing out, the user's own password and two-factor device, and the
# training copy's: same examples, same checks, the user signed in again before every post
# (some of these end the session when they succeed). Creating a training copy (clones a
# whole partner, posted with no input at all) is left to tests/tenants/test_training.py.


class SignedInPoster(Poster):
    def __init__(self, client: Client, path: str, form: dict, user):
        super().__init__(client, path, form)
        self.user = user

    def post(self, values: dict[str, str]) -> None:
        self.client.force_login(self.user)
        super().post(values)


def _fuzz_forms_of(client: Client, user, path: str, extra: list[dict] = ()) -> set[str]:
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    fuzzed = set()
    for form in forms_on(response.content.decode()) + list(extra):
        if form["fixed"].get("action") == "create":
            continue  # the training copy's creation: see the docstring
        poster = SignedInPoster(client, path, form, user)
        _fuzz(poster)
        fuzzed.add(poster.url)
    return fuzzed


# The training screen shows the access and reset forms only once a copy exists; a script
# can post them any time.
TRAINING_FORMS = [
    {
        "action": "",
        "fields": {"colleagues": [""], "delivery": ["invitation", "password"]},
        "fixed": {"action": "access"},
    },
    {"action": "", "fields": {"confirm": ["on"]}, "fixed": {"action": "reset"}},
]


def test_own_account_sign_out_and_training_forms_take_anything(partner_a):
    from tenants.accounts import capabilities as cap
    from tests.casework.screens import user_with
    from tests.partners import domain_of

    connection.set_tenant(partner_a)
    try:
        champion = user_with("champion", privileges={cap.MANAGE_USERS, cap.CHANGE_OWN_PASSWORD})
        client = Client(HTTP_HOST=domain_of(partner_a))
        fuzzed = set()
        for path in ("/account/password/", "/account/two-factor/"):
            fuzzed |= _fuzz_forms_of(client, champion, path)
        fuzzed |= _fuzz_forms_of(client, champion, "/training/", TRAINING_FORMS)
        assert {"/account/password/", "/account/two-factor/", "/sign-out/", "/training/"} <= {
            url.split("?")[0] for url in fuzzed
        }
    finally:
        connection.set_schema_to_public()


def test_console_forms_take_anything(platform, partner_b):
    from tenants.accounts.models import User
    from tests.partners import domain_of

    manager = User.objects.get(username="platform-manager")
    client = Client(HTTP_HOST=domain_of(platform))
    fuzzed = set()
    for path in (
        "/",
        "/partners/new/",
        f"/partners/{partner_b.slug}/users/new/",
        "/account/password/",
        "/account/two-factor/",
    ):
        fuzzed |= _fuzz_forms_of(client, manager, path)
    assert {
        "/partners/new/",
        f"/partners/{partner_b.slug}/users/new/",
        "/account/password/",
        "/sign-out/",
    } <= fuzzed
