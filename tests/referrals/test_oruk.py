"""The directory published in Open Referral UK's shape (/oruk/ on the platform domain):
every answer validated against the profile's JSON schemas (copied under oruk_schemas/),
pagination and filters, bad parameters refused with a message, CORS, caching, the rate
limit, and nothing of a training copy, an archived partner or any person ever shown."""

import re
import uuid
from datetime import timedelta

import fastjsonschema
import pytest
from django.utils import timezone

from referrals.oruk.taxonomies import REFERRAL_TYPES_KEY, taxonomies, term_id
from referrals.services.directory import directory_entry_update
from tenants.directory_cache import published_directory_version_new
from tenants.models import DirectoryEntry, DirectoryLocation
from tests.partners import PASSWORD
from tests.referrals.oruk_validators import openapi, page_validator, validator


@pytest.fixture(autouse=True)
def fresh(settings):
    # Each test sees its own rows (changes inside a test transaction send no on-commit
    # signal) and its own rate-limit budget.
    published_directory_version_new()
    settings.ORUK_RATE_LIMIT_PER_MINUTE = 10_000


@pytest.fixture
def published(partner_a, partner_b, partner_c, platform):
    """Three services: kappa's (food, with a place in M4), alpha's and beta's."""
    kappa = DirectoryEntry.objects.get(partner=partner_c)
    kappa.name = "Kappa food help"
    kappa.description = "Food parcels for families."
    kappa.eligibility = "Families in the North West."
    kappa.fees = ""
    kappa.how_to_access = "Referral through Casebridge."
    kappa.url = "https://kappa.example.org/food"
    kappa.email = "food@kappa.example.org"
    kappa.phone = "0161 496 0001"
    kappa.service_types = ["food-pantry", "companionship"]
    kappa.save()
    DirectoryLocation.objects.create(
        entry=kappa,
        name="Kappa Hub",
        address="1 Mill Lane",
        city="Northmoor",
        postcode="M4 5AB",
        postcode_district="M4",
        region="north_west",
        opening_hours="Monday to Friday, 9am to 5pm",
    )
    alpha = DirectoryEntry.objects.create(
        partner=partner_a,
        name="Alpha family support",
        referral_types=["befriending"],
        regions=["london"],
        service_types=["family-support"],
    )
    beta = DirectoryEntry.objects.create(
        partner=partner_b,
        name="Beta helpline",
        referral_types=["other"],
        districts=["B33"],
        accepting=False,
    )
    return {"kappa": kappa, "alpha": alpha, "beta": beta}


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def names(page: dict) -> set[str]:
    return {s["name"] for s in page["contents"]}


def test_every_shape_validates_against_the_profile(platform_client, published):
    info = get(platform_client, "/oruk/")
    info_schema = openapi()["paths"]["/"]["get"]["responses"]["200"]["content"]
    fastjsonschema.compile(info_schema["application/json"]["schema"])(info)
    assert info["version"] == "3.0"

    services = get(platform_client, "/oruk/services")
    page_validator("compiled_service_list.json")(services)
    assert {"Kappa food help", "Alpha family support", "Beta helpline"} <= names(services)

    kappa_id = str(published["kappa"].public_id)
    full = get(platform_client, f"/oruk/services/{kappa_id}")
    validator("compiled_service.json")(full)
    assert full["organization"]["name"] == "Kappa Advice Provider"
    assert full["eligibility_description"] == "Families in the North West."
    assert full["application_process"] == "Referral through Casebridge."
    place = full["service_at_locations"][0]
    assert place["location"]["addresses"][0]["postal_code"] == "M4 5AB"
    assert place["schedules"][0]["description"] == "Monday to Friday, 9am to 5pm"
    areas = {(a["extent_type"], a["name"]) for a in full["service_areas"]}
    assert {("region", "London"), ("postcode district", "B33")} <= areas
    terms = {a["taxonomy_term"]["name"] for a in full["attributes"]}
    assert {"Food", "Befriending", "Food bank", "Befriending and companionship"} <= terms
    assert full["phones"][0]["number"] == "0161 496 0001" and "alert" not in full
    beta = get(platform_client, f"/oruk/services/{published['beta'].public_id}")
    assert beta["alert"] == "Not taking new referrals at the moment."

    places = get(platform_client, "/oruk/service_at_locations")
    page_validator("compiled_service_at_location_list.json")(places)
    assert [p["service"]["name"] for p in places["contents"]] == ["Kappa food help"]

    taxonomy_page = get(platform_client, "/oruk/taxonomies")
    page_validator("taxonomy.json")(taxonomy_page)
    assert taxonomy_page["total_items"] == 2
    one = get(platform_client, f"/oruk/taxonomies/{taxonomy_page['contents'][1]['id']}")
    validator("taxonomy.json")(one)
    assert len(one["taxonomy_terms"]) > 40

    terms_page = get(platform_client, "/oruk/taxonomy_terms?per_page=100")
    page_validator("taxonomy_term.json")(terms_page)
    food = term_id(REFERRAL_TYPES_KEY, "food")
    validator("taxonomy_term.json")(get(platform_client, f"/oruk/taxonomy_terms/{food}"))
    referral_terms = get(platform_client, f"/oruk/taxonomy_terms?taxonomy_id={taxonomies()[0].id}")
    assert {t["term"] for t in referral_terms["contents"]} >= {"food", "employment-support"}


