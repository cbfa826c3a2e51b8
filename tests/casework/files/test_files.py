"""Files and photos on the client record: the type read from the bytes (a renamed
executable refused), the size limit, names made safe, thumbnails, the audited download
(an attachment, never sniffed), soft removal with a reason, and every screen refusing
who may not see the record: another partner, or a colleague who may not see the
engagement, gets 404."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from casework.files import content, selectors, services
from casework.files.models import ClientFile, ContactPhoto, ContactPhotoEvent
from casework.services.engagements import engagement_share
from tenants.accounts.models import AuditEntry
from tests.casework.screens import body, new_child, new_engagement, user_with
from tests.clients import signed_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def png(size=(400, 300), colour=(200, 30, 30)) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


class World:
    pass


@pytest.fixture
def w(partner_a, partner_b, programme, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.CLAMD_ADDRESS = ""
    w = World()
    w.partner_a, w.partner_b = partner_a, partner_b
    w.owner = user_with("practitioner")
    w.other = user_with("practitioner")
    w.shared = user_with("practitioner")
    w.manager = user_with("manager")
    w.editor = user_with("editor")
    w.child = new_child(w.owner)
    w.engagement = new_engagement(w.owner, w.child, programme)
    engagement_share(actor=w.owner, engagement=w.engagement, with_user=w.shared)
    w.letter = services.file_add(
        actor=w.owner,
        contact=w.child,
        upload=upload("../../Letter to school?.pdf", PDF),
        category="letter",
        description="Letter marker",
    )
    w.drawing = services.file_add(
        actor=w.owner,
        contact=w.child,
        engagement=w.engagement,
        upload=upload("drawing.png", png()),
        category="other",
    )
    connection.set_tenant(partner_b)
    w.stranger = user_with("call-handler")
    connection.set_tenant(partner_a)
    return w


def test_the_type_is_read_from_the_bytes_and_the_name_made_safe(w):
    assert (w.letter.content_type, w.letter.name) == ("application/pdf", "Letter to school.pdf")
    assert w.drawing.content_type == "image/png" and w.drawing.thumbnail
    assert not w.letter.thumbnail  # nothing but images is rendered
    with Image.open(w.drawing.thumbnail.open("rb")) as thumb:
        assert max(thumb.size) <= content.THUMBNAIL_SIZE[0]
    # Stored under the partner's schema folder, by a random name.
    assert f"/{w.partner_a.schema_name}/files/" in w.letter.stored.path
    assert "Letter" not in w.letter.stored.name
    # A PNG called .pdf is a PNG; a text file stays text; a renamed executable, an
    # unknown binary and an empty file are refused whatever they are called.
    renamed = services.file_add(
        actor=w.owner, contact=w.child, upload=upload("scan.pdf", png()), category="other"
    )
    assert (renamed.content_type, renamed.name) == ("image/png", "scan.png")
    notes = services.file_add(
        actor=w.owner,
        contact=w.child,
        upload=upload("notes.txt", "Café\n".encode()),
        category="other",
    )
    assert notes.content_type == "text/plain"
    before = ClientFile.objects.count()
    for name, data in (
        ("report.pdf", EXE),
        ("setup.exe", EXE),
        ("photo.jpg", b"\x7fELF\x02\x01\x01" + b"\x00" * 100),
        ("data.docx", b"PK\x03\x04" + b"\x00" * 100),
        ("blob.bin", bytes(range(256))),
    ):
        with pytest.raises(ValidationError) as refused:
            services.file_add(
                actor=w.owner, contact=w.child, upload=upload(name, data), category="other"
            )
        assert refused.value.message_dict == {"file": [content.KINDS_MESSAGE]}, name
    assert ClientFile.objects.count() == before


def test_an_oversize_file_is_refused(w, settings):
    settings.CLIENT_FILE_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as refused:
        services.file_add(
            actor=w.owner,
            contact=w.child,
            upload=upload("big.pdf", PDF + b" " * 2000),
            category="other",
        )
    assert refused.value.message_dict == {"file": ["The file must be smaller than 1 KB."]}
    # The portal says so beside the field.
    client = signed_in(w.partner_a, w.owner)
    page = body(
        client.post(
            f"/contacts/{w.child.public_id}/files/new/",
            {"upload": upload("big.pdf", PDF + b" " * 2000), "category": "other"},
        )
    )
    assert "The file must be smaller than 1 KB." in page and "govuk-error-summary" in page


def test_the_virus_scan_hook(w, settings, caplog):
    caplog.set_level("INFO", logger="casework.files.content")
    content.scan(PDF)
    assert "not scanned for viruses" in caplog.text
    settings.CLAMD_ADDRESS = "127.0.0.1:1"  # nothing listens: refused, never kept unscanned
    with pytest.raises(ValidationError) as refused:
        content.scan(PDF)
    assert "could not be checked for viruses" in str(refused.value)


def test_the_download_is_an_audited_attachment(w):
    client = signed_in(w.partner_a, w.shared)
    response = client.get(f"/files/{w.drawing.public_id}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == w.drawing.stored.open("rb").read()
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action=services.DOWNLOAD_ACTION)
    assert entry.actor_username == w.shared.username
    assert entry.target_public_id == w.engagement.public_id
    assert str(w.drawing.public_id) in entry.detail
    thumb = client.get(f"/files/{w.drawing.public_id}/thumbnail/")
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/png"
    assert client.get(f"/files/{w.letter.public_id}/thumbnail/").status_code == 404


def test_upload_from_the_portal_and_the_tab(w, django_assert_max_num_queries):
    client = signed_in(w.partner_a, w.owner)
    response = client.post(
        f"/engagements/{w.engagement.public_id}/files/new/",
        {"upload": upload("Consent form.pdf", PDF), "category": "consent", "description": "Signed"},
    )
    assert response.status_code == 302
    page = body(client.get(f"/contacts/{w.child.public_id}/files/"))
    assert "Consent form.pdf" in page and "Letter marker" in page and "Files (3)" in page
    url = f"/engagements/{w.engagement.public_id}/files/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        services.file_add(
            actor=w.owner,
            contact=w.child,
            engagement=w.engagement,
            upload=upload("a.pdf", PDF),
            category="other",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
    # What another practitioner sees: the contact's file only.
    page = body(signed_in(w.partner_a, w.other).get(f"/contacts/{w.child.public_id}/files/"))
    assert "Letter marker" in page and "drawing.png" not in page and "Files (1)" in page


def test_removal_is_soft_with_a_reason(w):
    with pytest.raises(ValidationError):
        services.file_remove(actor=w.owner, client_file=w.letter, reason=" ")
    with pytest.raises(services.policy.CaseworkRefused):
        services.file_remove(actor=w.other, client_file=w.letter, reason="Wrong child")
    client = signed_in(w.partner_a, w.owner)
    response = client.post(f"/files/{w.letter.public_id}/remove/", {"reason": "Wrong child"})
    assert response.status_code == 302
    w.letter.refresh_from_db()
    assert w.letter.removal_reason == "Wrong child" and w.letter.stored
    assert client.get(f"/files/{w.letter.public_id}/download/").status_code == 404
    assert selectors.files_count(user=w.owner, contact=w.child) == 1


def test_the_photo_is_changed_and_removed_with_history(w):
    client = signed_in(w.partner_a, w.other)
    url = f"/contacts/{w.child.public_id}/photo/"
    page = body(client.post(url, {"photo": upload("me.pdf", PDF)}))
    assert content.IMAGES_MESSAGE in page
    assert client.post(url, {"photo": upload("me.png", png())}).status_code == 302
    first = ContactPhoto.objects.get(removed_at__isnull=True)
    assert (
        client.post(url, {"photo": upload("me2.png", png(colour=(0, 0, 255)))}).status_code == 302
    )
    first.refresh_from_db()
    assert first.removal_reason == "Replaced by a new photo"
    current = ContactPhoto.objects.get(removed_at__isnull=True)
    page = body(client.get(f"/contacts/{w.child.public_id}/"))
    assert f"/photos/{current.public_id}/thumbnail/" in page
    image = client.get(f"/photos/{current.public_id}/")
    assert image.status_code == 200 and image["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/photos/{first.public_id}/").status_code == 404
    assert (
        client.post(f"/contacts/{w.child.public_id}/photo/remove/", {"reason": "Asked"}).status_code
        == 302
    )
    assert not ContactPhoto.objects.filter(removed_at__isnull=True).exists()
    assert ContactPhotoEvent.objects.filter(pgh_obj=current, pgh_label="update").exists()
    page = body(client.get(url))
    assert "Replaced by a new photo" in page and "Asked" in page


def _urls(w):
    c, e = w.child.public_id, w.engagement.public_id
    return {
        "contact_files": f"/contacts/{c}/files/",
        "contact_file_new": f"/contacts/{c}/files/new/",
        "engagement_files": f"/engagements/{e}/files/",
        "engagement_file_new": f"/engagements/{e}/files/new/",
        "file_download": f"/files/{w.drawing.public_id}/download/",
        "file_thumbnail": f"/files/{w.drawing.public_id}/thumbnail/",
        "file_remove": f"/files/{w.drawing.public_id}/remove/",
        "contact_photo": f"/contacts/{c}/photo/",
        "contact_photo_remove": f"/contacts/{c}/photo/remove/",
        "photo_image": f"/photos/{w.photo.public_id}/",
        "photo_thumbnail": f"/photos/{w.photo.public_id}/thumbnail/",
    }


OK, NF, NO = 200, 404, 403
WHO = ("owner", "other", "shared", "manager", "editor", "stranger")
EXPECTED = {
    "contact_files": (OK, OK, OK, OK, NF, NF),
    "contact_file_new": (OK, OK, OK, OK, NF, NF),
    "engagement_files": (OK, NF, OK, OK, NF, NF),
    "engagement_file_new": (OK, NF, OK, OK, NF, NF),
    "file_download": (OK, NF, OK, OK, NF, NF),
    "file_thumbnail": (OK, NF, OK, OK, NF, NF),
    # Who uploaded it, or a manager.
    "file_remove": (OK, NF, NO, OK, NF, NF),
    "contact_photo": (OK, OK, OK, OK, NF, NF),
    "contact_photo_remove": (OK, OK, OK, OK, NF, NF),
    "photo_image": (OK, OK, OK, OK, NF, NF),
    "photo_thumbnail": (OK, OK, OK, OK, NF, NF),
}


def test_every_files_screen_refuses_who_may_not_see_it(w, client_a):
    w.photo = services.photo_set(actor=w.owner, contact=w.child, upload=upload("p.png", png()))
    urls = _urls(w)
    assert set(urls) == set(EXPECTED)
    before = (
        ClientFile.objects.filter(removed_at__isnull=True).count(),
        ContactPhoto.objects.count(),
    )
    clients = {
        who: signed_in(w.partner_b if who == "stranger" else w.partner_a, getattr(w, who))
        for who in WHO
    }
    connection.set_tenant(w.partner_a)
    for name, url in urls.items():
        for who, expected in zip(WHO, EXPECTED[name], strict=True):
            client = clients[who]
            assert client.get(url).status_code == expected, (who, name)
            if expected != OK:
                client.post(
                    url,
                    {
                        "reason": "Forged",
                        "category": "other",
                        "upload": upload("f.pdf", PDF),
                        "photo": upload("f.png", png()),
                    },
                )
            connection.set_tenant(w.partner_a)
        response = client_a.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"], name
    assert (
        ClientFile.objects.filter(removed_at__isnull=True).count(),
        ContactPhoto.objects.count(),
    ) == before
    # Downloads refused were not audited; nor were the allowed GETs of thumbnails.
    assert AuditEntry.objects.filter(action=services.DOWNLOAD_ACTION).count() == 3
