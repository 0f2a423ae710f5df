"""Reads: which requests and steps a user may see or decide, which request types they may apply for."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from wagtail.models import TaskState

from cms.models import User
from content_types.models import OrganisationPage
from workflows.models import (
    ApprovalTask,
    ApprovalTaskState,
    Budget,
    LedgerEntry,
    LedgerKind,
    Request,
    RequestType,
)

# Roles that see (masked) requests of their organisation and the organisations below it.
OVERSIGHT_ROLES = ("reviewer", "finance", "leader", "admin")

REQUEST_ACTIONS = [("approve", "同意", True), ("return", "退回修改", True), ("reject", "驳回", True)]
PAGE_ACTIONS = [("approve", "通过", False), ("approve", "通过并留言", True), ("reject", "退回修改", True)]


def _group_ids(user: User) -> set[int]:
    cache = "_workflows_group_ids"
    if not hasattr(user, cache):
        setattr(user, cache, set(user.groups.values_list("pk", flat=True)))
    return getattr(user, cache)


def organisations_with_role(*, user: User, roles=OVERSIGHT_ROLES) -> QuerySet[OrganisationPage]:
    return OrganisationPage.objects.filter(
        role_groups__role__in=roles, role_groups__group__in=user.groups.all()
    ).distinct()


def requests_visible_to(*, user: User) -> QuerySet[Request]:
    """Own requests, requests whose chain reached the user's groups, and (masked) ones below the user's oversight."""
    if not user.is_authenticated:
        return Request.objects.none()
    if user.is_superuser:
        return Request.objects.all()
    visible = Q(applicant=user) | Q(chain_groups__in=user.groups.all())
    for path in organisations_with_role(user=user).values_list("path", flat=True):
        visible |= Q(organisation__path__startswith=path)
    return Request.objects.filter(pk__in=Request.objects.filter(visible).values("pk"))


def requests_for_reviewer(*, user: User) -> QuerySet[Request]:
    """`?scope=review`: everything the user sees as an approver or overseer, not their own requests."""
    return requests_visible_to(user=user).exclude(applicant=user)


def request_readable_in_full(*, request: Request, user: User) -> bool:
    """Personal data is for the applicant and the approvers the chain reached, nobody else."""
    if request.applicant_id == user.pk:
        return True
    return request.chain_groups.filter(pk__in=_group_ids(user)).exists()


def user_may_apply(*, user: User, request_type: RequestType) -> bool:
    if not (user.is_authenticated and user.organisation_id and request_type.active and request_type.workflow.active):
        return False
    allowed_groups = {group.pk for group in request_type.applicant_groups.all()}
    if allowed_groups and not allowed_groups & _group_ids(user):
        return False
    organisations = list(request_type.organisations.all())
    if organisations:
        path = user.organisation.path
        return any(path.startswith(organisation.path) for organisation in organisations)
    return True


def request_types_for(*, user: User) -> list[RequestType]:
    candidates = (
        RequestType.objects.filter(active=True, workflow__active=True)
        .select_related("workflow")
        .prefetch_related("fields", "applicant_groups", "organisations")
    )
    return [request_type for request_type in candidates if user_may_apply(user=user, request_type=request_type)]


def current_approval_state(obj) -> ApprovalTaskState | None:
    state = obj.current_workflow_task_state
    return state if isinstance(state, ApprovalTaskState) else None


def user_on_step(*, state: ApprovalTaskState, user: User, item) -> bool:
    """Is the user one of the step's approvers (whatever the step's status)? Never on their own request."""
    if not (user.is_authenticated and user.is_active):
        return False
    if isinstance(item, Request) and item.applicant_id == user.pk:
        return False
    if user.is_superuser:
        return True
    return state.groups.filter(pk__in=_group_ids(user)).exists()


def unsigned_groups_for(*, state: ApprovalTaskState, user: User) -> list:
    """Countersign: the step's groups this user could still sign for."""
    groups = state.groups.exclude(pk__in=state.signatures.values("group"))
    if not user.is_superuser:
        groups = groups.filter(pk__in=_group_ids(user))
    return list(groups)


def step_actions_for(*, task: ApprovalTask, obj, user: User) -> list[tuple[str, str, bool]]:
    state = current_approval_state(obj)
    if state is None or state.task_id != task.pk or state.status != TaskState.STATUS_IN_PROGRESS:
        return []
    if not user_on_step(state=state, user=user, item=obj):
        return []
    if task.countersign and not unsigned_groups_for(state=state, user=user):
        return []
    return REQUEST_ACTIONS if isinstance(obj, Request) else PAGE_ACTIONS


