"""Pages, images and documents are per partner: nothing of partner A is reachable on
partner B's domain, and A's files are stored under A's own schema folder."""

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.views.serve import generate_image_url

from cms.models import ManualTopicPage
from tests.clients import signed_in
from tests.cms.helpers import main_text, topic
from tests.partners import domain_of

pytestmark = pytest.mark.security

Document = get_document_model()
Image = get_image_model()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    # django-tenants caches the tenant media root until this setting changes.
    settings.MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
    return tmp_path


def _png(colour) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_page_of_partner_a_is_not_reachable_on_partner_b(in_partner_a, partner_b):
    chapter = topic("welcome").get_parent()
    chapter.add_child(
        instance=ManualTopicPage(
            title="Alpha's own procedures",
            slug="alpha-procedures",
            summary="Only for Alpha: the kettle rota.",
            help_keys=["alpha-only"],
        )
    )
    url = "/manual/start/alpha-procedures/"
    alpha = signed_in(in_partner_a, "champion")
    assert alpha.get(url).status_code == 200
    assert "Alpha's own procedures" in main_text(alpha.get("/manual/search/?q=kettle rota"))
    beta = signed_in(partner_b, "champion")
    assert beta.get(url).status_code == 404
    assert "Alpha's own procedures" not in main_text(beta.get("/manual/search/?q=kettle rota"))
    assert beta.get("/manual/help/alpha-only/")["Location"] == "/manual/?help=alpha-only"
    with schema_context(partner_b.schema_name):
        assert not ManualTopicPage.objects.filter(slug="alpha-procedures").exists()


def _use_on(page, document) -> None:
    page.body = [
        *page.body.raw_data,
        {"type": "video", "value": {"title": document.title, "document": document.pk}},
    ]
    page.save_revision().publish()


def test_a_document_is_served_only_to_who_may_read_a_page_that_uses_it(media_root, in_partner_a):
    """A video on a page for some roles is not for every member of staff (issue 22)."""
    doc = Document.objects.create(
        title="Practitioners' video", file=ContentFile(b"for-practitioners", name="p.mp4")
    )
    unused = signed_in(in_partner_a, "practitioner").get(doc.url)
    assert unused.status_code == 404  # used on no page: only the manual's editors see it
    assert signed_in(in_partner_a, "editor").get(doc.url).status_code == 200
    page = topic("welcome")
    page.for_roles = ["family_centre:practitioner"]
    _use_on(page, doc)
    practitioner = signed_in(in_partner_a, "practitioner").get(doc.url)
    assert practitioner.status_code == 200
    assert b"".join(practitioner.streaming_content) == b"for-practitioners"
    assert signed_in(in_partner_a, "integrator").get(doc.url).status_code == 404
    assert signed_in(in_partner_a, "editor").get(doc.url).status_code == 200
    # A page that is no longer live hands out nothing.
    topic("welcome").unpublish()
    assert signed_in(in_partner_a, "practitioner").get(doc.url).status_code == 404


def test_a_document_of_partner_a_is_stored_under_its_schema_and_not_served_on_b(
    media_root, in_partner_a, partner_b
):
    doc = Document.objects.create(
        title="Alpha video", file=ContentFile(b"alpha-only-bytes", name="alpha-guide.mp4")
    )
    path = Path(doc.file.path)
    assert path.is_relative_to(media_root / in_partner_a.schema_name)
    assert path.read_bytes() == b"alpha-only-bytes"
    url = doc.url
    assert url == f"/documents/{doc.pk}/alpha-guide.mp4"
    _use_on(topic("welcome"), doc)  # a topic for everyone

    alpha = signed_in(in_partner_a, "practitioner")
    response = alpha.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"alpha-only-bytes"

    # Signed out: not served even on A's own domain.
    anonymous = Client(HTTP_HOST=domain_of(in_partner_a)).get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/sign-in/")

    # On B's domain, signed in at B: B's schema has no such document.
    with schema_context(partner_b.schema_name):
        beta_doc = Document.objects.create(
            title="Beta file", file=ContentFile(b"beta-bytes", name="beta-guide.mp4")
        )
        assert not Document.objects.filter(pk=doc.pk, title="Alpha video").exists()
        assert Path(beta_doc.file.path).is_relative_to(media_root / partner_b.schema_name)
    beta = signed_in(partner_b, "champion")
    response = beta.get(url)
    assert response.status_code == 404
    connection.set_tenant(in_partner_a)


def test_an_image_of_partner_a_is_stored_under_its_schema_and_not_served_on_b(
    media_root, in_partner_a, partner_b
):
    image = Image.objects.create(
        title="Users page", file=ImageFile(io.BytesIO(_png("red")), name="users-page.png")
    )
    assert Path(image.file.path).is_relative_to(media_root / in_partner_a.schema_name)
    url = generate_image_url(image, "max-960x720", "manual_image")
    assert url.startswith("/manual/images/")

    alpha = signed_in(in_partner_a, "practitioner")
    response = alpha.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" not in response["Cache-Control"]
    connection.set_tenant(in_partner_a)
    rendition = image.renditions.get()
    assert Path(rendition.file.path).is_relative_to(media_root / in_partner_a.schema_name)

    assert Client(HTTP_HOST=domain_of(in_partner_a)).get(url).status_code == 302  # signed out

    with schema_context(partner_b.schema_name):
        assert not Image.objects.filter(pk=image.pk).exists()
    beta = signed_in(partner_b, "champion")
    assert beta.get(url).status_code == 404
    connection.set_tenant(in_partner_a)


def test_a_step_screenshot_and_a_video_render_without_the_internet(media_root, in_partner_a):
    image = Image.objects.create(
        title="Users page",
        description="The Users page with its search box",
        file=ImageFile(io.BytesIO(_png("blue")), name="users.png"),
    )
    video = Document.objects.create(
        title="Creating a user", file=ContentFile(b"\x00\x00\x00 ftypmp42", name="create.mp4")
    )
    page = topic("creating-and-editing-users")
    page.body = [
        {
            "type": "steps",
            "value": [
                {
                    "type": "item",
                    "id": "3f1c1c5e-2d49-4c55-9f87-0d1c2f7e4a10",
                    "value": {"text": "<p>Open Users.</p>", "image": image.pk, "image_alt": ""},
                }
            ],
        },
        {"type": "video", "value": {"title": "Creating a user", "document": video.pk}},
        {"type": "video", "value": {"title": "Elsewhere", "link": "https://example.org/v"}},
    ]
    page.save_revision().publish()
    html = signed_in(in_partner_a, "champion").get(page.url).content.decode()
    assert 'alt="The Users page with its search box"' in html
    assert 'src="/manual/images/' in html
    assert f'<source src="/documents/{video.pk}/create.mp4">' in html
    assert 'href="https://example.org/v"' in html
    assert "Open Users." in html
    assert "<iframe" not in html and "oembed" not in html.lower()
