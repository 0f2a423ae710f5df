"""Union funds: a budget per organisation and year, and the ledger that approved requests post to."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel


class Budget(models.Model):
    """The year's budget of one organisation; approvals warn when they would exceed what remains."""

    organisation = models.ForeignKey(
        "content_types.OrganisationPage", verbose_name="组织", on_delete=models.CASCADE, related_name="budgets"
    )
    year = models.PositiveSmallIntegerField("年度")
    amount = models.DecimalField("预算金额（元）", max_digits=14, decimal_places=2)
    note = models.CharField("备注", max_length=255, blank=True)

    panels = [
        FieldPanel("organisation", widget=forms.Select),
        FieldPanel("year"),
        FieldPanel("amount"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = "经费预算"
        verbose_name_plural = "经费预算"
        ordering = ["-year", "organisation__path"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_budget_per_organisation_year")
        ]

    def __str__(self) -> str:
        return f"{self.organisation.title} {self.year}年度预算"


class LedgerKind(models.TextChoices):
    COMMITTED = "committed", "已批准待支付"
    SPENT = "spent", "已支出"


class LedgerEntry(models.Model):
    """Money approved (committed) or paid out (spent) against an organisation's budget."""

    organisation = models.ForeignKey(
        "content_types.OrganisationPage", verbose_name="组织", on_delete=models.PROTECT, related_name="ledger_entries"
    )
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    kind = models.CharField("类别", max_length=16, choices=LedgerKind.choices, default=LedgerKind.COMMITTED)
    amount = models.DecimalField("金额（元）", max_digits=14, decimal_places=2)
    request = models.ForeignKey(
        "workflows.Request",
        verbose_name="来源申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    note = models.CharField("摘要", max_length=255, blank=True)
    created_at = models.DateTimeField("记账时间", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记账人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("organisation", widget=forms.Select),
        FieldPanel("year"),
        FieldPanel("kind"),
        FieldPanel("amount"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = "经费台账"
        verbose_name_plural = "经费台账"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation.title} {self.get_kind_display()} {self.amount}元"
