"""Admin components: the request's data (masked as the viewer must see it) and the "我的待办" home panel."""

from django.utils import timezone

from wagtail.admin.panels import Panel
from wagtail.admin.ui.components import Component

from workflows.items import approver_url, item_kind, item_title, reviewed_item
from workflows.models import ApprovalTaskState
from workflows.selectors import (
    budget_warning,
    current_step,
    pending_task_states,
    request_data_for,
    request_rows,
    task_counts,
)


def request_context(*, request, user) -> dict:
    data, masked = request_data_for(request=request, user=user)
    return {
        "union_request": request,
        "rows": request_rows(request=request, data=data),
        "masked": masked,
        "attachments": [] if masked else list(request.attachments.all()),
        "events": request.events.select_related("actor"),
        "step": current_step(request),
        "budget_warning": budget_warning(request=request) if request.status == "in_review" else "",
    }


class RequestDataPanel(Panel):
    """Read-only: approvers decide on what the applicant submitted, they never edit it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "workflows/admin/request_data_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(request_context(request=self.instance, user=self.request.user))
            return context


class MyTasksPanel(Component):
    name = "workflows_my_tasks"
    template_name = "workflows/admin/my_tasks_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        rows = []
        for state in pending_task_states(user=self.user)[:20]:
            item = reviewed_item(state.workflow_state)
            due_at = state.specific.due_at if isinstance(state.specific, ApprovalTaskState) else None
            rows.append(
                {
                    "title": item_title(item),
                    "kind": "申请" if item_kind(item) == "request" else "页面",
                    "step": state.task.name,
                    "submitted_by": state.workflow_state.requested_by,
                    "started_at": state.started_at,
                    "due_at": due_at,
                    "overdue": bool(due_at and due_at < now),
                    "url": approver_url(item),
                }
            )
        return {"rows": rows, "counts": task_counts(user=self.user)}
