"""Which screen shows who looked at a record of each type: casework's own (contacts,
engagements) and those the apps above register in their AppConfig.ready() (support cases,
customers), so an account's reads link to each record's "Who has seen this" page."""

from django.urls import reverse

from casework.access.models import RecordType

who_looked_pages: dict[str, str] = {
    RecordType.CONTACT: "contact_who_looked",
    RecordType.ENGAGEMENT: "engagement_who_looked",
}


def who_looked_page_register(record_type: str, url_name: str) -> None:
    """The URL name (taking the record's public id) of a type's "Who has seen this" page."""
    who_looked_pages.setdefault(RecordType(record_type), url_name)


def who_looked_url(read) -> str:
    """The page of who looked at the one record a read row names, or ""."""
    url_name = who_looked_pages.get(read.record_type)
    if url_name is None or len(read.record_ids) != 1:
        return ""
    return reverse(url_name, args=[read.record_ids[0]])
