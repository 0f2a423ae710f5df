"""Organisations: the company union, its branch unions and the grassroots units below them."""

from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from content_types.blocks.body import RICH_TEXT_FEATURES

CONTENT_PAGE_TYPES = [
    "content_types.NewsPage",
    "content_types.NoticePage",
    "content_types.CaseStoryPage",
    "content_types.PolicyPage",
    "content_types.CoursePage",
]


class OrganisationLevel(models.TextChoices):
    COMPANY = "company", "公司工会"
    BRANCH = "branch", "分工会"
    GRASSROOTS = "grassroots", "基层工会"
    TEAM = "team", "班组"


class OrganisationPage(Page):
    """A union organisation; its subtree is where its content lives and where its roles apply."""

    level = models.CharField("层级", max_length=16, choices=OrganisationLevel.choices)
    short_name = models.CharField("简称", max_length=32, blank=True)
    description = RichTextField("简介", blank=True, features=RICH_TEXT_FEATURES)
    chair = models.CharField("主席", max_length=64, blank=True)
    contact_person = models.CharField("联系人", max_length=64, blank=True)
    phone = models.CharField("联系电话", max_length=32, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("地址", max_length=255, blank=True)
    member_count = models.PositiveIntegerField("会员人数", null=True, blank=True)
    logo = models.ForeignKey(
        "media.UnionImage", verbose_name="标志", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cover_image = models.ForeignKey(
        "media.UnionImage", verbose_name="封面图", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name="媒体库",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("level"),
        FieldPanel("short_name"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("chair"),
                FieldPanel("contact_person"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("address"),
                FieldPanel("member_count"),
            ],
            heading="联系方式",
        ),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("cover_image")], heading="图片"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("short_name"),
        index.SearchField("description"),
        index.FilterField("level"),
    ]
    parent_page_types = ["content_types.HomePage", "content_types.OrganisationPage"]
    subpage_types = ["content_types.OrganisationPage", *CONTENT_PAGE_TYPES]

    class Meta:
        verbose_name = "工会组织"
        verbose_name_plural = "工会组织"

    @property
    def display_name(self) -> str:
        return self.short_name or self.title

    def get_context(self, request, *args, **kwargs):
        from content_types.selectors import organisation_overview

        context = super().get_context(request, *args, **kwargs)
        context.update(organisation_overview(organisation=self))
        return context
