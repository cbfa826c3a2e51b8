"""Files screens: the Files tab of a contact or an engagement, uploading, downloading (the
only way a file's bytes leave: permission-checked, audited, always as an attachment),
thumbnails, removing with a reason, and the photo on the contact card. Thin: parse with a
form, call one service or selector, respond. What the user may not see is 404."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from casework import selectors as casework_selectors
from casework.access.models import RecordType
from casework.access.services import read_log
from casework.files import policy, selectors, services
from casework.files.forms import FileForm, PhotoForm, RemoveForm
from casework.views_common import found
from tenants.accounts.views_common import form_done, help_key


class FilesRecord:
    """The contact or engagement a files screen is about, with its names and links."""

    def __init__(self, *, contact=None, engagement=None):
        self.engagement = engagement
        self.contact = engagement.contact if engagement is not None else contact
        if engagement is not None:
            key, kind = engagement.public_id, "engagement"
            self.label = "Engagement"
            self.title = f"{engagement.programme.name} – {self.contact.display_name}"
        else:
            key, kind = self.contact.public_id, "contact"
            self.label = "Contact"
            self.title = f"{self.contact.display_name} ({self.contact.client_id})"
        self.url = reverse(f"{kind}_detail", args=[key])
        self.files_url = reverse(f"{kind}_files", args=[key])
        self.add_url = reverse(f"{kind}_file_new", args=[key])

    def on(self) -> dict:
        return {"contact": self.contact, "engagement": self.engagement}


def _record(request, kind, public_id) -> FilesRecord:
    if kind == "engagement":
        engagement = casework_selectors.engagement_get(user=request.user, public_id=public_id)
        return FilesRecord(engagement=found(engagement))
    contact = casework_selectors.contact_get(user=request.user, public_id=public_id)
    return FilesRecord(contact=found(contact))


def _sent(stored, *, content_type: str, name: str | None = None) -> FileResponse:
    """The bytes as an attachment (or, for a thumbnail, an image no page can script),
    never cached, never sniffed into something else."""
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    if name is None:
        response = FileResponse(handle, content_type=content_type)
    else:
        response = FileResponse(
            handle, content_type=content_type, as_attachment=True, filename=name
        )
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@never_cache
@login_required
@help_key("files")
def files_tab(request, public_id, kind="contact"):
    record = _record(request, kind, public_id)
    files = list(selectors.files_on(user=request.user, **record.on()))
    may_remove = policy.removes_files_it_sees(request.user)
    for client_file in files:
        client_file.may_remove = may_remove(client_file)
    return render(
        request,
        "files/files_tab.html",
        {
            "record": record,
            "files": files,
            "can_add": policy.can_add_file(request.user, engagement=record.engagement),
        },
    )


@never_cache
@login_required
@help_key("files")
def file_new(request, public_id, kind="contact"):
    record = _record(request, kind, public_id)
    if not policy.can_add_file(request.user, engagement=record.engagement):
        raise PermissionDenied("You cannot add files here.")
    form = FileForm(request.POST or None, request.FILES or None)

    def work():
        data = form.cleaned_data
        services.file_add(
            actor=request.user,
            **record.on(),
            upload=data["upload"],
            category=data["category"],
            description=data["description"],
        )

    # The service names the stored file `file`; the form's field is `upload`.
    if form_done(
        request, form, work, done="The file has been uploaded.", renamed={"file": "upload"}
    ):
        return redirect(record.files_url)
    return render(request, "files/file_form.html", {"record": record, "form": form})


@never_cache
@login_required
def file_download(request, public_id):
    """Only through here, to whoever may see the record; every download is audited."""
    client_file = found(selectors.file_get(user=request.user, public_id=public_id))
    services.file_download_record(actor=request.user, client_file=client_file)
    read_log(actor=request.user, record_type=RecordType.FILE, public_ids=[client_file.public_id])
    return _sent(client_file.stored, content_type=client_file.content_type, name=client_file.name)


@never_cache
@login_required
def file_thumbnail(request, public_id):
    client_file = found(selectors.file_get(user=request.user, public_id=public_id))
    if not client_file.thumbnail:
        raise Http404
    return _sent(client_file.thumbnail, content_type="image/png")


@never_cache
@login_required
@help_key("files")
def file_remove(request, public_id):
    client_file = found(selectors.file_get(user=request.user, public_id=public_id))
    if not policy.can_remove_file(request.user, client_file):
        raise PermissionDenied("Only who uploaded a file, or a manager, can remove it.")
    record = FilesRecord(contact=client_file.contact, engagement=client_file.engagement)
    form = RemoveForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: services.file_remove(
            actor=request.user, client_file=client_file, reason=form.cleaned_data["reason"]
        ),
        done=f"“{client_file.name}” has been removed.",
    ):
        return redirect(record.files_url)
    return render(
        request,
        "casework/remove.html",
        {
            "form": form,
            "title": f"Remove “{client_file.name}”",
            "caption": record.title,
            "explain": "The file is kept, marked as removed, with who removed it and why. "
            "Nobody can download it once removed.",
            "button": "Remove the file",
            "back_url": record.files_url,
        },
    )


@never_cache
@login_required
def photo_image(request, public_id, size="full"):
    photo = found(selectors.photo_get(user=request.user, public_id=public_id))
    if size == "thumbnail" and photo.thumbnail:
        return _sent(photo.thumbnail, content_type="image/png")
    return _sent(photo.stored, content_type=photo.content_type)


@never_cache
@login_required
@help_key("files")
def photo_change(request, public_id):
    contact = found(casework_selectors.contact_get(user=request.user, public_id=public_id))
    if not policy.can_change_photo(request.user):
        raise PermissionDenied
    record = FilesRecord(contact=contact)
    photo = selectors.photo_current(user=request.user, contact=contact)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if form_done(
        request,
        form,
        lambda: services.photo_set(
            actor=request.user, contact=contact, upload=form.cleaned_data["photo"]
        ),
        done="The photo has been changed.",
    ):
        return redirect(record.url)
    return render(
        request,
        "files/photo_form.html",
        {
            "record": record,
            "form": form,
            "photo": photo,
            "earlier": selectors.photos_earlier(user=request.user, contact=contact),
        },
    )


@never_cache
@login_required
@help_key("files")
def photo_remove(request, public_id):
    contact = found(casework_selectors.contact_get(user=request.user, public_id=public_id))
    photo = found(selectors.photo_current(user=request.user, contact=contact))
    record = FilesRecord(contact=contact)
    form = RemoveForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: services.photo_remove(
            actor=request.user, contact=contact, reason=form.cleaned_data["reason"]
        ),
        done="The photo has been removed.",
    ):
        return redirect(record.url)
    return render(
        request,
        "casework/remove.html",
        {
            "form": form,
            "title": "Remove the photo",
            "caption": record.title,
            "explain": f"The photo taken off the card is kept in History ({photo.uploaded_at:%d/%m/%Y}).",
            "button": "Remove the photo",
            "back_url": record.url,
        },
    )
