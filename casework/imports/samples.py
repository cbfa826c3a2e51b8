"""Made-up exports in the shapes of the systems partners leave, for the tests, the bench
and the demo partners: a Salesforce NPSP contacts report (each household a child and a
parent sharing an Account ID), its Program Management Module engagements (the children on
a programme) and their service deliveries. Rows are written as they are made, so a file of
any size costs the same memory; the same `count` gives the same file."""

import csv
from datetime import date, timedelta

FIRST = (
    "Ada Alfie Amara Arlo Bea Cal Cleo Dara Eden Elio Esme Evie Finn Fern Gus Hana Ike Isla "
    "Ivo Jada Jude Kai Kit Lena Lior Luca Mae Mira Nell Nico Noor Ola Omar Orla Otis Pia "
    "Quin Rae Remy Rhea Rio Ruby Sol Suki Tam Tess Theo Uma Vida Wren Xan Yara Zac Zora"
).split()
LAST = (
    "Ashdown Birchley Brackett Colby Crane Dunmore Elwood Farrow Fenwick Garber Hadley "
    "Hartwell Ingram Jessop Kestrel Lanyon Larkin Marlow Merrick Nettle Oakes Pemberton "
    "Quarry Radley Rookwood Salter Selby Thackeray Tolland Underhill Vance Wexley Whitlow "
    "Yardley Yeoman Zeller"
).split()
POSTCODES = ("SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "LS1 4AP", "BS1 5TR")
START = date(2024, 1, 8)

CONTACT_HEADERS = [
    "Contact ID",
    "Account ID",
    "Account Name",
    "First Name",
    "Last Name",
    "Birthdate",
    "Contact Type",
    "Phone",
    "Email",
    "Mailing Street",
    "Mailing City",
    "Mailing Zip/Postal Code",
]
ENGAGEMENT_HEADERS = [
    "Program Engagement ID",
    "Program Engagement Name",
    "Contact ID",
    "Program",
    "Stage",
    "Start Date",
    "Application Date",
]
DELIVERY_HEADERS = [
    "Service Delivery ID",
    "Service Delivery Name",
    "Program Engagement ID",
    "Service",
    "Delivery Date",
    "Attendance Status",
    "Quantity",
]


def _sf_id(prefix: str, number: int) -> str:
    """A Salesforce-looking 18-character id (made up)."""
    return f"{prefix}{number:015d}"


def contact_rows(count: int):
    """`count` contacts: pairs of a child and their parent, one household (account) each."""
    for i in range(count):
        family, parent = divmod(i, 2)
        last = LAST[family % len(LAST)]
        first = FIRST[(family * 7 + parent * 3) % len(FIRST)]
        # Birthdays cycle over a prime number of days, so a namesake born the same day
        # comes only after 200,000 families (the bench's files hold no one twice).
        if parent:
            born = date(1975, 1, 1) + timedelta(days=(family * 37) % 8999)
        else:
            born = date(2009, 1, 1) + timedelta(days=(family * 13) % 6199)
        yield [
            _sf_id("003", i),
            _sf_id("001", family),
            f"{last} Household",
            first,
            last,
            born.isoformat(),
            "Parent" if parent else "Child",
            f"07700 9{(family % 100000):05d}" if parent else "",
            f"{first.lower()}.{last.lower()}.{i}@example.org" if parent else "",
            f"{family % 200 + 1} Orchard Row",
            "Riverton",
            POSTCODES[family % len(POSTCODES)],
        ]


def engagement_rows(count: int, programme: str = "Riverside Families"):
    """An engagement for each child of contact_rows(count)."""
    for i in range(0, count, 2):
        family = i // 2
        start = START + timedelta(days=family % 300)
        yield [
            _sf_id("a0E", family),
            f"PE-{family:06d}",
            _sf_id("003", i),
            programme,
            "Active",
            start.isoformat(),
            (start - timedelta(days=7)).isoformat(),
        ]


def delivery_rows(count: int, per_engagement: int = 3, service: str = "Stay & Play session"):
    """`per_engagement` weekly sessions of each engagement of engagement_rows(count)."""
    for i in range(0, count, 2):
        family = i // 2
        start = START + timedelta(days=family % 300)
        for week in range(per_engagement):
            number = family * per_engagement + week
            yield [
                _sf_id("a0S", number),
                f"SD-{number:07d}",
                _sf_id("a0E", family),
                service,
                (start + timedelta(weeks=week)).isoformat(),
                "Attended" if (family + week) % 4 else "Absent",
                "1",
            ]


def sample_write(out, headers: list[str], rows) -> int:
    """Write a CSV (to a text file opened with newline=""), returning its rows."""
    writer = csv.writer(out)
    writer.writerow(headers)
    written = 0
    for row in rows:
        writer.writerow(row)
        written += 1
    return written