def task_states_assigned_to(*, user: User, task: ApprovalTask) -> QuerySet[TaskState]:
    states = ApprovalTaskState.objects.filter(task=task, status=TaskState.STATUS_IN_PROGRESS)
    if not user.is_superuser:
        states = states.filter(groups__in=user.groups.all())
    request_type = ContentType.objects.get_for_model(Request)
    states = states.exclude(workflow_state__base_content_type=request_type, workflow_state__requested_by=user)
    if task.countersign:
        states = states.exclude(signatures__user=user)
    return TaskState.objects.filter(pk__in=states.values("pk"))


def pending_task_states(*, user: User) -> QuerySet[TaskState]:
    """The caller's pending decisions, requests and pages alike, oldest first."""
    if not (user.is_authenticated and user.is_active):
        return TaskState.objects.none()
    return (
        TaskState.objects.reviewable_by(user)
        .filter(status=TaskState.STATUS_IN_PROGRESS, workflow_state__status="in_progress")
        .select_related("workflow_state__requested_by", "task")
        .order_by("started_at", "pk")
    )


def task_counts(*, user: User) -> dict[str, int]:
    pending = pending_task_states(user=user)
    now = timezone.now()
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    overdue = ApprovalTaskState.objects.filter(pk__in=pending.values("pk"), due_at__lt=now).count()
    own = Request.objects.filter(applicant=user)
    return {
        "pending": pending.count(),
        "overdue": overdue,
        "my_in_review": own.filter(status="in_review").count(),
        "my_returned": own.filter(status="returned").count(),
        "decided_this_month": TaskState.objects.filter(finished_by=user, finished_at__gte=month_start).count(),
    }


def budget_for(*, organisation: OrganisationPage, year: int) -> Budget | None:
    """The budget that pays: the organisation's own, else the nearest one above it."""
    return (
        Budget.objects.filter(
            organisation__in=OrganisationPage.objects.ancestor_of(organisation, inclusive=True), year=year
        )
        .select_related("organisation")
        .order_by("-organisation__depth")
        .first()
    )


def budget_summary(*, budget: Budget) -> dict[str, Decimal]:
    totals = {
        row["kind"]: row["total"]
        for row in LedgerEntry.objects.filter(organisation=budget.organisation, year=budget.year)
        .order_by()
        .values("kind")
        .annotate(total=Sum("amount"))
    }
    committed = totals.get(LedgerKind.COMMITTED) or Decimal("0")
    spent = totals.get(LedgerKind.SPENT) or Decimal("0")
    return {
        "budget": budget.amount,
        "committed": committed,
        "spent": spent,
        "remaining": budget.amount - committed - spent,
    }


def request_year(request: Request) -> int:
    moment = request.submitted_at or timezone.now()
    return timezone.localtime(moment).year if isinstance(moment, datetime.datetime) else moment.year


def budget_warning(*, request: Request) -> str:
    """A warning for the approver when approving this amount would exceed the remaining budget, else ""."""
    if not request.amount:
        return ""
    budget = budget_for(organisation=request.organisation, year=request_year(request))
    if budget is None:
        return ""
    summary = budget_summary(budget=budget)
    if request.amount <= summary["remaining"]:
        return ""
    return (
        f"本次金额 {request.amount} 元将超出{budget.organisation.title}{budget.year}年度剩余预算 "
        f"{summary['remaining']} 元（预算 {summary['budget']} 元，已批准待支付 {summary['committed']} 元，"
        f"已支出 {summary['spent']} 元）。"
    )


def current_step(request: Request) -> ApprovalTaskState | None:
    if request.status != "in_review":
        return None
    state = request.current_workflow_task_state
    return state if state is not None and state.status == TaskState.STATUS_IN_PROGRESS else None


def request_data_for(*, request: Request, user: User) -> tuple[dict, bool]:
    """The request's data as this user may see it, and whether it was masked."""
    from workflows.masking import masked_data

    if request_readable_in_full(request=request, user=user):
        return request.data, False
    return masked_data(request.data, list(request.request_type.fields.all())), True


def display_value(value) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, list):
        return "、".join(str(item) for item in value)
    if isinstance(value, dict):
        return str(value.get("name", ""))
    return str(value)


def request_rows(*, request: Request, data: dict) -> list[dict]:
    """Labelled rows in the type's field order, for the admin screens and exports."""
    return [
        {
            "name": field.name,
            "label": field.label,
            "type": field.field_type,
            "value": display_value(data.get(field.name)),
        }
        for field in request.request_type.fields.all()
    ]
