"""Forms for the report and export screens: they only parse input; rules are in the
services and policy."""

from datetime import date

from django import forms

from casework.forms import date_field
from reports.definitions import order_errors, range_errors
from reports.models import ExportFormat


def default_range(today: date | None = None) -> tuple[date, date]:
    """The last twelve months, this one included."""
    today = today or date.today()
    first = today.replace(day=1)
    year, month = first.year, first.month - 11
    if month < 1:
        year, month = year - 1, month + 12
    return first.replace(year=year, month=month), today


class DateRangeForm(forms.Form):
    date_from = date_field("From", help_text="For example, 1/4/2026")
    date_to = date_field("To", help_text="For example, 31/3/2027")

    def clean(self):
        data = super().clean()
        for field, message in range_errors(data.get("date_from"), data.get("date_to")).items():
            self.add_error(field, message)
        return data

    def range(self) -> tuple[date, date]:
        start, end = default_range()
        if self.is_bound and self.is_valid():
            start = self.cleaned_data["date_from"] or start
            end = self.cleaned_data["date_to"] or end
        return start, end


class ExportForm(forms.Form):
    dataset = forms.ChoiceField(
        label="What do you want to export?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what to export.",
            "invalid_choice": "Choose what to export from the list.",
        },
    )
    format = forms.ChoiceField(
        label="File type",
        choices=ExportFormat.choices,
        widget=forms.RadioSelect,
        initial=ExportFormat.XLSX,
        error_messages={
            "required": "Choose CSV or Excel (.xlsx).",
            "invalid_choice": "Choose CSV or Excel (.xlsx).",
        },
    )
    date_from = date_field("From (optional)", help_text="For example, 1/4/2026")
    date_to = date_field("To (optional)", help_text="For example, 31/3/2027")

    def __init__(self, *args, datasets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dataset"].choices = [(d.key, d.title) for d in datasets]

    def clean(self):
        data = super().clean()
        for field, message in order_errors(data.get("date_from"), data.get("date_to")).items():
            self.add_error(field, message)
        return data