def test_pages(platform_client, published):
    everything = get(platform_client, "/oruk/services?per_page=100")
    total = everything["total_items"]
    assert total >= 3 and everything["total_pages"] == 1
    first = get(platform_client, "/oruk/services?per_page=1")
    assert (first["size"], first["total_pages"], first["first_page"], first["last_page"]) == (
        1,
        total,
        True,
        False,
    )
    last = get(platform_client, f"/oruk/services?per_page=1&page={total}")
    assert last["last_page"] and not last["first_page"] and not last["empty"]
    pages = [
        get(platform_client, f"/oruk/services?per_page=1&page={n}")["contents"][0]["id"]
        for n in range(1, total + 1)
    ]
    assert pages == [s["id"] for s in everything["contents"]]  # same order, no repeats
    beyond = get(platform_client, f"/oruk/services?per_page=1&page={total + 1}")
    assert beyond["empty"] and beyond["contents"] == [] and beyond["total_items"] == total


def test_filters(platform_client, published):
    assert names(get(platform_client, "/oruk/services?text=PARCELS")) == {"Kappa food help"}
    assert names(get(platform_client, "/oruk/services?search=helpline")) == {"Beta helpline"}
    food = term_id(REFERRAL_TYPES_KEY, "food")
    found = names(get(platform_client, f"/oruk/services?taxonomy_term_id={food}"))
    assert "Kappa food help" in found and "Alpha family support" not in found
    # A category finds the services under its narrower terms.
    care = term_id("open-eligibility", "care")
    assert names(get(platform_client, f"/oruk/services?taxonomy_term_id={care}")) >= {
        "Kappa food help",
        "Alpha family support",
    }
    # A postcode: the place's district, the districts and regions covered.
    in_m4 = names(get(platform_client, "/oruk/services?postcode=M4%205AB"))
    assert "Kappa food help" in in_m4 and "Beta helpline" not in in_m4
    assert "Beta helpline" in names(get(platform_client, "/oruk/services?postcode=b33"))
    london = names(get(platform_client, "/oruk/services?district=SW1A"))
    assert "Alpha family support" in london and "Beta helpline" not in london
    places = get(platform_client, "/oruk/service_at_locations?postcode=LS1")
    assert places["contents"] == []
    # Modified after: a service not changed since is left out.
    DirectoryEntry.objects.filter(pk=published["beta"].pk).update(
        updated_at=timezone.now() - timedelta(days=30)
    )
    since = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    recent = names(get(platform_client, f"/oruk/services?modified_after={since}"))
    assert "Kappa food help" in recent and "Beta helpline" not in recent


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ("page=0", "page", "page must be between 1 and 100000."),
        ("page=two", "page", "page must be a whole number"),
        ("per_page=1000", "per_page", "per_page must be between 1 and 100."),
        ("taxonomy_term_id=food", "taxonomy_term_id", "taxonomy_term_id must be an id"),
        (
            "taxonomy_term_id=59781fd9-63f4-4ca2-a32e-de6f216892fa",
            "taxonomy_term_id",
            "is not a term here",
        ),
        (
            "taxonomy_id=cd7011ab-073d-4c9c-8393-4f33ecbb466e",
            "taxonomy_id",
            "is not a taxonomy here",
        ),
        ("postcode=!!!", "postcode", "postcode must be a UK postcode"),
        ("modified_after=yesterday", "modified_after", "modified_after must be a date"),
        ("modified_after=2026-13-45", "modified_after", "modified_after must be a date"),
        ("proximity=1000&postcode=M1", "proximity", "proximity is not supported"),
        ("text=" + "x" * 101, "text", "text must be 100 characters or fewer."),
    ],
)
def test_bad_parameters_are_refused_with_a_message(platform_client, query, parameter, words):
    for path in ("/oruk/services", "/oruk/service_at_locations"):
        answer = get(platform_client, f"{path}?{query}", status=400)
        assert answer["parameter"] == parameter and words in answer["message"]


