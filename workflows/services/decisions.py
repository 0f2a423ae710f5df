"""Deciding a step: authorise first (`check_task_decision`), then approve / return / reject under a row lock.

Wagtail's `Task.on_action()` checks no permission; every path (admin modal, API) ends here.
"""

from django.db import transaction
from django.utils import timezone

from wagtail.models import TaskState, WorkflowState

from cms.models import User
from workflows.exceptions import AlreadyDecided, InvalidDecision, NotYourTurn
from workflows.items import item_title, requester_url, reviewed_item
from workflows.models import (
    ApprovalTaskState,
    NotificationKind,
    Request,
    RequestAction,
    RequestEvent,
    RequestStatus,
    TaskSignature,
)
from workflows.selectors import PAGE_ACTIONS, REQUEST_ACTIONS, budget_warning, unsigned_groups_for, user_on_step
from workflows.services.ledger import ledger_commit
from workflows.services.notifications import notify

ACTION_LABELS = {"approve": "同意", "return": "退回修改", "reject": "驳回"}


def allowed_actions(item) -> set[str]:
    names = {name for name, _label, _modal in (REQUEST_ACTIONS if isinstance(item, Request) else PAGE_ACTIONS)}
    # For pages "return" and "reject" both send the page back to its editor.
    return names if isinstance(item, Request) else names | {"return"}


def check_task_decision(*, state: ApprovalTaskState, user: User, action: str, comment: str, item) -> None:
    if not user_on_step(state=state, user=user, item=item):
        if isinstance(item, Request) and item.applicant_id == user.pk:
            raise NotYourTurn("不能审批自己提交的申请。")
        raise NotYourTurn("这一步不由您审批。")
    workflow_state = state.workflow_state
    if (
        state.status != TaskState.STATUS_IN_PROGRESS
        or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS
        or workflow_state.current_task_state_id != state.pk
    ):
        raise AlreadyDecided("这一步已经处理过了。")
    if state.task.specific.countersign and not unsigned_groups_for(state=state, user=user):
        raise AlreadyDecided("您所在的用户组已经会签过了。")
    if action not in allowed_actions(item):
        choices = "、".join(sorted(allowed_actions(item)))
        raise InvalidDecision({"action": [f"不支持的操作“{action}”，可选：{choices}。"]})
    if action in ("reject", "return") and not (comment or "").strip():
        raise InvalidDecision({"comment": ["退回或驳回时请填写审批意见。"]})


def _event(item, *, step: str, actor: User | None, action: str, comment: str = "") -> None:
    if isinstance(item, Request):
        RequestEvent.objects.create(request=item, step=step, actor=actor, action=action, comment=comment)


def _set_status(item: Request, status: str, *, decided: bool) -> None:
    Request.objects.filter(pk=item.pk).update(status=status, decided_at=timezone.now() if decided else None)
    item.status = status


def _notify_requester(workflow_state: WorkflowState, item, *, title: str, body: str) -> None:
    notify(
        recipients=[workflow_state.requested_by],
        kind=NotificationKind.DECIDED,
        title=title,
        body=body,
        url=requester_url(item),
        request=item if isinstance(item, Request) else None,
    )


def _countersign(state: ApprovalTaskState, user: User, comment: str) -> bool:
    """Record this user's signature(s); True when every group of the step has signed."""
    groups = unsigned_groups_for(state=state, user=user)
    # An administrator signs for every group still missing; anybody else for their own group(s).
    TaskSignature.objects.bulk_create(
        TaskSignature(task_state=state, group=group, user=user, comment=comment) for group in groups
    )
    return not state.groups.exclude(pk__in=state.signatures.values("group")).exists()


