"""The page's three tables, as the peers see them: unmanaged, columns the page reads."""
# ruff: noqa: DJ008  (read-only mirrors for a benchmark: never shown to anyone)

from django.db import models


class Contact(models.Model):
    public_id = models.UUIDField()
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)

    class Meta:
        app_label = "peers"
        managed = False
        db_table = "casework_contact"


class Engagement(models.Model):
    public_id = models.UUIDField()
    contact = models.ForeignKey(Contact, on_delete=models.DO_NOTHING, related_name="+")
    stage = models.CharField(max_length=20)
    start_date = models.DateField()

    class Meta:
        app_label = "peers"
        managed = False
        db_table = "casework_engagement"


class ServiceDelivery(models.Model):
    public_id = models.UUIDField()
    engagement = models.ForeignKey(
        Engagement, on_delete=models.DO_NOTHING, related_name="deliveries"
    )
    date = models.DateField()
    attendance = models.CharField(max_length=20)

    class Meta:
        app_label = "peers"
        managed = False
        db_table = "casework_servicedelivery"