def test_unknown_ids_are_not_found(platform_client, published):
    for path in ("services", "taxonomies", "taxonomy_terms"):
        for bad in ("not-an-id", str(uuid.uuid4())):
            assert "published here" in get(platform_client, f"/oruk/{path}/{bad}", 404)["message"]


def _strings(data) -> list[str]:
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return [str(data)]


def _everything(client) -> str:
    pages = [
        "/oruk/services?per_page=100",
        "/oruk/service_at_locations?per_page=100",
        "/oruk/taxonomies",
        "/oruk/taxonomy_terms?per_page=100",
    ]
    answers = [get(client, p) for p in pages]
    answers += [get(client, f"/oruk/services/{s['id']}") for s in answers[0]["contents"]]
    return "\n".join(s for a in answers for s in _strings(a))


def test_training_copies_archived_partners_and_people_never_appear(
    platform_client, published, partner_a, partner_b, partner_c, in_partner_a
):
    from casework.models import ContactKind
    from casework.services.contacts import contact_create
    from tests.tenants.accounts.helpers import make_user

    contact_create(
        actor=make_user(role_key="practitioner"),
        kind=ContactKind.ADULT,
        first_name="Zebedee",
        last_name="Quillfeather",
        phone="07700 900999",
        postcode="M4 5AB",
    )
    shown = _everything(platform_client)
    assert "Alpha family support" in shown and "Beta helpline" in shown
    assert "Zebedee" not in shown and "Quillfeather" not in shown and "900999" not in shown
    # Alpha becomes a training copy, beta is archived.
    partner_a.training_of = partner_c
    partner_a.save(update_fields=["training_of"])
    partner_b.is_active = False
    partner_b.archived_at = timezone.now()
    partner_b.save(update_fields=["is_active", "archived_at"])
    published_directory_version_new()
    shown = _everything(platform_client)
    for gone in ("Alpha", "Beta", str(partner_a.public_id), str(partner_b.public_id)):
        assert gone not in shown
    for entry in (published["alpha"], published["beta"]):
        assert get(platform_client, f"/oruk/services/{entry.public_id}", 404)
        found = get(platform_client, f"/oruk/services?text={entry.name}")
        assert found["total_items"] == 0
    # Every e-mail address shown is a service's own published one.
    assert set(re.findall(r"[\w.+-]+@[\w.-]+", shown)) == {"food@kappa.example.org"}


def test_open_cached_read_only_and_rate_limited(platform_client, published, settings):
    preflight = platform_client.options("/oruk/services")
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"
    refused = platform_client.post("/oruk/services", {})
    assert refused.status_code == 405 and refused["Allow"] == "GET, HEAD, OPTIONS"
    first = platform_client.get("/oruk/services")
    assert "max-age" in first["Cache-Control"] and "Set-Cookie" not in first
    published["kappa"].name = "Renamed quietly"
    published["kappa"].save()
    # Cached: the same answer until the directory says it changed.
    assert platform_client.get("/oruk/services").content == first.content
    published_directory_version_new()
    assert "Renamed quietly" in platform_client.get("/oruk/services").content.decode()

    settings.ORUK_RATE_LIMIT_PER_MINUTE = 2
    published_directory_version_new()
    other = {"REMOTE_ADDR": "192.0.2.7"}
    assert platform_client.get("/oruk/", **other).status_code == 200
    assert platform_client.get("/oruk/taxonomies", **other).status_code == 200
    limited = platform_client.get("/oruk/taxonomies", **other)
    assert limited.status_code == 429 and int(limited["Retry-After"]) <= 60
    assert "at most 2 a minute" in limited.json()["message"]
    assert platform_client.get("/oruk/", REMOTE_ADDR="192.0.2.8").status_code == 200


