"""Starting an approval step: condition, approver resolution, deadline, trail and notices."""

import datetime

from django.db import transaction
from django.utils import timezone

from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted

from workflows.assignment import organisation_of
from workflows.conditions import condition_met
from workflows.items import approver_url, item_title, reviewed_item
from workflows.models import ApprovalTask, ApprovalTaskState, NotificationKind, Request, RequestAction, RequestEvent
from workflows.services.notifications import notify


def _condition_text(task: ApprovalTask) -> str:
    value = "" if task.condition_operator == "true" else task.condition_value
    return f"{task.condition_field} {task.get_condition_operator_display()} {value}".strip()


def _already_approved_by(workflow_state: WorkflowState, groups) -> bool:
    return ApprovalTaskState.objects.filter(
        workflow_state=workflow_state, status=TaskState.STATUS_APPROVED, groups__in=groups
    ).exists()


def step_assignees(task_state: ApprovalTaskState, *, exclude=None):
    from cms.models import User

    users = User.objects.filter(is_active=True, groups__in=task_state.groups.all()).distinct()
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users


@transaction.atomic
def step_start(*, task: ApprovalTask, workflow_state: WorkflowState, user=None) -> ApprovalTaskState:
    """Create the step's task state: skipped when its condition fails or nobody is left to ask, else assigned."""
    revision = workflow_state.content_object.get_latest_revision()
    reviewed = revision.as_object()
    requester = workflow_state.requested_by
    organisation, groups, skip_reason = None, [], ""
    if not condition_met(
        field=task.condition_field, operator=task.condition_operator, expected=task.condition_value, obj=reviewed
    ):
        skip_reason = f"不满足条件（{_condition_text(task)}），跳过此步骤"
    else:
        organisation, groups, skip_reason = task.approver_assignment(reviewed, requester=requester)
        if not skip_reason and groups and not task.countersign and _already_approved_by(workflow_state, groups):
            skip_reason = "同一审批组已在前面的步骤同意，跳过此步骤"

    now = timezone.now()
    state = ApprovalTaskState(workflow_state=workflow_state, task=task, revision=revision)
    if skip_reason:
        state.status, state.finished_at, state.comment = TaskState.STATUS_SKIPPED, now, skip_reason
    else:
        state.status = TaskState.STATUS_IN_PROGRESS
        state.organisation = organisation or organisation_of(reviewed)
        if task.time_limit_days:
            state.due_at = now + datetime.timedelta(days=task.time_limit_days)
    state.save()
    if not skip_reason:
        state.groups.set(groups)
    task_submitted.send(sender=ApprovalTaskState, instance=state, user=user)
    _step_started(state=state, workflow_state=workflow_state)
    return state


def _step_started(*, state: ApprovalTaskState, workflow_state: WorkflowState) -> None:
    item = reviewed_item(workflow_state)
    step = state.task.name
    if state.status == TaskState.STATUS_SKIPPED:
        if isinstance(item, Request):
            RequestEvent.objects.create(request=item, step=step, action=RequestAction.SKIP, comment=state.comment)
        return
    groups = list(state.groups.all())
    if isinstance(item, Request):
        item.chain_groups.add(*groups)
        RequestEvent.objects.create(
            request=item,
            step=step,
            action=RequestAction.ASSIGN,
            comment="、".join(group.name for group in groups) or "（暂无审批人，由系统管理员处理）",
        )
    due = f"，请在 {timezone.localtime(state.due_at):%Y-%m-%d %H:%M} 前处理" if state.due_at else ""
    notify(
        recipients=step_assignees(state, exclude=workflow_state.requested_by),
        kind=NotificationKind.ASSIGNED,
        title=f"待审批：{item_title(item)}",
        body=f"“{item_title(item)}”已到“{step}”步骤，等待您审批{due}。",
        url=approver_url(item),
        request=item if isinstance(item, Request) else None,
    )
