"""Request types defined in the admin (low-code forms) and the requests workers submit against them."""

import uuid
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin, WorkflowMixin


class FieldType(models.TextChoices):
    TEXT = "text", "单行文本"
    TEXTAREA = "textarea", "多行文本"
    NUMBER = "number", "数字"
    MONEY = "money", "金额（元）"
    DATE = "date", "日期"
    CHOICE = "choice", "单选"
    MULTICHOICE = "multichoice", "多选"
    ATTACHMENT = "attachment", "附件"
    ID_CARD = "id_card", "身份证号"
    PHONE = "phone", "电话号码"


# Always personal data, whatever the request type says.
SENSITIVE_FIELD_TYPES = {FieldType.ID_CARD, FieldType.PHONE}
CHOICE_FIELD_TYPES = {FieldType.CHOICE, FieldType.MULTICHOICE}


class RequestType(ClusterableModel):
    """A kind of request (申请事项): its form, who may apply and the workflow that approves it."""

    name = models.CharField("名称", max_length=64, unique=True)
    slug = models.SlugField("标识", max_length=64, unique=True, help_text="接口中使用的英文标识，如 hardship-aid")
    description = models.TextField("说明", blank=True, help_text="申请条件、所需材料等，显示在申请页面上")
    active = models.BooleanField("启用", default=True)
    applicant_groups = ParentalManyToManyField(
        Group,
        verbose_name="可申请的角色",
        blank=True,
        related_name="+",
        limit_choices_to={"organisation_role__isnull": True},
        help_text="留空表示所有登录用户都可以申请",
    )
    organisations = ParentalManyToManyField(
        "content_types.OrganisationPage",
        verbose_name="适用组织",
        blank=True,
        related_name="+",
        help_text="留空表示所有组织；选中某组织即包括其下属组织",
    )
    workflow = models.ForeignKey(
        "wagtailcore.Workflow",
        verbose_name="审批流程",
        on_delete=models.PROTECT,
        related_name="request_types",
        help_text="在“设置 → 工作流”中编排审批步骤",
    )
    ledger_field = models.CharField(
        "记账金额字段",
        max_length=40,
        blank=True,
        help_text="可选：批准后计入经费台账的金额字段名（字段类型须为“金额”）",
    )
    sort_order = models.IntegerField("排序", default=0)

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("active")],
            heading="基本信息",
        ),
        MultiFieldPanel(
            [FieldPanel("applicant_groups", widget=forms.CheckboxSelectMultiple), FieldPanel("organisations")],
            heading="谁可以申请",
        ),
        InlinePanel("fields", label="表单字段", heading="表单字段"),
        MultiFieldPanel(
            [FieldPanel("workflow"), FieldPanel("ledger_field"), FieldPanel("sort_order")], heading="审批与经费"
        ),
    ]

    class Meta:
        verbose_name = "申请事项"
        verbose_name_plural = "申请事项"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if self.workflow_id and not self.workflow.active:
            raise ValidationError({"workflow": "请选择已启用的审批流程。"})


field_name_validator = RegexValidator(r"^[a-z][a-z0-9_]*$", "字段名只能包含小写字母、数字和下划线，并以字母开头。")


