"""Policies and regulations (政策法规/制度), with their validity and what superseded them."""

from django.core.exceptions import ValidationError
from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from .base import ArticlePage


class PolicyValidity(models.TextChoices):
    VALID = "valid", "有效"
    REPEALED = "repealed", "已废止"
    AMENDED = "amended", "已修订"


class PolicyPage(ArticlePage):
    document_number = models.CharField("文号", max_length=64, blank=True, db_index=True)
    issuing_body = models.CharField("发文机关", max_length=128, blank=True)
    effective_date = models.DateField("施行日期", null=True, blank=True)
    validity = models.CharField("效力", max_length=16, choices=PolicyValidity.choices, default=PolicyValidity.VALID)
    superseded_by = models.ForeignKey(
        "content_types.PolicyPage",
        verbose_name="被以下文件替代",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )

    content_panels = [
        *ArticlePage.content_panels[:2],
        MultiFieldPanel(
            [
                FieldPanel("document_number"),
                FieldPanel("issuing_body"),
                FieldPanel("effective_date"),
                FieldPanel("validity"),
                FieldPanel("superseded_by"),
            ],
            heading="文件信息",
        ),
        *ArticlePage.content_panels[2:],
        InlinePanel("attachments", label="附件"),
    ]
    search_fields = [
        *ArticlePage.search_fields,
        index.SearchField("document_number", boost=2),
        index.SearchField("issuing_body"),
        index.FilterField("validity"),
    ]
    template = "content_types/policy_page.html"

    class Meta:
        verbose_name = "政策法规"
        verbose_name_plural = "政策法规"

    def clean(self):
        super().clean()
        if self.validity == PolicyValidity.VALID and self.superseded_by_id:
            raise ValidationError({"superseded_by": "有效的文件不应有替代文件；请先将效力改为“已废止”或“已修订”。"})
        if self.superseded_by_id and self.superseded_by_id == self.pk:
            raise ValidationError({"superseded_by": "文件不能被自己替代。"})

    def get_context(self, request, *args, **kwargs):
        from content_types.selectors import policy_supersedes

        context = super().get_context(request, *args, **kwargs)
        context["supersedes"] = policy_supersedes(policy=self)
        return context


class PolicyAttachment(Orderable):
    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("media.UnionDocument", verbose_name="文档", on_delete=models.CASCADE, related_name="+")
    title = models.CharField("显示名称", max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"
        verbose_name_plural = "附件"
