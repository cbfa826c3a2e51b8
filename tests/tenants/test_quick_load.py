"""Rows read into instances the short way (tenants.quick_load) are the instances Django's
own from_db makes: the same values in the same places, the same state; and the short
way steps aside wherever it would not be the same."""

from datetime import timedelta

import pytest
from django.db.models import Model
from django.db.models.signals import post_init, pre_init

from casework.files.models import ClientFile
from casework.models import Contact, Engagement, Programme, Service, ServiceDelivery
from casework.services.engagements import delivery_create
from tenants.quick_load import QuickLoad, attribute_names
from tests.casework.screens import new_child, new_engagement, user_with


@pytest.fixture
def rows(in_partner_a):
    programme = Programme.objects.create(name="Quick Families", code_prefix="QF")
    service = Service.objects.create(programme=programme, name="QF: Stay & Play")
    owner = user_with("practitioner")
    child = new_child(owner, first="Quick", last="Load")
    engagement = new_engagement(owner, child, programme)
    delivery_create(actor=owner, engagement=engagement, service=service, on=engagement.start_date)
    delivery_create(
        actor=owner,
        engagement=engagement,
        service=service,
        on=engagement.start_date + timedelta(days=1),
    )
    return child, engagement


def _django_way(instance: Model, columns: list[str]) -> Model:
    """The same row made by Django's own from_db (Model.__init__)."""
    model = type(instance)
    values = [instance.__dict__[name] for name in columns]
    return Model.from_db.__func__(model, instance._state.db, columns, values)


def _same(quick: Model, django: Model) -> None:
    assert type(quick) is type(django)
    mine = {k: v for k, v in quick.__dict__.items() if k != "_state"}
    theirs = {k: v for k, v in django.__dict__.items() if k != "_state"}
    assert mine == theirs
    assert list(mine) == list(theirs)  # the same order too (values(), serializers)
    assert (quick._state.adding, quick._state.db) == (False, django._state.db)
    assert quick.get_deferred_fields() == django.get_deferred_fields()


@pytest.fixture
def init_calls(monkeypatch):
    """How many times Model.__init__ runs (the short way does not run it)."""
    calls = []
    original = Model.__init__

    def counted(self, *args, **kwargs):
        calls.append(type(self))
        original(self, *args, **kwargs)

    monkeypatch.setattr(Model, "__init__", counted)
    return calls


@pytest.mark.parametrize(
    "model, columns",
    [
        (Contact, None),
        (Contact, ["id", "public_id", "first_name", "last_name"]),
        (Engagement, None),
        (Engagement, ["id", "public_id", "contact_id", "start_date", "stage"]),
        (ServiceDelivery, None),
        (ServiceDelivery, ["id", "public_id", "engagement_id", "date", "attendance"]),
    ],
)
def test_the_short_way_makes_what_django_makes(rows, init_calls, model, columns):
    queryset = model.objects.all() if columns is None else model.objects.only(*columns)
    loaded = list(queryset.order_by("pk"))
    assert loaded and not init_calls  # read the short way: no __init__ ran
    for row in loaded:
        read = [
            f.attname
            for f in model._meta.concrete_fields
            if f.attname not in row.get_deferred_fields()
        ]
        _same(row, _django_way(row, read))
    assert init_calls  # while Django's way runs __init__, once a row


def test_instances_read_the_short_way_save_refresh_and_load_deferred_columns(rows):
    child, engagement = rows
    contact = Contact.objects.only("id", "first_name").get(pk=child.pk)
    assert contact.last_name == "Load"  # a deferred column, loaded when asked for
    contact.refresh_from_db()
    assert contact.first_name == "Quick"
    delivery = ServiceDelivery.objects.filter(engagement=engagement).first()
    assert delivery.engagement == engagement  # a foreign key read through its id
    delivery.duration_minutes = 45
    delivery.save(update_fields=["duration_minutes"])
    assert ServiceDelivery.objects.get(pk=delivery.pk).duration_minutes == 45
    assert Engagement.objects.get(pk=engagement.pk) == engagement


def test_a_listener_to_the_instance_signals_gets_djangos_way(rows, init_calls):
    seen = []

    def heard(sender, **kwargs):
        seen.append(sender)

    for signal in (pre_init, post_init):
        signal.connect(heard, sender=Contact)
        try:
            seen.clear()
            init_calls.clear()
            assert Contact.objects.filter(pk=rows[0].pk).get().first_name == "Quick"
            assert seen == [Contact] and init_calls == [Contact]
        finally:
            signal.disconnect(heard, sender=Contact)
    init_calls.clear()
    Contact.objects.get(pk=rows[0].pk)
    assert not init_calls  # listener gone: the short way again


def test_a_column_with_a_descriptor_of_its_own_gets_djangos_way():
    """A file column's descriptor wraps its value: such rows are made by Django."""
    assert issubclass(ClientFile, QuickLoad)
    every = tuple(f.attname for f in ClientFile._meta.concrete_fields)
    assert attribute_names(ClientFile, every, len(every)) is None
    without_files = tuple(n for n in every if n not in ("stored", "thumbnail"))
    assert attribute_names(ClientFile, without_files, len(without_files)) == without_files
    assert attribute_names(Contact, ("id",), 2) is None  # values that do not fit
