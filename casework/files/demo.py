"""Demo files on the family centre's first child: a small made-up PDF letter kept on
their record and a drawing (a PNG made in code) in their engagement (idempotent)."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from casework.files.models import ClientFile
from casework.files.services import file_add
from casework.models import Engagement


def _letter_pdf() -> bytes:
    """A one-page PDF with a line of text, written by hand (no PDF library needed)."""
    text = b"BT /F1 14 Tf 72 720 Td (Nursery place confirmed from September. - Demo letter) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _drawing_png() -> bytes:
    image = Image.new("RGB", (320, 240), (255, 250, 235))
    draw = ImageDraw.Draw(image)
    draw.ellipse((40, 40, 140, 140), fill=(250, 200, 40))  # a sun
    draw.rectangle((170, 120, 280, 210), fill=(200, 60, 60))  # a house
    draw.polygon([(160, 120), (225, 70), (290, 120)], fill=(90, 60, 40))
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def files_demo_seed(*, practitioner) -> None:
    engagement = Engagement.objects.select_related("contact").order_by("id").first()
    if engagement is None or ClientFile.objects.exists():
        return
    file_add(
        actor=practitioner,
        contact=engagement.contact,
        upload=SimpleUploadedFile("Nursery place letter.pdf", _letter_pdf()),
        category="letter",
        description="The nursery's letter confirming a place from September",
    )
    file_add(
        actor=practitioner,
        contact=engagement.contact,
        engagement=engagement,
        upload=SimpleUploadedFile("Drawing at Stay and Play.png", _drawing_png()),
        category="other",
        description="A drawing of home, made at Stay & Play",
    )
