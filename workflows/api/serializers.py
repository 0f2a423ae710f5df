"""How the OA API shows request types, requests, tasks and notifications (paths and fields per DESIGN.md)."""

from django.urls import reverse
from django.utils import timezone

from rest_framework import serializers

from workflows.items import item_kind, item_title, reviewed_item
from workflows.models import ApprovalTaskState, Notification, Request, RequestEvent, RequestField, RequestType
from workflows.selectors import (
    budget_warning,
    current_step,
    request_data_for,
)
from workflows.services.requests import has_decisions


class RequestFieldSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="field_type")
    type_display = serializers.CharField(source="get_field_type_display")
    choices = serializers.ListField(source="choice_list", child=serializers.CharField())
    sensitive = serializers.BooleanField(source="is_sensitive")

    class Meta:
        model = RequestField
        fields = [
            "name",
            "label",
            "type",
            "type_display",
            "required",
            "choices",
            "help_text",
            "min_value",
            "max_value",
            "max_length",
            "sensitive",
        ]


class RequestTypeSerializer(serializers.ModelSerializer):
    fields = RequestFieldSerializer(many=True)

    class Meta:
        model = RequestType
        fields = ["slug", "name", "description", "fields"]


class SubmitSerializer(serializers.Serializer):
    type = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=RequestType.objects.filter(active=True),
        error_messages={
            "required": "请选择申请事项。",
            "does_not_exist": "没有这个申请事项。",
            "null": "请选择申请事项。",
        },
    )
    data = serializers.JSONField(required=False, default=dict, error_messages={"invalid": "申请内容不是有效的 JSON。"})


class ResubmitSerializer(serializers.Serializer):
    data = serializers.JSONField(required=False, default=dict, error_messages={"invalid": "申请内容不是有效的 JSON。"})


class DecideSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=["approve", "reject", "return"],
        error_messages={"required": "请选择审批操作。", "invalid_choice": "不支持的操作“{input}”。"},
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    confirm_over_budget = serializers.BooleanField(required=False, default=False)


class HistorySerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()
    action_display = serializers.CharField(source="get_action_display")

    class Meta:
        model = RequestEvent
        fields = ["step", "actor", "action", "action_display", "comment", "at"]

    def get_actor(self, event) -> str:
        return str(event.actor) if event.actor else "系统"


def _attachment_url(request: Request, attachment_id: int) -> str:
    return reverse("api:request-attachment", args=[request.pk, attachment_id])


class RequestSerializer(serializers.ModelSerializer):
    """A request as the viewer may see it: personal data masked unless they are the applicant or on the chain."""

    type = serializers.CharField(source="request_type.slug")
    type_name = serializers.CharField(source="request_type.name")
    status_display = serializers.CharField(source="get_status_display")
    applicant = serializers.CharField(source="applicant.__str__")
    organisation = serializers.CharField(source="organisation.title")
    data = serializers.SerializerMethodField()
    masked = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    current_step = serializers.SerializerMethodField()
    current_step_due_at = serializers.SerializerMethodField()
    history = HistorySerializer(source="events", many=True)
    can_withdraw = serializers.SerializerMethodField()
    can_resubmit = serializers.SerializerMethodField()

    class Meta:
        model = Request
        fields = [
            "id",
            "type",
            "type_name",
            "status",
            "status_display",
            "applicant",
            "organisation",
            "amount",
            "submitted_at",
            "decided_at",
            "data",
            "masked",
            "attachments",
            "current_step",
            "current_step_due_at",
            "history",
            "can_withdraw",
            "can_resubmit",
        ]

    def _viewer(self):
        return self.context["request"].user

    def _viewable(self, request: Request) -> tuple[dict, bool]:
        cache = getattr(request, "_api_data", None)
        if cache is None:
            cache = request._api_data = request_data_for(request=request, user=self._viewer())
        return cache

    def get_data(self, request) -> dict:
        data, masked = self._viewable(request)
        if masked:
            return data
        return {
            name: {**value, "url": _attachment_url(request, value["id"])}
            if isinstance(value, dict) and "id" in value
            else value
            for name, value in data.items()
        }

    def get_masked(self, request) -> bool:
        return self._viewable(request)[1]

    def get_attachments(self, request) -> list[dict]:
        if self._viewable(request)[1]:
            return []
        return [
            {"id": a.pk, "field": a.field_name, "name": a.name, "size": a.size, "url": _attachment_url(request, a.pk)}
            for a in request.attachments.all()
        ]

    def get_current_step(self, request) -> str | None:
        state = current_step(request)
        return state.task.name if state else None

    def get_current_step_due_at(self, request) -> str | None:
        state = current_step(request)
        due = getattr(state.specific, "due_at", None) if state else None
        return serializers.DateTimeField().to_representation(due) if due else None

    def get_can_withdraw(self, request) -> bool:
        if request.applicant_id != self._viewer().pk:
            return False
        return request.status == "returned" or (request.status == "in_review" and not has_decisions(request))

    def get_can_resubmit(self, request) -> bool:
        return request.applicant_id == self._viewer().pk and request.status == "returned"


class TaskSerializer(serializers.Serializer):
    """A pending decision, requests and pages alike (serialises a TaskState)."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=["request", "page"])
    object_id = serializers.IntegerField()
    title = serializers.CharField()
    step = serializers.CharField()
    submitted_by = serializers.CharField(allow_null=True)
    submitted_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(allow_null=True)
    overdue = serializers.BooleanField()
    organisation = serializers.CharField(allow_null=True)
    actions = serializers.ListField(child=serializers.CharField())
    budget_warning = serializers.CharField(allow_null=True)

    def to_representation(self, state):
        item = reviewed_item(state.workflow_state)
        specific = state.specific
        due_at = specific.due_at if isinstance(specific, ApprovalTaskState) else None
        organisation = getattr(specific, "organisation", None)
        is_request = item_kind(item) == "request"
        requested_by = state.workflow_state.requested_by
        return super().to_representation(
            {
                "id": state.pk,
                "kind": item_kind(item),
                "object_id": item.pk,
                "title": item_title(item),
                "step": state.task.name,
                "submitted_by": str(requested_by) if requested_by else None,
                "submitted_at": state.workflow_state.created_at,
                "started_at": state.started_at,
                "due_at": due_at,
                "overdue": bool(due_at and due_at < timezone.now()),
                "organisation": organisation.title if organisation else None,
                "actions": ["approve", "return", "reject"] if is_request else ["approve", "reject"],
                "budget_warning": (budget_warning(request=item) or None) if is_request else None,
            }
        )


class DecisionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="待办（步骤）编号")
    status = serializers.CharField(help_text="步骤状态：approved / rejected / in_progress（会签未齐）")
    workflow_status = serializers.CharField(help_text="流程状态：in_progress / approved / needs_changes / cancelled")
    request = RequestSerializer(required=False, help_text="审批的是申请时，返回申请的最新状态")


class TaskCountsSerializer(serializers.Serializer):
    pending = serializers.IntegerField(help_text="待我审批")
    overdue = serializers.IntegerField(help_text="其中已超时")
    decided_this_month = serializers.IntegerField(help_text="本月已处理")
    my_in_review = serializers.IntegerField(help_text="我的申请：审批中")
    my_returned = serializers.IntegerField(help_text="我的申请：退回待修改")


class ReadAllSerializer(serializers.Serializer):
    updated = serializers.IntegerField()


class NotificationSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display")
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "kind_display", "title", "body", "url", "request", "created_at", "read", "read_at"]

    def get_read(self, notification) -> bool:
        return notification.read_at is not None
