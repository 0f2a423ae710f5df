"""Case stories (基层风采/典型案例): grassroots units showing what they achieved."""

from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from .base import ArticlePage
from .snippets import CategoryKind


class AchievementType(models.TextChoices):
    ADVANCED_COLLECTIVE = "collective", "先进集体"
    MODEL_WORKER = "model_worker", "劳动模范/先进个人"
    INNOVATION = "innovation", "创新成果"
    SAFETY = "safety", "安全生产"
    SERVICE = "service", "服务职工"
    CULTURE = "culture", "文体活动"


class AwardLevel(models.TextChoices):
    NATIONAL = "national", "国家级"
    PROVINCIAL = "provincial", "省部级"
    MUNICIPAL = "municipal", "市级"
    GROUP = "group", "集团级"
    COMPANY = "company", "公司级"
    NONE = "none", "无"


class CaseStoryPage(ArticlePage):
    category = models.ForeignKey(
        "content_types.Category",
        verbose_name="栏目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to={"kind": CategoryKind.CASE},
        related_name="case_pages",
    )
    achievement_type = models.CharField("成果类型", max_length=16, choices=AchievementType.choices)
    people_involved = models.CharField("主要人物/集体", max_length=255, blank=True)
    award_level = models.CharField("获奖级别", max_length=16, choices=AwardLevel.choices, default=AwardLevel.NONE)
    award_name = models.CharField("荣誉名称", max_length=255, blank=True)

    content_panels = [
        *ArticlePage.content_panels[:2],
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("achievement_type"),
                FieldPanel("people_involved"),
                FieldPanel("award_level"),
                FieldPanel("award_name"),
            ],
            heading="案例信息",
        ),
        *ArticlePage.content_panels[2:],
        InlinePanel("gallery_images", label="照片集"),
    ]
    search_fields = [
        *ArticlePage.search_fields,
        index.SearchField("people_involved"),
        index.SearchField("award_name"),
        index.FilterField("achievement_type"),
        index.FilterField("award_level"),
    ]
    template = "content_types/case_story_page.html"

    class Meta:
        verbose_name = "基层风采"
        verbose_name_plural = "基层风采"


class CaseStoryGalleryImage(Orderable):
    page = ParentalKey(CaseStoryPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("media.UnionImage", verbose_name="图片", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField("说明", max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "照片"
        verbose_name_plural = "照片"
