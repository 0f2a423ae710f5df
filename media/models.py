"""Images, documents and video, each kept in its organisation's collection."""

from django.conf import settings
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import CollectionMember
from wagtail.search import index


class UnionImage(AbstractImage):
    """Wagtail image with a caption and credit, so listings and the API never need the original file."""

    caption = models.CharField("图片说明", max_length=255, blank=True)
    credit = models.CharField("摄影/来源", max_length=128, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "caption", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = "图片"
        verbose_name_plural = "图片"
        permissions = [("choose_image", "可选用图片")]


class UnionRendition(AbstractRendition):
    image = models.ForeignKey(UnionImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class UnionDocument(AbstractDocument):
    """Wagtail document; `text` holds what was extracted from the file, so search can read inside it."""

    description = models.TextField("简介", blank=True)
    text = models.TextField("提取的正文", blank=True, editable=False)

    admin_form_fields = (*Document.admin_form_fields, "description")

    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description"),
        index.SearchField("text"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = "文档"
        verbose_name_plural = "文档"
        permissions = [("choose_document", "可选用文档")]


class Video(CollectionMember, index.Indexed, models.Model):
    """An uploaded mp4/webm video with a poster image; embedded (third-party) video lives in StreamField."""

    title = models.CharField("标题", max_length=255)
    file = models.FileField("视频文件", upload_to="videos/%Y/%m/")
    poster = models.ForeignKey(
        "media.UnionImage",
        verbose_name="封面图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField("简介", blank=True)
    mime_type = models.CharField("类型", max_length=32, editable=False)
    file_size = models.PositiveBigIntegerField("大小（字节）", null=True, editable=False)
    duration_seconds = models.PositiveIntegerField("时长（秒）", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("file"),
        FieldPanel("poster"),
        FieldPanel("description"),
        FieldPanel("duration_seconds"),
        FieldPanel("collection"),
    ]
    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("description"),
        index.FilterField("collection"),
        index.AutocompleteField("title"),
    ]

    class Meta:
        verbose_name = "视频"
        verbose_name_plural = "视频"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title