def test_a_kept_entry_is_published_at_once(
    platform_client, published, partner_c, django_capture_on_commit_callbacks
):
    from tenants.accounts.models import User

    manager = User.objects.get(username="platform-manager")
    get(platform_client, "/oruk/services")  # cached now
    with django_capture_on_commit_callbacks(execute=True):
        directory_entry_update(
            actor=manager,
            partner=partner_c,
            referral_types=["food"],
            regions=["north_west"],
            districts=[],
            accepting=True,
            response_hours=24,
            service={"name": "Kappa pantry", "status": "temporarily closed"},
        )
    shown = {s["name"]: s["status"] for s in get(platform_client, "/oruk/services")["contents"]}
    assert shown["Kappa pantry"] == "temporarily closed"


def test_query_counts(platform_client, published, django_assert_max_num_queries):
    """Counted with the partner middleware's domain lookup and django-tenants' search
    path (SET) before each query: two for any request, then two per query of ours. The
    same whatever the number of services, places or terms."""
    kappa_id = published["kappa"].public_id
    for url, most in (
        ("/oruk/services?per_page=100", 6),  # count, page (organisation joined)
        ("/oruk/services?postcode=M4%205AB&text=food", 8),  # + the district's region
        (f"/oruk/services/{kappa_id}", 6),  # the service, its places
        ("/oruk/service_at_locations", 6),  # count, page (service joined)
        ("/oruk/taxonomy_terms", 2),  # shipped as data: none
    ):
        with django_assert_max_num_queries(most):
            assert platform_client.get(url).status_code == 200
    with django_assert_max_num_queries(2):  # from the cache
        assert platform_client.get("/oruk/services?per_page=100").status_code == 200


def test_answers_with_a_trailing_slash_carry_no_cookie(platform_client, published):
    """The same answer with or without the slash; and, even to a signed-in visitor
    (whose session is saved on every request), no Set-Cookie and no Vary: Cookie, so a
    shared cache never stores anyone's session with a public answer."""
    response = platform_client.post(
        "/sign-in/", {"username": "platform-manager", "password": PASSWORD}
    )
    assert response.status_code == 302
    kappa = published["kappa"].public_id
    for url in (
        "/oruk/services",
        f"/oruk/services/{kappa}",
        "/oruk/taxonomies",
        "/oruk/services/nope",
    ):
        plain, slashed = platform_client.get(url), platform_client.get(url + "/")
        assert (plain.status_code, plain.content) == (slashed.status_code, slashed.content)
        for response in (plain, slashed):
            assert not response.cookies, url
            assert "cookie" not in response.get("Vary", "").lower(), url
        assert plain["Content-Type"] == "application/json"


def test_capacity_is_said_in_the_alert(platform_client, published):
    """The profile (HSDS 3.0) has no capacity field: a waiting list or a closed service
    is said in the service's alert, and the answer still validates."""
    DirectoryEntry.objects.filter(pk=published["alpha"].pk).update(wait_weeks=6)
    listed = get(platform_client, "/oruk/services")
    page_validator("compiled_service_list.json")(listed)
    alerts = {s["name"]: s.get("alert") for s in listed["contents"]}
    assert (
        alerts
        | {
            "Kappa food help": None,
            "Alpha family support": "Taking referrals, with a waiting list of about 6 weeks.",
            "Beta helpline": "Not taking new referrals at the moment.",
        }
        == alerts
    )  # and other tests' services as they are
    assert {k: alerts[k] for k in ("Kappa food help", "Alpha family support", "Beta helpline")} == {
        "Kappa food help": None,
        "Alpha family support": "Taking referrals, with a waiting list of about 6 weeks.",
        "Beta helpline": "Not taking new referrals at the moment.",
    }
    full = get(platform_client, f"/oruk/services/{published['alpha'].public_id}")
    validator("compiled_service.json")(full)
