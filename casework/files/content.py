"""What an uploaded file really is, read from its bytes (never its name or the type the
browser claims), its name made safe, its thumbnail, and the optional virus scan."""

import logging
import re
import socket
import struct
import unicodedata
from io import BytesIO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

# MIME type read from the bytes -> the extension the file is stored and sent with.
DOCUMENTS = {
    "application/pdf": "pdf",
    "application/rtf": "rtf",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
IMAGES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}
TEXT = {"text/plain": "txt", "text/csv": "csv"}
ACCEPTED = {**DOCUMENTS, **IMAGES, **TEXT}
KINDS_MESSAGE = (
    "The file must be a PDF, an image (PNG, JPEG, GIF or WebP), an Office or OpenDocument "
    "document, or plain text."
)
IMAGES_MESSAGE = "The photo must be an image: PNG, JPEG, GIF or WebP."
THUMBNAIL_SIZE = (240, 240)
SNIFF_BYTES = 8192
SCAN_CHUNK = 64 * 1024


def _human_size(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start < len(head) - 4:
            return False
    return True


def content_type_of(data: bytes, *, name: str) -> str | None:
    """The accepted MIME type these bytes are, or None (an executable, an archive, a
    script or anything else we do not take, whatever it is called)."""
    kind = filetype.guess(data[:SNIFF_BYTES])
    if kind is not None:
        return kind.mime if kind.mime in ACCEPTED else None
    if _looks_like_text(data[:SNIFF_BYTES]):
        return "text/csv" if name.lower().endswith(".csv") else "text/plain"
    return None


def safe_name(name: str, *, extension: str) -> str:
    """The name shown and sent on download: its last path part, letters, digits, spaces
    and a few marks only, at most 100 characters, ending in the extension of what the
    file really is."""
    name = unicodedata.normalize("NFKC", str(name or "")).replace("\\", "/").split("/")[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[^\w\s().,-]", "_", stem, flags=re.UNICODE)
    stem = re.sub(r"\s+", " ", stem).strip(" ._-")[:100] or "file"
    return f"{stem}.{extension}"


def read_checked(upload, *, field: str = "file", images_only: bool = False) -> tuple[bytes, str]:
    """The upload's bytes and MIME type, or a ValidationError on `field` saying why not."""
    limit = settings.CLIENT_FILE_MAX_BYTES
    if upload is None or not getattr(upload, "size", 0):
        raise ValidationError({field: "Choose a file to upload."})
    if upload.size > limit:
        raise ValidationError({field: f"The file must be smaller than {_human_size(limit)}."})
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError({field: f"The file must be smaller than {_human_size(limit)}."})
    content_type = content_type_of(data, name=getattr(upload, "name", "") or "")
    if images_only and content_type not in IMAGES:
        raise ValidationError({field: IMAGES_MESSAGE})
    if content_type is None:
        raise ValidationError({field: KINDS_MESSAGE})
    if content_type in IMAGES and not _image_opens(data):
        raise ValidationError({field: "The image could not be read: it may be damaged."})
    scan(data, field=field)
    return data, content_type


def _image_opens(data: bytes) -> bool:
    try:
        with Image.open(BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return False
    return True


def thumbnail_of(data: bytes) -> bytes | None:
    """A small PNG of an image (turned as its camera meant), or None if it cannot be made."""
    try:
        with Image.open(BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail(THUMBNAIL_SIZE)
            out = BytesIO()
            image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB").save(
                out, format="PNG"
            )
            return out.getvalue()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        return None


def scan(data: bytes, *, field: str = "file") -> None:
    """Ask clamd (settings.CLAMD_ADDRESS) whether the bytes carry a virus. Without the
    setting nothing is scanned and a notice is logged; a daemon that cannot be reached
    refuses the upload (better than keeping an unscanned file when scanning is on)."""
    address = settings.CLAMD_ADDRESS
    if not address:
        logger.info("Client file not scanned for viruses: CLAMD_ADDRESS is not set.")
        return
    try:
        answer = _clamd_instream(address, data)
    except OSError:
        logger.warning("The virus scanner at %s could not be reached.", address)
        raise ValidationError(
            {field: "The file could not be checked for viruses just now. Try again later."}
        ) from None
    if not answer.endswith("OK"):
        logger.warning("An upload was refused by the virus scanner: %s", answer)
        raise ValidationError({field: "The file was refused: the virus scanner found a threat."})


def _clamd_instream(address: str, data: bytes) -> str:
    if address.startswith("/"):
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        target = address
    else:
        host, _, port = address.rpartition(":")
        connection = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        target = (host, int(port))
    with connection:
        connection.settimeout(30)
        connection.connect(target)
        connection.sendall(b"zINSTREAM\0")
        for start in range(0, len(data), SCAN_CHUNK):
            chunk = data[start : start + SCAN_CHUNK]
            connection.sendall(struct.pack("!L", len(chunk)) + chunk)
        connection.sendall(struct.pack("!L", 0))
        reply = b""
        while not reply.endswith(b"\0"):
            part = connection.recv(4096)
            if not part:
                break
            reply += part
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()
