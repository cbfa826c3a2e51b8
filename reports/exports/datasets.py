"""What can be exported: each dataset names its columns and builds its rows from a
selector scoped to the user, filtered in SQL, so an export never holds a record the
user could not open. Referral datasets join this registry when the exchange lands."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from casework import policy as casework_policy
from casework.selectors import deliveries_visible_to, engagements_visible_to

CHUNK = 2000  # rows fetched per round trip from PostgreSQL's server-side cursor


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    # (column heading, field path for .values_list, optional display function)
    columns: tuple[tuple[str, str, Callable | None], ...]
    queryset: Callable[..., QuerySet]  # (user, date_from, date_to) → rows the user may see
    allowed: Callable  # (user) → bool
    order_by: tuple[str, ...] = ("id",)

    @property
    def headers(self) -> list[str]:
        return [heading for heading, _, _ in self.columns]

    def rows_for(self, *, user, date_from: date | None, date_to: date | None) -> QuerySet:
        fields = [path for _, path, _ in self.columns]
        return (
            self.queryset(user=user, date_from=date_from, date_to=date_to)
            .order_by(*self.order_by)
            .values_list(*fields)
        )

    def count_for(self, *, user, date_from, date_to) -> int:
        return self.queryset(user=user, date_from=date_from, date_to=date_to).count()

    def iter_rows(self, *, user, date_from, date_to) -> Iterator[tuple]:
        """Rows one at a time from a server-side cursor: memory stays flat."""
        display = [fn for _, _, fn in self.columns]
        for row in self.rows_for(user=user, date_from=date_from, date_to=date_to).iterator(
            chunk_size=CHUNK
        ):
            yield tuple(
                fn(value) if fn is not None else value
                for fn, value in zip(display, row, strict=True)
            )


def _labels(choices) -> Callable:
    labels = dict(choices)
    return lambda value: labels.get(value, value)


def _in_range(queryset, field: str, date_from, date_to):
    if date_from:
        queryset = queryset.filter(**{f"{field}__gte": date_from})
    if date_to:
        queryset = queryset.filter(**{f"{field}__lte": date_to})
    return queryset


def _engagements(*, user, date_from, date_to):
    return _in_range(engagements_visible_to(user=user), "start_date", date_from, date_to)


def _deliveries(*, user, date_from, date_to):
    return _in_range(deliveries_visible_to(user=user), "date", date_from, date_to)


def _customers(*, user, date_from, date_to):
    from django.db.models import StringAgg, Value

    from customers.selectors import customers_visible_to

    return _in_range(
        customers_visible_to(user=user), "created_at__date", date_from, date_to
    ).annotate(
        reasons_text=StringAgg(
            "not_interested_reasons__name",
            delimiter=Value("; "),
            order_by="not_interested_reasons__name",
        )
    )


def _employment_referrals(*, user, date_from, date_to):
    """This partner's side of its employment support referrals, with the date each step
    of the checklist was first reached, and whom each is about as this side may name
    them: the borough its own customer (name and housing reference, its own data); the
    provider what crossed in the referral with the resident's consent (the name, unless
    redacted)."""
    from django.db.models import CharField, Min, OuterRef, Subquery, Value
    from django.db.models.fields.json import KT
    from django.db.models.functions import Coalesce

    from customers.models import OutcomeStep, StepKind
    from reports.definitions.employment import referrals_reported

    def first(kind):
        return Subquery(
            OutcomeStep.objects.standing()
            .filter(referral=OuterRef("pk"), kind=kind)
            .order_by()
            .values("referral")
            .annotate(first=Min("on"))
            .values("first")[:1]
        )

    return referrals_reported(user=user, date_from=date_from, date_to=date_to).annotate(
        resident_first_name=Coalesce(
            "customer_link__customer__first_name",
            KT("payload__person__first_name"),
            Value(""),
            output_field=CharField(),
        ),
        resident_last_name=Coalesce(
            "customer_link__customer__last_name",
            KT("payload__person__last_name"),
            Value(""),
            output_field=CharField(),
        ),
        resident_housing_reference=Coalesce(
            "customer_link__customer__housing_reference", Value(""), output_field=CharField()
        ),
        **{f"step_{kind}": first(kind) for kind in StepKind.values if kind != "intervention"},
    )


def _text(value) -> str:
    return "" if value is None else str(value)


def _dataset_list() -> list[Dataset]:
    from casework.models import Attendance, Stage
    from customers.models import Interest, StepKind
    from customers.policy import can_work_with_customers
    from referrals.models import Direction, ReferralStatus
    from reports.definitions.employment import allowed as can_report_employment

    return [
        Dataset(
            key="engagements",
            title="Engagements",
            description="One row per engagement you can see, started in the dates chosen.",
            columns=(
                ("Engagement ID", "public_id", _text),
                ("Client ID", "contact__client_id", None),
                ("First name", "contact__first_name", None),
                ("Last name", "contact__last_name", None),
                ("Programme", "programme__name", None),
                ("Stage", "stage", _labels(Stage.choices)),
                ("Start date", "start_date", None),
                ("Closed on", "closed_on", None),
                ("Referral source", "referral_source", None),
                ("Referral date", "referral_date", None),
                ("Owner", "owner__full_name", None),
            ),
            queryset=_engagements,
            allowed=casework_policy.can_record_casework,
            order_by=("start_date", "id"),
        ),
        Dataset(
            key="deliveries",
            title="Service deliveries",
            description="One row per session recorded in engagements you can see.",
            columns=(
                ("Delivery ID", "public_id", _text),
                ("Engagement ID", "engagement__public_id", _text),
                ("Client ID", "engagement__contact__client_id", None),
                ("First name", "engagement__contact__first_name", None),
                ("Last name", "engagement__contact__last_name", None),
                ("Service", "service__name", None),
                ("Date", "date", None),
                ("Attendance", "attendance", _labels(Attendance.choices)),
                ("Minutes", "duration_minutes", None),
                ("Quantity", "quantity", None),
                ("Summary", "summary", None),
            ),
            queryset=_deliveries,
            allowed=casework_policy.can_record_casework,
            order_by=("date", "id"),
        ),
        Dataset(
            key="customers",
            title="Customers",
            description="One row per customer, added in the dates chosen, with their interest.",
            columns=(
                ("Customer ID", "public_id", _text),
                ("Housing reference", "housing_reference", None),
                ("First name", "first_name", None),
                ("Last name", "last_name", None),
                ("Date of birth", "date_of_birth", None),
                ("Postcode", "postcode", None),
                ("Interest", "interest", _labels(Interest.choices)),
                ("Asked on", "interest_recorded_on", None),
                ("Reasons", "reasons_text", None),
                ("Other reason", "not_interested_other", None),
            ),
            queryset=_customers,
            allowed=can_work_with_customers,
            order_by=("last_name", "first_name", "id"),
        ),
        Dataset(
            key="employment-referrals",
            title="Employment support referrals",
            description="One row per referral sent (or received) in the dates chosen: whom "
            "it is about (your own customer's name and housing reference, or the name that "
            "reached you with their consent) and the date each step was reached.",
            columns=(
                ("Referral ID", "public_id", _text),
                ("Sent or received", "direction", _labels(Direction.choices)),
                ("First name", "resident_first_name", None),
                ("Last name", "resident_last_name", None),
                ("Housing reference", "resident_housing_reference", None),
                ("Other partner", "other_partner_name", None),
                ("Status", "status", _labels(ReferralStatus.choices)),
                ("Status changed on", "status_changed_at__date", None),
                ("Sent at", "sent_at", None),
                ("Sent by", "sent_by_name", None),
                *(
                    (label, f"step_{kind}", None)
                    for kind, label in StepKind.choices
                    if kind != "intervention"
                ),
            ),
            queryset=_employment_referrals,
            allowed=can_report_employment,
            order_by=("sent_at", "id"),
        ),
    ]


DATASETS: dict[str, Dataset] = {d.key: d for d in _dataset_list()}


def datasets_for(user) -> list[Dataset]:
    return [d for d in DATASETS.values() if d.allowed(user)]
