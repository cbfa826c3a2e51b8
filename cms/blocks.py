"""The blocks a manual topic is written in. Nothing here needs the internet to render:
there is no embed block, and a video is an uploaded document or a plain link."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# Headings belong to the heading block; rich text keeps to paragraphs, lists and links.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
# Uploaded documents with these extensions play in the page; anything else is a link.
VIDEO_EXTENSIONS = frozenset({"mp4", "webm", "ogv", "ogg", "m4v"})


class StepBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    image = ImageChooserBlock(required=False, help_text="An optional screenshot of this step.")
    image_alt = blocks.CharBlock(
        required=False,
        max_length=250,
        label="Screenshot description",
        help_text="What the screenshot shows, for people who cannot see it. "
        "Leave empty to use the image's own description.",
    )

    class Meta:
        icon = "list-ol"
        label = "Step"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("information", "Information"),
            ("warning", "Warning"),
            ("safeguarding", "Safeguarding"),
        ],
        default="information",
    )
    title = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "cms/blocks/callout.html"


class DefinitionBlock(blocks.StructBlock):
    term = blocks.CharBlock(max_length=120)
    definition = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "openquote"
        label = "Term"


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    document = DocumentChooserBlock(
        required=False, help_text="An uploaded video file (MP4 or WebM plays in the page)."
    )
    link = blocks.URLBlock(required=False, help_text="Or a link to where the video is kept.")
    description = blocks.TextBlock(
        required=False, help_text="What the video shows, for people who cannot watch it."
    )

    class Meta:
        icon = "media"
        template = "cms/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("document")) == bool(value.get("link")):
            message = "Choose an uploaded video or give a link, not both."
            raise StructBlockValidationError(block_errors={"document": ValidationError(message)})
        return value


class ManualBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        max_length=120, icon="title", template="cms/blocks/heading.html", form_classname="title"
    )
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, icon="pilcrow", template="cms/blocks/paragraph.html"
    )
    steps = blocks.ListBlock(
        StepBlock(), icon="list-ol", label="Numbered steps", template="cms/blocks/steps.html"
    )
    callout = CalloutBlock()
    definitions = blocks.ListBlock(
        DefinitionBlock(),
        icon="openquote",
        label="Terminology",
        template="cms/blocks/definitions.html",
    )
    video = VideoBlock()
    related = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="cms.ManualTopicPage"),
        icon="link",
        label="Related topics",
        template="cms/blocks/related.html",
    )
