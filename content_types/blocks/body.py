"""The rich body every article-like page shares."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "hr", "superscript", "subscript"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="标题文字", max_length=120)
    level = blocks.ChoiceBlock(
        label="级别", choices=[("h2", "二级标题"), ("h3", "三级标题"), ("h4", "四级标题")], default="h2"
    )

    class Meta:
        icon = "title"
        label = "小标题"
        template = "content_types/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    caption = blocks.CharBlock(label="图片说明", required=False, max_length=255)
    alt_text = blocks.CharBlock(label="替代文字", required=False, max_length=255, help_text="留空则使用图片标题")

    class Meta:
        icon = "image"
        label = "图片"
        template = "content_types/blocks/image.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="图集标题", required=False, max_length=120)
    images = blocks.ListBlock(ImageBlock(), label="图片", min_num=1)

    class Meta:
        icon = "image"
        label = "图集"
        template = "content_types/blocks/gallery.html"


class VideoBlock(blocks.StructBlock):
    """Either an uploaded video from the media library or an embed from a video site, not both."""

    video = SnippetChooserBlock("media.Video", label="上传的视频", required=False)
    embed = EmbedBlock(label="外部视频链接", required=False, help_text="粘贴视频网站的分享链接")
    caption = blocks.CharBlock(label="说明", required=False, max_length=255)

    class Meta:
        icon = "media"
        label = "视频"
        template = "content_types/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("video")) == bool(value.get("embed")):
            message = "请选择一个上传的视频，或填写一个外部视频链接（二选一）。"
            raise blocks.StructBlockValidationError(block_errors={"video": ErrorList([ValidationError(message)])})
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="文档")
    title = blocks.CharBlock(label="显示名称", required=False, max_length=255)

    class Meta:
        icon = "doc-full"
        label = "文档下载"
        template = "content_types/blocks/document.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引文")
    attribution = blocks.CharBlock(label="出处", required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = "引用"
        template = "content_types/blocks/quote.html"


class CalloutBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        label="样式",
        choices=[("info", "提示"), ("warning", "注意"), ("success", "好消息")],
        default="info",
    )
    title = blocks.CharBlock(label="标题", required=False, max_length=120)
    text = blocks.RichTextBlock(label="内容", features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = "提示框"
        template = "content_types/blocks/callout.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label="段落", features=RICH_TEXT_FEATURES)
    heading = HeadingBlock()
    image = ImageBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
    table = TableBlock(label="表格", template="content_types/blocks/table.html")
    callout = CalloutBlock()

    class Meta:
        label = "正文"
