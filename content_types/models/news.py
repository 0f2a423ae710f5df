"""News (要闻/基层动态) and notices (通知公告)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from .base import ArticlePage
from .snippets import CategoryKind


class NewsPage(ArticlePage):
    """A news story; `featured` puts it on the company home page."""

    category = models.ForeignKey(
        "content_types.Category",
        verbose_name="栏目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to={"kind": CategoryKind.NEWS},
        related_name="news_pages",
    )
    source = models.CharField("来源", max_length=128, blank=True)
    author = models.CharField("作者", max_length=64, blank=True)
    featured = models.BooleanField("首页推荐", default=False)

    content_panels = [
        *ArticlePage.content_panels[:2],
        MultiFieldPanel(
            [FieldPanel("category"), FieldPanel("source"), FieldPanel("author"), FieldPanel("featured")],
            heading="新闻信息",
        ),
        *ArticlePage.content_panels[2:],
    ]
    search_fields = [*ArticlePage.search_fields, index.FilterField("category"), index.FilterField("featured")]
    template = "content_types/news_page.html"

    class Meta:
        verbose_name = "新闻"
        verbose_name_plural = "新闻"


class NoticePage(ArticlePage):
    """A notice with the period during which it applies; pinned notices stay on top."""

    effective_date = models.DateField("生效日期", null=True, blank=True)
    expiry_date = models.DateField("截止日期", null=True, blank=True)
    pinned = models.BooleanField("置顶", default=False)

    content_panels = [
        *ArticlePage.content_panels[:2],
        MultiFieldPanel(
            [FieldPanel("effective_date"), FieldPanel("expiry_date"), FieldPanel("pinned")], heading="通知信息"
        ),
        *ArticlePage.content_panels[2:],
        InlinePanel("attachments", label="附件"),
    ]
    search_fields = [*ArticlePage.search_fields, index.FilterField("pinned")]
    template = "content_types/notice_page.html"

    class Meta:
        verbose_name = "通知公告"
        verbose_name_plural = "通知公告"

    def clean(self):
        super().clean()
        if self.effective_date and self.expiry_date and self.expiry_date < self.effective_date:
            raise ValidationError({"expiry_date": "截止日期不能早于生效日期。"})

    @property
    def is_expired(self) -> bool:
        return bool(self.expiry_date and self.expiry_date < timezone.localdate())


class NoticeAttachment(Orderable):
    page = ParentalKey(NoticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("media.UnionDocument", verbose_name="文档", on_delete=models.CASCADE, related_name="+")
    title = models.CharField("显示名称", max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"
        verbose_name_plural = "附件"
