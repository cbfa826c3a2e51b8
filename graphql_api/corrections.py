"""Correction entries in the API: what every correction shows (the `Correction`
interface), and the input every `…Correct` mutation takes. The corrected entry itself is
never changed: it lists its corrections in `correctedBy`; each correction names what it
`corrects`."""

from datetime import datetime

import strawberry


@strawberry.interface(
    name="Correction",
    description="“Entered in error: …” or the corrected text of an append-only entry.",
)
class Correction:
    kind: str = strawberry.field(description="error (entered in error) or corrected.")
    text: str = strawberry.field(description="Why it was entered in error, or the corrected text.")
    author_name: str
    at: datetime

    @strawberry.field(description="“Entered in error” or “Corrected”.")
    def kind_label(self) -> str:
        return self.get_kind_display()


@strawberry.input(description="What is wrong with an entry: the original stays, marked corrected.")
class CorrectionInput:
    kind: str = strawberry.field(description="error (entered in error) or corrected.")
    text: str = strawberry.field(description="Why it was entered in error, or the corrected text.")
