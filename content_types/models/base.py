"""What every published article-like page shares: summary, date, cover, rich body, tags."""

import datetime

from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from content_types.blocks import BodyBlock


def today() -> datetime.date:
    return timezone.localdate()


class ArticlePage(Page):
    summary = models.TextField("摘要", blank=True, max_length=500, help_text="列表和搜索结果里显示的一两句话")
    date = models.DateField("发布日期", default=today, db_index=True)
    cover_image = models.ForeignKey(
        "media.UnionImage", verbose_name="封面图", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)
    tags = ParentalManyToManyField(
        "content_types.Tag", verbose_name="标签", blank=True, related_name="%(app_label)s_%(class)s_pages"
    )
    external_id = models.CharField(
        "外部编号", max_length=128, blank=True, db_index=True, help_text="从其他系统导入时的编号，用于重复导入时更新"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("date"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    promote_panels = [*Page.promote_panels, MultiFieldPanel([FieldPanel("external_id")], heading="数据集成")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["content_types.OrganisationPage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    @property
    def organisation(self):
        from content_types.models.organisations import OrganisationPage

        return OrganisationPage.objects.ancestor_of(self).order_by("-depth").first()
