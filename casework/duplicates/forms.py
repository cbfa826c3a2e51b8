from django import forms


class NotDuplicateForm(forms.Form):
    reason = forms.CharField(
        label="How do you know they are different people?",
        max_length=500,
        widget=forms.Textarea,
        help_text="For example, “twins: different middle names and schools”. It is kept "
        "with your name, and the pair is not offered again.",
        error_messages={"required": "Say how you know they are different people."},
    )


class MergeForm(forms.Form):
    """Which record is kept and, where the two differ, which value of each detail: built
    for one pair (`sides`: the two records; `differing`: [(field, label, value a, value b)];
    `describe` names a record: a contact by default, RecordKind.describe for others)."""

    reason = forms.CharField(
        label="How do you know they are the same person?",
        max_length=500,
        widget=forms.Textarea,
        help_text="For example, “same child: the school confirmed the date of birth”. It is "
        "kept on both records' history with your name.",
        error_messages={"required": "Say how you know they are the same person."},
    )

    def __init__(self, *args, sides, differing, describe=None, **kwargs):
        super().__init__(*args, **kwargs)
        describe = describe or (lambda c: f"{c.display_name} ({c.client_id})")
        self.sides = sides
        self.differing = differing
        self.fields["survivor"] = forms.ChoiceField(
            label="Which record is kept?",
            choices=[(str(i), describe(c)) for i, c in enumerate(sides)],
            widget=forms.RadioSelect,
            initial="0",
            error_messages={"required": "Choose the record to keep."},
        )
        for field, label, first, second in differing:
            self.fields[f"take_{field}"] = forms.ChoiceField(
                label=label,
                choices=[("0", first or "(blank)"), ("1", second or "(blank)")],
                widget=forms.RadioSelect,
                # A detail only the other record has is offered ticked: a blank is
                # rarely the right answer, and an unticked choice would drop it.
                initial="1" if second and not first else "0",
                required=False,  # not chosen: the kept record's
            )
        self.order_fields(["survivor", *(f"take_{d[0]}" for d in differing), "reason"])

    def merge_arguments(self) -> dict:
        """survivor, merged and keep (the details taken from the merged record)."""
        kept_side = int(self.cleaned_data["survivor"])
        keep = [
            field
            for field, *_ in self.differing
            if int(self.cleaned_data.get(f"take_{field}") or kept_side) != kept_side
        ]
        return {
            "survivor": self.sides[kept_side],
            "merged": self.sides[1 - kept_side],
            "keep": keep,
        }


class MergeWithForm(forms.Form):
    q = forms.CharField(label="Who is the same person?", max_length=100, required=False)


class UnmergeForm(forms.Form):
    reason = forms.CharField(
        label="Why is the merge being undone?",
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": "Say why the merge is being undone."},
    )
