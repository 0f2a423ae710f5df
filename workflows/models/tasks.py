"""Approval steps: Wagtail task types that find their approvers from the organisation tree.

One `OrganisationReviewerTask` serves every organisation: it resolves the approver group from the
organisation of the item under review when the step starts, instead of one group task per organisation.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone

from wagtail.models import Task, TaskState

from cms.roles import ROLES
from content_types.models import OrganisationLevel

APPROVER_ROLE_CHOICES = [(code, role.label) for code, role in ROLES.items() if code != "worker"]


class ConditionOperator(models.TextChoices):
    GREATER = "gt", "大于"
    GREATER_OR_EQUAL = "gte", "大于或等于"
    LESS = "lt", "小于"
    LESS_OR_EQUAL = "lte", "小于或等于"
    EQUAL = "eq", "等于"
    NOT_EQUAL = "ne", "不等于"
    TRUTHY = "true", "为“是”（已勾选/已填写）"


class ApprovalTask(Task):
    """What every approval step shares: a time limit, an optional condition, our own actions and notices."""

    time_limit_days = models.PositiveSmallIntegerField(
        "办理时限（天）", default=3, help_text="超过时限未处理将提醒审批人，再逾期一天上报上一级"
    )
    condition_field = models.CharField(
        "条件字段",
        max_length=64,
        blank=True,
        help_text="留空表示始终需要这一步；否则填写申请表的字段名（如 amount）或页面字段名（如 featured）",
    )
    condition_operator = models.CharField(
        "条件", max_length=8, choices=ConditionOperator.choices, blank=True, default=ConditionOperator.GREATER
    )
    condition_value = models.CharField("条件值", max_length=64, blank=True, help_text="如 2000；“为是”时不用填写")

    admin_form_fields = [
        *Task.admin_form_fields,
        "time_limit_days",
        "condition_field",
        "condition_operator",
        "condition_value",
    ]
    countersign = False

    class Meta:
        abstract = True

    @classmethod
    def get_task_state_class(cls):
        return ApprovalTaskState

    def approver_assignment(self, obj, *, requester):
        """Return `(organisation, groups, skip_reason)` for the item `obj` entering this step."""
        raise NotImplementedError

    def start(self, workflow_state, user=None):
        from workflows.services.steps import step_start

        return step_start(task=self, workflow_state=workflow_state, user=user)

    def on_action(self, task_state, user, action_name, **kwargs):
        from workflows.services.decisions import task_state_act

        task_state_act(
            task_state_id=task_state.pk,
            user=user,
            action=action_name,
            comment=kwargs.get("comment", ""),
            confirm_over_budget=kwargs.get("confirm_over_budget", True),
        )

    def get_actions(self, obj, user):
        from workflows.selectors import step_actions_for

        return step_actions_for(task=self, obj=obj, user=user)

    def get_form_for_action(self, action):
        from workflows.forms import DecisionForm, ReasonRequiredDecisionForm

        return ReasonRequiredDecisionForm if action in ("reject", "return") else DecisionForm

    def get_template_for_action(self, action):
        return "workflows/admin/decision_modal.html"

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from workflows.selectors import task_states_assigned_to

        return task_states_assigned_to(user=user, task=self)

    def user_can_access_editor(self, obj, user):
        return bool(self.get_actions(obj, user))

    def locked_for_user(self, obj, user):
        # Only the step's approvers work on the item while it waits here (requests' panels are read-only).
        return not self.get_actions(obj, user)

    def user_can_lock(self, obj, user):
        return False

    def user_can_unlock(self, obj, user):
        return False


class OrganisationReviewerTask(ApprovalTask):
    """The holders of a role in the organisation of the item (or N levels above) approve this step."""

    role = models.CharField("审批角色", max_length=16, choices=APPROVER_ROLE_CHOICES, default="reviewer")
    levels_up = models.PositiveSmallIntegerField(
        "向上级数", default=0, help_text="0 = 内容或申请人所在的组织；1 = 上一级组织；依此类推"
    )
    target_level = models.CharField(
        "指定层级",
        max_length=16,
        choices=OrganisationLevel.choices,
        blank=True,
        help_text="可选：从上面得到的组织起向上找到这一层级（如“分工会”“公司工会”）；找不到则跳过这一步",
    )

    admin_form_fields = [
        *ApprovalTask.admin_form_fields[:2],
        "role",
        "levels_up",
        "target_level",
        *ApprovalTask.admin_form_fields[2:],
    ]

    class Meta:
        verbose_name = "组织审核人审批"
        verbose_name_plural = "组织审核人审批"

    @classmethod
    def get_description(cls):
        return "按内容或申请人所在组织自动找到审批人（可向上若干级），一个步骤适用于所有组织"

    def approver_assignment(self, obj, *, requester):
        from workflows.assignment import organisation_role_assignment

        return organisation_role_assignment(
            obj=obj, role=self.role, levels_up=self.levels_up, target_level=self.target_level, requester=requester
        )


class NamedGroupTask(ApprovalTask):
    """Members of named groups (e.g. 公司工会·财务) approve; as a countersign every group must approve."""

    groups = models.ManyToManyField(Group, verbose_name="审批用户组", related_name="named_group_tasks")
    countersign = models.BooleanField("会签", default=False, help_text="勾选后，每个用户组都须有一人同意才算通过")

    admin_form_fields = [
        *ApprovalTask.admin_form_fields[:2],
        "groups",
        "countersign",
        *ApprovalTask.admin_form_fields[2:],
    ]
    admin_form_widgets = {"groups": forms.CheckboxSelectMultiple}

    class Meta:
        verbose_name = "指定用户组审批"
        verbose_name_plural = "指定用户组审批"

    @classmethod
    def get_description(cls):
        return "指定的用户组成员审批；可设为会签（每个组都须同意）"

    def approver_assignment(self, obj, *, requester):
        return None, list(self.groups.all()), ""


class ApprovalTaskState(TaskState):
    """A step in progress: who it was assigned to (resolved when it started), its deadline and escalations."""

    organisation = models.ForeignKey(
        "content_types.OrganisationPage",
        verbose_name="审批组织",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    groups = models.ManyToManyField(Group, verbose_name="审批用户组", blank=True, related_name="approval_task_states")
    due_at = models.DateTimeField("办理期限", null=True, blank=True, db_index=True)
    reminded_at = models.DateTimeField("最近提醒时间", null=True, blank=True)
    escalation_count = models.PositiveSmallIntegerField("上报次数", default=0)

    class Meta:
        verbose_name = "审批步骤状态"
        verbose_name_plural = "审批步骤状态"

    @property
    def is_overdue(self) -> bool:
        return bool(self.status == self.STATUS_IN_PROGRESS and self.due_at and self.due_at < timezone.now())


class TaskSignature(models.Model):
    """One group's approval on a countersign step; the step passes when every group has signed."""

    task_state = models.ForeignKey(ApprovalTaskState, on_delete=models.CASCADE, related_name="signatures")
    group = models.ForeignKey(Group, verbose_name="用户组", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="签署人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField("意见", blank=True)
    signed_at = models.DateTimeField("签署时间", default=timezone.now)

    class Meta:
        verbose_name = "会签记录"
        verbose_name_plural = "会签记录"
        constraints = [models.UniqueConstraint(fields=["task_state", "group"], name="one_signature_per_group")]

    def __str__(self) -> str:
        return f"{self.group} 会签"
