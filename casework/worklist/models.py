"""Tasks and in-app notifications: general, reused by every feature that needs to
tell someone something or give them something to do. Each lives in the partner's
schema; URLs use the UUID public ids."""

import uuid

from django.conf import settings
from django.db import models


class TaskStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"


class Task(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # task_assignee_open leads with it: a second index of its own would cost a page a partner
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="tasks",
        db_index=False,
    )
    title = models.CharField(max_length=200)  # starts with what it is about: "SG-00003: …"
    notes = models.TextField(blank=True)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    link_url = models.CharField(max_length=300, blank=True)  # a portal path: "/cases/<uuid>/"
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = [models.F("due_on").asc(nulls_last=True), "created_at", "id"]
        indexes = [models.Index(fields=["assignee", "status", "due_on"], name="task_assignee_open")]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == TaskStatus.OPEN


class Notification(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # notification_recipient leads with it: a second index of its own would cost a page a partner
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="notifications",
        db_index=False,
    )
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Makes a reminder idempotent: the same key is sent to the same person once.
    dedupe_key = models.CharField(max_length=200, blank=True, default="")  # "": none

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="notification_dedupe_once",
            )
        ]
        indexes = [
            # The bell: unread notifications of one person.
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