@transaction.atomic
def task_state_act(
    *, task_state_id: int, user: User, action: str, comment: str = "", confirm_over_budget: bool = True
) -> ApprovalTaskState:
    # Lock the step row: of two approvers deciding at once, the second sees the first's decision.
    TaskState.objects.select_for_update().filter(pk=task_state_id).first()
    state = ApprovalTaskState.objects.select_related("workflow_state", "task").get(pk=task_state_id)
    workflow_state = state.workflow_state
    item = reviewed_item(workflow_state)
    comment = (comment or "").strip()
    check_task_decision(state=state, user=user, action=action, comment=comment, item=item)
    step = state.task.name
    title = item_title(item)

    if action == "approve":
        if isinstance(item, Request) and not confirm_over_budget and (warning := budget_warning(request=item)):
            raise InvalidDecision({"confirm_over_budget": [f"{warning}确认批准请设置 confirm_over_budget 为 true。"]})
        if state.task.specific.countersign and not _countersign(state, user, comment):
            _event(item, step=step, actor=user, action=RequestAction.COUNTERSIGN, comment=comment)
            return state
        _event(item, step=step, actor=user, action=RequestAction.APPROVE, comment=comment)
        state.approve(user=user, comment=comment)
        workflow_state.refresh_from_db()
        if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
            _notify_requester(
                workflow_state, item, title=f"审批进展：{title}", body=f"“{title}”已通过“{step}”，进入下一步审批。"
            )
        return state

    if isinstance(item, Request) and action == "reject":
        _event(item, step=step, actor=user, action=RequestAction.REJECT, comment=comment)
        state.reject(user=user, comment=comment)
        workflow_state.refresh_from_db()
        workflow_state.cancel(user=user)
        _set_status(item, RequestStatus.REJECTED, decided=True)
        _notify_requester(
            workflow_state, item, title=f"申请未通过：{title}", body=f"“{title}”在“{step}”被驳回。意见：{comment}"
        )
        return state

    _event(item, step=step, actor=user, action=RequestAction.RETURN, comment=comment)
    state.reject(user=user, comment=comment)
    if isinstance(item, Request):
        _set_status(item, RequestStatus.RETURNED, decided=False)
        body = f"“{title}”在“{step}”被退回修改，请修改后重新提交。意见：{comment}"
    else:
        body = f"“{title}”在“{step}”被退回修改，请修改后重新提交审核。意见：{comment}"
    _notify_requester(workflow_state, item, title=f"退回修改：{title}", body=body)
    return state


@transaction.atomic
def task_decide(
    *, task_state_id: int, user: User, action: str, comment: str = "", confirm_over_budget: bool = False
) -> TaskState:
    """The API's decision: our steps go through `task_state_act`; other Wagtail tasks through their own actions."""
    base = TaskState.objects.select_for_update().filter(pk=task_state_id).first()
    if base is None:
        raise TaskState.DoesNotExist
    state = base.specific
    if isinstance(state, ApprovalTaskState):
        return task_state_act(
            task_state_id=state.pk, user=user, action=action, comment=comment, confirm_over_budget=confirm_over_budget
        )
    item = reviewed_item(state.workflow_state)
    task = state.task.specific
    if state.status != TaskState.STATUS_IN_PROGRESS:
        if not task.get_task_states_user_can_moderate(user).exists() and not user.is_superuser:
            raise NotYourTurn("这一步不由您审批。")
        raise AlreadyDecided("这一步已经处理过了。")
    wagtail_action = "reject" if action == "return" else action
    if wagtail_action not in {name for name, _label, _modal in task.get_actions(item, user)}:
        raise NotYourTurn("这一步不由您审批。")
    task.on_action(state, user, wagtail_action, comment=comment)
    return state


@transaction.atomic
def workflow_finished(*, workflow_state: WorkflowState, user: User | None) -> None:
    """Every step approved: publish the reviewed revision and tell the requester.

    Publishing skips the permission check on purpose: the approvals are the authority, so the last approver
    needs no publish permission on the item.
    """
    item = reviewed_item(workflow_state)
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
    title = item_title(item)
    if isinstance(item, Request):
        item.refresh_from_db()
        _event(item, step="", actor=user, action=RequestAction.FINISH)
        _set_status(item, RequestStatus.APPROVED, decided=True)
        ledger_commit(request=item, user=user)
        _notify_requester(workflow_state, item, title=f"申请已通过：{title}", body=f"“{title}”已审批通过。")
    else:
        _notify_requester(workflow_state, item, title=f"已发布：{title}", body=f"“{title}”已通过审核并发布。")
