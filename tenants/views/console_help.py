"""The platform console's help: one page, a section per console screen. (The manual is
a partner's own, in Wagtail, which has no tables in public.)"""

from django.shortcuts import render

# url name of a console screen → the section of the help page about it.
SECTIONS = {
    "home": "partners",
    "partner_new": "partners",
    "partner_archive": "partners",
    "partner_reopen": "partners",
    "partner_user_new": "accounts",
    "postcode_districts": "postcodes",
    "console_directory": "directory",
    "console_agreements": "agreements",
    "console_agreement": "agreements",
    "account": "your-account",
    "two_factor": "your-account",
    "password_change": "your-account",
    "login": "your-account",
}


def section_for(url_name: str | None) -> str:
    return SECTIONS.get(url_name or "", "")


def console_help(request):
    return render(request, "console/help.html")
