"""The Wagtail editing form for chapters and topics: "for roles" offers the roles that
exist in this partner's schema as tick boxes instead of a bare text list."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm


class ManualPageForm(WagtailAdminPageForm):
    for_roles = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="For roles"
    )

    def __init__(self, *args, **kwargs):
        from cms.selectors import role_target_choices

        super().__init__(*args, **kwargs)
        field = self.fields.get("for_roles")
        if field is not None:
            field.choices = role_target_choices()
            model_field = self._meta.model._meta.get_field("for_roles")
            field.help_text = model_field.help_text

    def clean_help_keys(self):
        keys = self.cleaned_data.get("help_keys") or []
        # Lower-case, without repeats, in the order given.
        return list(dict.fromkeys(key.strip().lower() for key in keys if key.strip()))
