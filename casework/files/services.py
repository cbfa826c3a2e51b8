"""Writing files and photos: upload (the type read from the bytes, the name made safe,
scanned when a scanner is configured, a thumbnail for images), remove with a reason, and
the audit of every download. Who may is policy's; every change is in the change history,
attributed to the actor."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from casework.files import content, policy
from casework.files.models import ClientFile, ContactPhoto, FileCategory
from casework.models import Contact, Engagement
from casework.policy import check_removal_reason
from casework.services.removal import mark_removed
from casework.tracking import attributed
from tenants.accounts.services.audit import audit_record

DOWNLOAD_ACTION = "file.download"
DESCRIPTION_LIMIT = 500


def _details(*, description, category) -> tuple[str, str]:
    errors = {}
    description = (description or "").strip()
    if category not in FileCategory.values:
        errors["category"] = "Choose what kind of file it is."
    if len(description) > DESCRIPTION_LIMIT:
        errors["description"] = f"Keep the description under {DESCRIPTION_LIMIT} characters."
    if errors:
        raise ValidationError(errors)
    return description, category


def _contact_current(contact: Contact) -> Contact:
    contact = Contact.objects.select_for_update().filter(pk=contact.pk).first()
    if contact is None or contact.is_removed:
        raise ValidationError({"contact": "This contact has been removed."})
    return contact


@attributed
def file_add(
    *,
    actor,
    contact: Contact,
    engagement: Engagement | None = None,
    upload,
    category: str,
    description: str = "",
) -> ClientFile:
    """A file on a contact, or in one of their engagements."""
    policy.check_add_file(actor, engagement=engagement)
    description, category = _details(description=description, category=category)
    data, content_type = content.read_checked(upload)
    extension = content.ACCEPTED[content_type]
    name = content.safe_name(getattr(upload, "name", ""), extension=extension)
    with transaction.atomic():
        if engagement is not None:
            # Locked so that a file cannot slip into an engagement as it is closed.
            engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
            policy.check_add_file(actor, engagement=engagement)
            contact = engagement.contact
        else:
            contact = _contact_current(contact)
        client_file = ClientFile(
            contact=contact,
            engagement=engagement,
            name=name,
            content_type=content_type,
            size=len(data),
            description=description,
            category=category,
            uploaded_by=actor,
        )
        client_file.stored.save(f"upload.{extension}", ContentFile(data), save=False)
        if content_type in content.IMAGES:
            thumbnail = content.thumbnail_of(data)
            if thumbnail is not None:
                client_file.thumbnail.save("thumbnail.png", ContentFile(thumbnail), save=False)
        client_file.save()
    return client_file


@attributed
def file_remove(*, actor, client_file: ClientFile, reason: str) -> ClientFile:
    """Removed, never deleted: who, when and why stay (History shows it)."""
    check_removal_reason(reason)
    with transaction.atomic():
        client_file = (
            ClientFile.objects.select_for_update(of=("self",))
            .select_related("engagement")
            .get(pk=client_file.pk)
        )
        policy.check_remove_file(actor, client_file)
        return mark_removed(client_file, actor=actor, reason=reason)


def file_download_record(*, actor, client_file: ClientFile) -> None:
    """Every download is kept in the audit, under the record the file hangs on."""
    if not policy.can_see_file(actor, client_file):
        raise policy.CaseworkRefused("You cannot see this file.")
    record = client_file.engagement or client_file.contact
    audit_record(
        actor=actor,
        action=DOWNLOAD_ACTION,
        target_public_id=record.public_id,
        detail=f"{client_file.name} (file {client_file.public_id})"[:300],
    )


@attributed
def photo_set(*, actor, contact: Contact, upload) -> ContactPhoto:
    """The contact card's photo (an image only); the one before is removed, kept in History."""
    policy.check_change_photo(actor)
    data, content_type = content.read_checked(upload, field="photo", images_only=True)
    extension = content.ACCEPTED[content_type]
    with transaction.atomic():
        contact = _contact_current(contact)
        for before in ContactPhoto.objects.select_for_update().filter(
            contact=contact, removed_at__isnull=True
        ):
            mark_removed(before, actor=actor, reason="Replaced by a new photo")
        photo = ContactPhoto(contact=contact, content_type=content_type, uploaded_by=actor)
        photo.stored.save(f"photo.{extension}", ContentFile(data), save=False)
        thumbnail = content.thumbnail_of(data)
        if thumbnail is not None:
            photo.thumbnail.save("thumbnail.png", ContentFile(thumbnail), save=False)
        photo.save()
    return photo


@attributed
def photo_remove(*, actor, contact: Contact, reason: str) -> ContactPhoto | None:
    policy.check_change_photo(actor)
    check_removal_reason(reason)
    with transaction.atomic():
        contact = _contact_current(contact)
        photo = (
            ContactPhoto.objects.select_for_update()
            .filter(contact=contact, removed_at__isnull=True)
            .first()
        )
        if photo is None:
            raise ValidationError({"reason": "This contact has no photo to remove."})
        return mark_removed(photo, actor=actor, reason=reason)
