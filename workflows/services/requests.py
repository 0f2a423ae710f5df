"""A worker's side of a request: submit, withdraw before the first decision, resubmit after a return."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from wagtail.models import TaskState

from cms.models import User
from workflows.forms import validate_request_data
from workflows.items import item_title, requester_url
from workflows.models import (
    ApprovalTaskState,
    NotificationKind,
    Request,
    RequestAction,
    RequestAttachment,
    RequestEvent,
    RequestStatus,
    RequestType,
    TaskSignature,
)
from workflows.selectors import user_may_apply
from workflows.services.notifications import notify


def check_request_submit(*, user: User, request_type: RequestType) -> None:
    if not user.organisation_id:
        raise ValidationError({"type": ["您尚未加入任何工会组织，暂不能提交申请。"]})
    if not user_may_apply(user=user, request_type=request_type):
        raise PermissionDenied("您不能申请这一事项。")


def _amount(request_type: RequestType, data: dict) -> Decimal | None:
    value = data.get(request_type.ledger_field) if request_type.ledger_field else None
    return Decimal(value) if value not in (None, "") else None


def _store_attachments(request: Request, uploads: dict) -> None:
    for field_name, upload in uploads.items():
        request.attachments.filter(field_name=field_name).delete()
        RequestAttachment.objects.create(
            request=request, field_name=field_name, file=upload, name=upload.name, size=upload.size
        )
    request.data = {
        **request.data,
        **{
            field_name: {"id": attachment.pk, "name": attachment.name, "size": attachment.size}
            for field_name, attachment in ((a.field_name, a) for a in request.attachments.all())
        },
    }


def _start(request: Request, user: User) -> None:
    request.save_revision(user=user, log_action=True)
    workflow = request.get_workflow()
    if workflow is None:
        raise ValidationError({"type": ["该申请事项的审批流程已停用，暂不能提交。"]})
    workflow.start(request, user)


@transaction.atomic
def request_submit(*, user: User, request_type: RequestType, data, files=None) -> Request:
    """Validate everything first, then create the request, its first revision and its workflow — or nothing."""
    check_request_submit(user=user, request_type=request_type)
    cleaned, uploads = validate_request_data(request_type=request_type, data=data, files=files)
    request = Request.objects.create(
        request_type=request_type,
        applicant=user,
        organisation=user.organisation,
        data=cleaned,
        amount=_amount(request_type, cleaned),
        status=RequestStatus.IN_REVIEW,
        submitted_at=timezone.now(),
        live=False,
        has_unpublished_changes=True,
    )
    _store_attachments(request, uploads)
    request.save(update_fields=["data"])
    RequestEvent.objects.create(request=request, actor=user, action=RequestAction.SUBMIT)
    _start(request, user)
    title = item_title(request)
    notify(
        recipients=[user],
        kind=NotificationKind.SUBMITTED,
        title=f"已提交：{title}",
        body=f"您的“{request_type.name}”已提交，正在审批中。",
        url=requester_url(request),
        request=request,
    )
    return request


def has_decisions(request: Request) -> bool:
    workflow_state = request.current_workflow_state
    if workflow_state is None:
        return True
    decided = ApprovalTaskState.objects.filter(
        workflow_state=workflow_state, status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED]
    )
    return decided.exists() or TaskSignature.objects.filter(task_state__workflow_state=workflow_state).exists()


def check_request_withdraw(*, request: Request, user: User) -> None:
    if request.applicant_id != user.pk:
        raise PermissionDenied("只有申请人可以撤回申请。")
    if request.status == RequestStatus.RETURNED:
        return
    if request.status != RequestStatus.IN_REVIEW or has_decisions(request):
        raise ValidationError({"status": ["已有审批意见或已办结的申请不能撤回。"]})


@transaction.atomic
def request_withdraw(*, request: Request, user: User) -> Request:
    request = Request.objects.select_for_update().get(pk=request.pk)
    check_request_withdraw(request=request, user=user)
    workflow_state = request.current_workflow_state
    if workflow_state is not None:
        workflow_state.cancel(user=user)
    request.status = RequestStatus.WITHDRAWN
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    RequestEvent.objects.create(request=request, actor=user, action=RequestAction.WITHDRAW)
    return request


def check_request_resubmit(*, request: Request, user: User) -> None:
    if request.applicant_id != user.pk:
        raise PermissionDenied("只有申请人可以重新提交申请。")
    if request.status != RequestStatus.RETURNED:
        raise ValidationError({"status": ["只有被退回修改的申请才能重新提交。"]})


@transaction.atomic
def request_resubmit(*, request: Request, user: User, data, files=None) -> Request:
    """Replace the data (attachments kept unless re-uploaded) and run the approval chain again from the start.

    Restarting, rather than resuming at the returning step, re-evaluates conditional steps on the new data.
    """
    request = Request.objects.select_for_update().get(pk=request.pk)
    check_request_resubmit(request=request, user=user)
    attached = frozenset(request.attachments.values_list("field_name", flat=True))
    cleaned, uploads = validate_request_data(
        request_type=request.request_type, data=data, files=files, attached_fields=attached
    )
    workflow_state = request.current_workflow_state
    if workflow_state is not None:
        workflow_state.cancel(user=user)
    request.data = cleaned
    _store_attachments(request, uploads)
    request.amount = _amount(request.request_type, cleaned)
    request.status = RequestStatus.IN_REVIEW
    request.save(update_fields=["data", "amount", "status"])
    RequestEvent.objects.create(request=request, actor=user, action=RequestAction.RESUBMIT)
    _start(request, user)
    return request
