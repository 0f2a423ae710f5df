"""Overdue steps: remind the approvers once, and if the step is still waiting a day later, escalate it upwards."""

import datetime

from django.db import transaction
from django.utils import timezone

from wagtail.models import TaskState, WorkflowState

from workflows.assignment import escalation_target
from workflows.items import approver_url, item_title, reviewed_item
from workflows.models import (
    ApprovalTaskState,
    NotificationKind,
    OrganisationReviewerTask,
    Request,
    RequestAction,
    RequestEvent,
)
from workflows.services.notifications import notify
from workflows.services.steps import step_assignees

DEFAULT_ESCALATE_AFTER = datetime.timedelta(days=1)


def _notify_assignees(state: ApprovalTaskState, item, *, kind: str, title: str, body: str) -> None:
    notify(
        recipients=step_assignees(state, exclude=state.workflow_state.requested_by),
        kind=kind,
        title=title,
        body=body,
        url=approver_url(item),
        request=item if isinstance(item, Request) else None,
    )


def _remind(state: ApprovalTaskState, item, now: datetime.datetime) -> None:
    state.reminded_at = now
    state.save(update_fields=["reminded_at"])
    due = timezone.localtime(state.due_at).strftime("%Y-%m-%d %H:%M")
    if isinstance(item, Request):
        RequestEvent.objects.create(
            request=item, step=state.task.name, action=RequestAction.REMIND, comment=f"期限 {due}"
        )
    _notify_assignees(
        state,
        item,
        kind=NotificationKind.OVERDUE,
        title=f"审批超时：{item_title(item)}",
        body=f"“{item_title(item)}”的“{state.task.name}”已超过办理期限（{due}），请尽快处理。",
    )


def _escalate(state: ApprovalTaskState, item, now: datetime.datetime) -> bool:
    task = state.task.specific
    if not isinstance(task, OrganisationReviewerTask):
        return False
    target = escalation_target(
        organisation=state.organisation, role=task.role, requester=state.workflow_state.requested_by
    )
    if target is None:
        return False
    organisation, groups, _reason = target
    previous = state.organisation
    previous_name = previous.title if previous else "下级"
    state.organisation = organisation
    state.due_at = now + datetime.timedelta(days=task.time_limit_days or 1)
    state.reminded_at = None
    state.escalation_count += 1
    state.save(update_fields=["organisation", "due_at", "reminded_at", "escalation_count"])
    state.groups.set(groups)
    if isinstance(item, Request):
        item.chain_groups.add(*groups)
        RequestEvent.objects.create(
            request=item,
            step=state.task.name,
            action=RequestAction.ESCALATE,
            comment=f"{previous_name}逾期未处理，转{organisation.title}办理",
        )
    _notify_assignees(
        state,
        item,
        kind=NotificationKind.ESCALATED,
        title=f"超时上报：{item_title(item)}",
        body=f"“{item_title(item)}”的“{state.task.name}”在{previous_name}逾期未处理，已上报给您办理。",
    )
    return True


def overdue_steps_process(
    *, now: datetime.datetime | None = None, escalate_after=DEFAULT_ESCALATE_AFTER
) -> dict[str, int]:
    """Remind overdue steps once; escalate those still waiting `escalate_after` after the reminder."""
    now = now or timezone.now()
    counts = {"reminded": 0, "escalated": 0}
    overdue = ApprovalTaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, workflow_state__status=WorkflowState.STATUS_IN_PROGRESS, due_at__lt=now
    ).values_list("pk", flat=True)
    for pk in list(overdue):
        with transaction.atomic():
            state = (
                ApprovalTaskState.objects.select_for_update().filter(pk=pk, status=TaskState.STATUS_IN_PROGRESS).first()
            )
            if state is None:
                continue
            item = reviewed_item(state.workflow_state)
            if state.reminded_at is None:
                _remind(state, item, now)
                counts["reminded"] += 1
            elif now - state.reminded_at >= escalate_after:
                if _escalate(state, item, now):
                    counts["escalated"] += 1
                else:
                    _remind(state, item, now)
                    counts["reminded"] += 1
    return counts
