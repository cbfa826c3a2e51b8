"""Files on a contact or an engagement (a letter, a consent form, a report, a photo of a
drawing) and the photo on a contact's card. Each is kept in the partner's own storage
(MEDIA_ROOT/<schema>/, under a random name) and served only through a permission-checked
view: never a public address. Removal is soft, with a reason; History keeps every change."""

import uuid

from django.conf import settings
from django.db import models

from casework.models import Contact, Engagement, Removable
from casework.tracking import tracked


class FileCategory(models.TextChoices):
    ASSESSMENT = "assessment", "Assessment or report"
    CONSENT = "consent", "Consent or agreement"
    CORRESPONDENCE = "letter", "Letter or email"
    IDENTITY = "identity", "Proof of identity or address"
    PLAN = "plan", "Plan or review"
    OTHER = "other", "Other"


def _stored_as(prefix: str, extension: str) -> str:
    # The storage adds the schema folder; the random name keeps files unguessable.
    return f"{prefix}/{uuid.uuid4().hex}.{extension}"


def file_upload_to(record, filename: str) -> str:
    return _stored_as("files", filename.rsplit(".", 1)[-1].lower())


def thumbnail_upload_to(record, filename: str) -> str:
    return _stored_as("thumbnails", "png")


def photo_upload_to(record, filename: str) -> str:
    return _stored_as("photos", filename.rsplit(".", 1)[-1].lower())


@tracked(exclude=("stored", "thumbnail"))
class ClientFile(Removable):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Always the person; the engagement too when the file is kept in one (then only those
    # who may see the engagement get it).
    # file_contact_when leads with it: a second index of its own would cost a page a partner
    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, related_name="files", db_index=False
    )
    # file_engagement_when leads with it: a second index of its own would cost a page a partner
    engagement = models.ForeignKey(
        Engagement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="files",
        db_index=False,
    )
    name = models.CharField("file name", max_length=150)  # sanitised, as shown and sent
    stored = models.FileField(upload_to=file_upload_to, max_length=200)
    thumbnail = models.ImageField(upload_to=thumbnail_upload_to, blank=True, max_length=200)
    content_type = models.CharField(max_length=100)  # read from the bytes, never the name
    size = models.PositiveBigIntegerField()
    description = models.CharField(max_length=500, blank=True)
    category = models.CharField(max_length=12, choices=FileCategory.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [
            models.Index(fields=["contact", "-uploaded_at"], name="file_contact_when"),
            models.Index(fields=["engagement", "-uploaded_at"], name="file_engagement_when"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


@tracked(exclude=("stored", "thumbnail"))
class ContactPhoto(Removable):
    """The photo on a contact's card: at most one current (not removed) per contact; a new
    one removes the one before, so History shows each change."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="photos")
    stored = models.ImageField(upload_to=photo_upload_to, max_length=200)
    thumbnail = models.ImageField(upload_to=thumbnail_upload_to, blank=True, max_length=200)
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contact"],
                condition=models.Q(removed_at__isnull=True),
                name="one_current_photo_per_contact",
            )
        ]

    def __str__(self):
        return f"Photo of {self.contact_id}"
