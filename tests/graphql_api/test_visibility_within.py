"""graphql_api.visibility.within: a selector's conditions on the model's own table are
added to the query itself (no `pk IN (subquery)`), keeping exactly the rows the
subquery keeps; anything that could repeat a row still goes through the subquery."""

from datetime import timedelta

from casework import selectors
from casework.models import Contact, Engagement, ServiceDelivery
from casework.services.engagements import delivery_create
from graphql_api.visibility import within
from tests.casework.screens import new_engagement


def _by_subquery(queryset, visible):
    return queryset.filter(pk__in=visible.values("pk"))


def test_conditions_are_added_to_the_query_with_the_same_rows_for_each_user(world):
    other = world.users["other"]
    theirs = new_engagement(other, world.child, world.programme)
    delivery_create(actor=other, engagement=theirs, service=world.service, on=theirs.start_date)
    delivery_create(
        actor=other,
        engagement=theirs,
        service=world.service,
        on=theirs.start_date + timedelta(days=1),
    )
    seen = {}
    for name, user in world.users.items():
        visible = selectors.deliveries_visible_to(user=user)
        narrowed = within(ServiceDelivery.objects.all(), visible)
        sql = str(narrowed.query)
        assert '"casework_servicedelivery"."id" IN (SELECT' not in sql, sql
        rows = sorted(narrowed.values_list("pk", flat=True))
        assert rows == sorted(
            _by_subquery(ServiceDelivery.objects.all(), visible).values_list("pk", flat=True)
        )
        seen[name] = rows
    # The rule itself still holds: the manager sees every delivery, each practitioner
    # their own engagement's, the colleague it was shared with the shared one's.
    assert len(seen["manager"]) == ServiceDelivery.objects.count() == 3
    assert seen["owner"] == seen["shared"] == [world.delivery.pk]
    assert len(seen["other"]) == 2 and world.delivery.pk not in seen["other"]


def test_a_selector_with_a_join_that_repeats_rows_goes_through_the_subquery(world):
    new_engagement(world.users["owner"], world.child, world.programme)  # a second one
    visible = Contact.objects.filter(engagements__programme=world.programme)
    assert visible.count() == 2  # the join repeats the child: once per engagement
    narrowed = within(Contact.objects.all(), visible)
    assert "IN (SELECT" in str(narrowed.query)
    assert list(narrowed.values_list("pk", flat=True)) == [world.child.pk]


def test_nothing_visible_and_everything_visible(world):
    assert not within(Engagement.objects.all(), Engagement.objects.none()).exists()
    everything = Engagement.objects.all()
    assert within(everything, Engagement.objects.all()) is everything
