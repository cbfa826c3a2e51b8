"""Training copies: a champion's practice partner, cloned from the template (never from
the live schema), filled with made-up people, marked on every page, reset at will,
with colleagues given accounts to practise."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context

from casework.models import Contact, Engagement
from casework.notes.models import Note
from tenants.accounts import capabilities as cap
from tenants.accounts.models import AuditEntry, User
from tenants.accounts.services.users import invitation_accept
from tenants.models import Partner
from tenants.services.training import (
    training_access_grant,
    training_copy_create,
    training_copy_reset,
)
from tests.casework.screens import new_child
from tests.clients import signed_in
from tests.partners import PASSWORD, domain_of
from tests.tenants.accounts.helpers import make_user

MADE_UP_SURNAMES = {"Bunny", "Hollow", "Fernsby", "Quill"}
PRACTICE_PASSWORD = "practise-safely-2026"


@pytest.fixture
def champion(in_partner_a):
    return make_user(
        role_key="champion",
        privileges={cap.MANAGE_USERS, cap.CHANGE_OWN_PASSWORD},
        password=PASSWORD,
    )


@pytest.fixture
def live_child(in_partner_a):
    author = make_user(role_key="practitioner")
    return new_child(author, first="Livia", last="Realperson", alerts="Live-only alert")


@pytest.fixture
def copy(champion, live_child):
    training, created = training_copy_create(actor=champion, partner=champion_partner())
    return training, created


def champion_partner():
    return Partner.objects.get(schema_name=connection.schema_name)


def test_the_copy_is_a_separate_partner_with_made_up_people_only(copy, champion, live_child):
    training, created = copy
    assert training.slug == "alpha-training" and training.kind == "family_centre"
    assert training.training_of.slug == "alpha" and training.is_training
    assert training.schema_name != "partner_alpha"
    with schema_context(training.schema_name):
        assert {c.last_name for c in Contact.objects.all()} == MADE_UP_SURNAMES
        assert not Contact.objects.filter(last_name="Realperson").exists()
        assert not Contact.objects.filter(alerts="Live-only alert").exists()
        assert Engagement.objects.count() == 4  # the demo's made-up engagements
        # and the demo's made-up notes, so the Notes tab can be practised too
        assert set(Note.objects.values_list("kind", flat=True)) == {"visit", "call", "meeting"}
        active = set(User.objects.filter(is_active=True).values_list("username", flat=True))
        assert active == {champion.username}  # made-up staff cannot sign in
        mine = User.objects.get(username=champion.username)
        assert not mine.has_usable_password()  # no live password travelled
        assert mine.role.key == "champion"
    assert created.user.username == champion.username and created.delivery == "invitation"
    # The live partner is untouched and records the event.
    assert Contact.objects.filter(last_name="Realperson").count() == 1
    assert AuditEntry.objects.filter(action="training.create").exists()


def test_a_second_copy_is_refused(copy, champion):
    with pytest.raises(ValidationError, match="already has a training copy"):
        training_copy_create(actor=champion, partner=champion_partner())


def test_only_a_champion_of_the_live_partner_may(in_partner_a, champion, partner_b):
    partner_a = in_partner_a
    manager = make_user(role_key="manager")  # no "manage users"
    with pytest.raises(PermissionDenied):
        training_copy_create(actor=manager, partner=partner_a)
    connection.set_tenant(partner_b)  # a champion's session elsewhere cannot act on alpha
    with pytest.raises(PermissionDenied):
        training_copy_create(actor=champion, partner=partner_a)
    connection.set_tenant(partner_a)
    assert not Partner.objects.filter(training_of=partner_a).exists()


def test_no_copy_of_a_copy(copy, champion):
    training, created = copy
    connection.set_tenant(training)
    inside = User.objects.get(username=champion.username)
    with pytest.raises(PermissionDenied):
        training_copy_create(actor=inside, partner=training)
    connection.set_schema_to_public()


def test_colleagues_get_an_account_with_the_same_username_and_role(copy, champion):
    training, _ = copy
    colleague = make_user(role_key="practitioner")
    dsl = make_user(role_key="dsl")  # more rights than a champion
    with pytest.raises(ValidationError) as refused:
        training_access_grant(
            actor=champion, partner=champion_partner(), colleague_public_ids=[dsl.public_id]
        )
    assert "no more rights than your own" in str(refused.value)
    with pytest.raises(ValidationError, match="Choose colleagues from the list"):
        training_access_grant(
            actor=champion, partner=champion_partner(), colleague_public_ids=["nope"]
        )
    with pytest.raises(ValidationError, match="at least one"):
        training_access_grant(actor=champion, partner=champion_partner(), colleague_public_ids=[])
    [created] = training_access_grant(
        actor=champion, partner=champion_partner(), colleague_public_ids=[colleague.public_id]
    )
    with schema_context(training.schema_name):
        account = User.objects.get(username=colleague.username)
        assert account.role.key == "practitioner" and account.public_id != colleague.public_id
        assert not User.objects.filter(username=dsl.username).exists()
        invitation_accept(token=created.secret, new_password=PRACTICE_PASSWORD)
    # They sign in at the training portal's own address, where every page says "training".
    client = Client(HTTP_HOST=domain_of(training))
    assert 'data-testid="training-banner"' in client.get("/sign-in/").content.decode()
    response = client.post(
        "/sign-in/", {"username": colleague.username, "password": PRACTICE_PASSWORD}
    )
    assert response.status_code == 302
    home = client.get("/").content.decode()
    assert 'data-testid="training-banner"' in home and "Alpha Family Centre" in home
    # The same password means nothing on the live portal.
    live = Client(HTTP_HOST=domain_of(Partner.objects.get(slug="alpha")))
    assert (
        live.post(
            "/sign-in/", {"username": colleague.username, "password": PRACTICE_PASSWORD}
        ).status_code
        == 200
    )
    connection.set_tenant(Partner.objects.get(slug="alpha"))


def test_reset_replaces_what_was_practised_and_keeps_the_accounts(copy, champion):
    training, _ = copy
    colleague = make_user(role_key="practitioner")
    training_access_grant(
        actor=champion,
        partner=champion_partner(),
        colleague_public_ids=[colleague.public_id],
        delivery="temporary_password",
    )
    with schema_context(training.schema_name):
        practiser = User.objects.get(username=colleague.username)
        practiser.set_password(PRACTICE_PASSWORD)
        practiser.save()
        new_child(practiser, first="Practice", last="Person")
        assert Contact.objects.filter(last_name="Person").exists()
    with pytest.raises(ValidationError, match="Confirm"):
        training_copy_reset(actor=champion, partner=champion_partner(), confirmed=False)
    before = Partner.objects.get(pk=training.pk).training_reset_at
    training_copy_reset(actor=champion, partner=champion_partner(), confirmed=True)
    with schema_context(training.schema_name):
        assert {c.last_name for c in Contact.objects.all()} == MADE_UP_SURNAMES
        assert User.objects.get(username=colleague.username).check_password(PRACTICE_PASSWORD)
        assert User.objects.get(username=champion.username).role.key == "champion"
    assert Partner.objects.get(pk=training.pk).training_reset_at > before
    assert Contact.objects.filter(last_name="Realperson").count() == 1  # live untouched


# --- screens ------------------------------------------------------------------------


def test_training_screen_for_a_champion_creates_and_shows_the_link(champion, live_child):
    partner = champion_partner()
    client = signed_in(partner, champion)
    page = client.get("/training/").content.decode()
    assert "Create a training copy" in page and ">Training</a>" in page
    response = client.post("/training/", {"action": "create"})
    page = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "http://alpha-training.localhost/invitation/" in page
    page = client.get("/training/").content.decode()
    assert 'data-testid="training-url"' in page and champion.username in page


@pytest.mark.security
def test_training_screen_access(champion, partner_b):
    partner = champion_partner()
    for role in ("practitioner", "manager", "editor"):
        user = make_user(role_key=role, password=PASSWORD)
        client = signed_in(partner, user)
        assert client.get("/training/").status_code == 403, role
        assert client.post("/training/", {"action": "create"}).status_code == 403, role
    assert not Partner.objects.filter(training_of=partner).exists()
    connection.set_tenant(partner_b)
    other = make_user(role_key="champion", privileges={cap.MANAGE_USERS}, password=PASSWORD)
    page = signed_in(partner_b, other).get("/training/").content.decode()
    assert "alpha-training" not in page and "Create a training copy" in page
    connection.set_tenant(partner)


def test_training_screen_bad_input_is_named(copy, champion):
    client = signed_in(champion_partner(), champion)
    page = client.post(
        "/training/", {"action": "access", "colleagues": ["forged"]}
    ).content.decode()
    assert "Choose colleagues from the list." in page
    page = client.post("/training/", {"action": "reset"}).content.decode()
    assert "Confirm that everything in the training copy will be replaced." in page


def test_inside_the_copy_the_screen_only_explains(copy, champion):
    training, created = copy
    with schema_context(training.schema_name):
        invitation_accept(token=created.secret, new_password=PRACTICE_PASSWORD)
    client = Client(HTTP_HOST=domain_of(training))
    client.post("/sign-in/", {"username": champion.username, "password": PRACTICE_PASSWORD})
    page = client.get("/training/").content.decode()
    assert "This is a training copy" in page and "Create a training copy" not in page
    assert client.post("/training/", {"action": "create"}).status_code == 200
    assert Partner.objects.filter(training_of__isnull=False).count() == 1


def test_the_console_marks_training_copies(copy, platform_client):
    platform_client.post("/sign-in/", {"username": "platform-staff", "password": PASSWORD})
    page = platform_client.get("/").content.decode()
    assert 'data-testid="training-tag"' in page and "Alpha Family Centre (training)" in page
