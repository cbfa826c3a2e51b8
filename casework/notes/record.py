"""The contact or engagement a notes screen is about: its names and its links."""

from django.urls import reverse


class Record:
    """The contact or engagement a screen is about, with its names and links."""

    def __init__(self, *, contact=None, engagement=None):
        self.engagement = engagement
        self.contact = engagement.contact if engagement is not None else contact
        if engagement is not None:
            key = engagement.public_id
            self.label = "Engagement"
            self.title = f"{engagement.programme.name} – {self.contact.display_name}"
            self.url = reverse("engagement_detail", args=[key])
            self.history_url = reverse("engagement_history", args=[key])
            self.notes_url = reverse("engagement_notes", args=[key])
            self.add_url = reverse("engagement_note_new", args=[key])
            self.call_url = reverse("engagement_call_log", args=[key])
        else:
            key = self.contact.public_id
            self.label = "Contact"
            self.title = f"{self.contact.display_name} ({self.contact.client_id})"
            self.url = reverse("contact_detail", args=[key])
            self.history_url = reverse("contact_history", args=[key])
            self.notes_url = reverse("contact_notes", args=[key])
            self.add_url = reverse("contact_note_new", args=[key])
            self.call_url = reverse("contact_call_log", args=[key])

    def on(self) -> dict:
        return {"contact": self.contact, "engagement": self.engagement}