class RequestField(Orderable):
    """One field of a request type's form."""

    request_type = ParentalKey(RequestType, on_delete=models.CASCADE, related_name="fields")
    name = models.CharField(
        "字段名", max_length=40, validators=[field_name_validator], help_text="英文字段名，如 amount"
    )
    label = models.CharField("标签", max_length=64)
    field_type = models.CharField("类型", max_length=16, choices=FieldType.choices, default=FieldType.TEXT)
    required = models.BooleanField("必填", default=True)
    help_text = models.CharField("填写说明", max_length=255, blank=True)
    choices = models.TextField("选项", blank=True, help_text="单选、多选字段的选项，每行一个")
    min_value = models.DecimalField("最小值", max_digits=14, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField("最大值", max_digits=14, decimal_places=2, null=True, blank=True)
    max_length = models.PositiveIntegerField("最大长度", null=True, blank=True)
    sensitive = models.BooleanField(
        "个人敏感信息", default=False, help_text="如病情、诊断；身份证号和电话总是按敏感信息处理，仅申请人和审批人可见"
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("name"),
        FieldPanel("field_type"),
        FieldPanel("required"),
        FieldPanel("help_text"),
        FieldPanel("choices"),
        FieldPanel("min_value"),
        FieldPanel("max_value"),
        FieldPanel("max_length"),
        FieldPanel("sensitive"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "表单字段"
        verbose_name_plural = "表单字段"

    def __str__(self) -> str:
        return self.label

    def clean(self):
        super().clean()
        if self.field_type in CHOICE_FIELD_TYPES and not self.choice_list:
            raise ValidationError({"choices": "单选、多选字段至少需要一个选项。"})
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            raise ValidationError({"max_value": "最大值不能小于最小值。"})

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def is_sensitive(self) -> bool:
        return self.sensitive or self.field_type in SENSITIVE_FIELD_TYPES


class RequestStatus(models.TextChoices):
    IN_REVIEW = "in_review", "审批中"
    APPROVED = "approved", "已通过"
    REJECTED = "rejected", "未通过"
    RETURNED = "returned", "退回修改"
    WITHDRAWN = "withdrawn", "已撤回"


class Request(WorkflowMixin, DraftStateMixin, RevisionMixin, models.Model):
    """A worker's request; it keeps revisions and runs its type's Wagtail workflow. Live = the approved version."""

    request_type = models.ForeignKey(
        RequestType, verbose_name="申请事项", on_delete=models.PROTECT, related_name="requests"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.PROTECT, related_name="union_requests"
    )
    organisation = models.ForeignKey(
        "content_types.OrganisationPage", verbose_name="所属组织", on_delete=models.PROTECT, related_name="requests"
    )
    data = models.JSONField("申请内容", default=dict, blank=True)
    amount = models.DecimalField("金额（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=RequestStatus.choices, default=RequestStatus.IN_REVIEW, db_index=True
    )
    submitted_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    decided_at = models.DateTimeField("办结时间", null=True, blank=True)
    chain_groups = models.ManyToManyField(
        Group,
        verbose_name="经手审批组",
        blank=True,
        related_name="+",
        help_text="审批链上分配过的用户组，可查看完整信息",
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="union_request")

    class Meta:
        verbose_name = "申请"
        verbose_name_plural = "申请"
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.request_type.name}·{self.applicant}"

    def get_workflow(self):
        workflow = self.request_type.workflow
        return workflow if workflow.active else None

    def with_content_json(self, content):
        # The lifecycle fields belong to the request as a whole, never to a revision.
        obj = super().with_content_json(content)
        for name in ("status", "submitted_at", "decided_at", "applicant_id", "request_type_id", "organisation_id"):
            setattr(obj, name, getattr(self, name))
        return obj


def attachment_path(instance, filename: str) -> str:
    # An unguessable folder: attachments hold personal data and are served only through the API.
    return f"requests/{uuid.uuid4().hex}/{PurePath(filename).name}"


class RequestAttachment(models.Model):
    request = models.ForeignKey(Request, verbose_name="申请", on_delete=models.CASCADE, related_name="attachments")
    field_name = models.CharField("字段名", max_length=40)
    file = models.FileField("文件", upload_to=attachment_path, max_length=255)
    name = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = "申请附件"
        verbose_name_plural = "申请附件"

    def __str__(self) -> str:
        return self.name


class RequestAction(models.TextChoices):
    SUBMIT = "submit", "提交申请"
    ASSIGN = "assign", "分配审批"
    SKIP = "skip", "自动跳过"
    APPROVE = "approve", "同意"
    COUNTERSIGN = "countersign", "会签同意"
    RETURN = "return", "退回修改"
    REJECT = "reject", "驳回"
    WITHDRAW = "withdraw", "撤回"
    RESUBMIT = "resubmit", "重新提交"
    REMIND = "remind", "超时提醒"
    ESCALATE = "escalate", "超时上报"
    FINISH = "finish", "审批通过"


class RequestEvent(models.Model):
    """The request's trail: who did what, when, at which step, with which comment."""

    request = models.ForeignKey(Request, verbose_name="申请", on_delete=models.CASCADE, related_name="events")
    step = models.CharField("步骤", max_length=255, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField("操作", max_length=16, choices=RequestAction.choices)
    comment = models.TextField("意见", blank=True)
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "审批记录"
        verbose_name_plural = "审批记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.step}"
