"""Shared vocabularies (tags, categories) and the FAQ, kept as snippets so editors manage them."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index

from content_types.blocks.body import RICH_TEXT_FEATURES


class CategoryKind(models.TextChoices):
    NEWS = "news", "新闻"
    CASE = "case", "基层风采"
    COURSE = "course", "培训课程"
    FAQ = "faq", "常见问题"


class Category(models.Model):
    """A category within one family of content, e.g. 要闻 and 基层动态 for news."""

    kind = models.CharField("适用内容", max_length=16, choices=CategoryKind.choices)
    name = models.CharField("名称", max_length=64)
    slug = models.SlugField("标识", max_length=64, allow_unicode=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    panels = [FieldPanel("kind"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = "分类"
        verbose_name_plural = "分类"
        ordering = ["kind", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "slug"], name="unique_category_slug_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.name}"


class Tag(index.Indexed, models.Model):
    """A free label shared by all content types (e.g. 安全生产, 送温暖)."""

    name = models.CharField("名称", max_length=64, unique=True)
    slug = models.SlugField("标识", max_length=64, unique=True, allow_unicode=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "标签"
        verbose_name_plural = "标签"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FAQ(DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """A question workers often ask, with the union's answer; optionally owned by one organisation."""

    question = models.CharField("问题", max_length=255)
    answer = RichTextField("回答", features=RICH_TEXT_FEATURES)
    category = models.ForeignKey(
        Category,
        verbose_name="分类",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to={"kind": CategoryKind.FAQ},
        related_name="faqs",
    )
    organisation = models.ForeignKey(
        "content_types.OrganisationPage",
        verbose_name="所属组织",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="faqs",
    )
    tags = models.ManyToManyField(Tag, verbose_name="标签", blank=True, related_name="faqs")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    external_id = models.CharField("外部编号", max_length=128, blank=True, db_index=True, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("category"),
        FieldPanel("organisation"),
        FieldPanel("tags"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("question", boost=3),
        index.SearchField("answer"),
        index.AutocompleteField("question"),
        index.FilterField("live"),
        index.FilterField("category"),
    ]

    class Meta:
        verbose_name = "常见问题"
        verbose_name_plural = "常见问题"
        ordering = ["sort_order", "-updated_at"]

    def __str__(self) -> str:
        return self.question
