from django import forms

from tenants.accounts.forms import DELIVERY_CHOICES


class TrainingAccessForm(forms.Form):
    colleagues = forms.MultipleChoiceField(
        label="Colleagues who may practise",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one colleague.",
            "invalid_choice": "Choose colleagues from the list.",
        },
    )
    delivery = forms.ChoiceField(
        label="How will they set their training password?",
        choices=DELIVERY_CHOICES,
        initial="invitation",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose an invitation link or a temporary password."},
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colleagues"].choices = [
            (str(u.public_id), f"{u.get_full_name()} ({u.username})") for u in colleagues
        ]


class TrainingResetForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand that everything practised in the training copy will be replaced",
        error_messages={
            "required": "Confirm that everything in the training copy will be replaced."
        },
    )
