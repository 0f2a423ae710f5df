"""OA endpoints: thin views over the workflows services and selectors; errors in the API's one format."""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404

from wagtail.models import TaskState

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from workflows.api.filters import RequestFilterSet
from workflows.api.serializers import (
    DecideSerializer,
    DecisionResultSerializer,
    NotificationSerializer,
    ReadAllSerializer,
    RequestSerializer,
    RequestTypeSerializer,
    ResubmitSerializer,
    SubmitSerializer,
    TaskCountsSerializer,
    TaskSerializer,
)
from workflows.exceptions import AlreadyDecided
from workflows.models import Notification, Request, RequestAttachment
from workflows.selectors import (
    pending_task_states,
    request_readable_in_full,
    request_types_for,
    requests_for_reviewer,
    requests_visible_to,
    task_counts,
)
from workflows.services.decisions import task_decide
from workflows.services.export import requests_export_xlsx
from workflows.services.notifications import notification_read, notifications_read_all
from workflows.services.requests import request_resubmit, request_submit, request_withdraw

TAG = "办公审批"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "这一步已经处理过了。"
    default_code = "conflict"


@contextmanager
def service_errors():
    """Services speak Django exceptions; the API answers 400 / 403 / 409 with the services' Chinese messages."""
    try:
        yield
    except AlreadyDecided as error:
        raise Conflict(str(error.args[0] if error.args else Conflict.default_detail)) from error
    except DjangoPermissionDenied as error:
        raise exceptions.PermissionDenied(str(error.args[0]) if error.args else None) from error
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
        raise exceptions.ValidationError(detail) from error


def _requests():
    return Request.objects.select_related("request_type", "applicant", "organisation").prefetch_related(
        "request_type__fields", "events__actor", "attachments", "chain_groups"
    )


def _visible_request(request, pk) -> Request:
    return get_object_or_404(_requests().filter(pk__in=requests_visible_to(user=request.user).values("pk")), pk=pk)


@extend_schema(tags=[TAG], summary="可申请的事项", responses=RequestTypeSerializer(many=True))
class RequestTypeListView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response(RequestTypeSerializer(request_types_for(user=request.user), many=True).data)


class RequestListCreateView(generics.ListAPIView):
    """`GET`: the caller's own requests, or with `?scope=review` those they approve or oversee. `POST`: submit."""

    permission_classes = [IsAuthenticated]
    serializer_class = RequestSerializer
    filterset_class = RequestFilterSet
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    ordering_fields = ["submitted_at", "amount", "status"]
    ordering = ["-submitted_at", "-id"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Request.objects.none()
        user = self.request.user
        scoped = requests_for_reviewer(user=user) if self.request.query_params.get("scope") == "review" else None
        mine = _requests().filter(applicant=user)
        return mine if scoped is None else _requests().filter(pk__in=scoped.values("pk"))

    @extend_schema(tags=[TAG], summary="我的申请 / 待我审阅的申请（?scope=review）")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(tags=[TAG], summary="提交申请", request=SubmitSerializer, responses={201: RequestSerializer})
    def post(self, request):
        payload = SubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        with service_errors():
            created = request_submit(
                user=request.user,
                request_type=payload.validated_data["type"],
                data=payload.validated_data["data"],
                files=request.FILES,
            )
        return Response(
            RequestSerializer(_requests().get(pk=created.pk), context={"request": request}).data, status=201
        )


@extend_schema(tags=[TAG], summary="申请详情（含审批记录）", responses=RequestSerializer)
class RequestDetailView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, pk):
        return Response(RequestSerializer(_visible_request(request, pk), context={"request": request}).data)


@extend_schema(tags=[TAG], summary="撤回申请（首次审批前，或被退回后）", request=None, responses=RequestSerializer)
class RequestWithdrawView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, pk):
        item = _visible_request(request, pk)
        with service_errors():
            request_withdraw(request=item, user=request.user)
        return Response(RequestSerializer(_requests().get(pk=pk), context={"request": request}).data)


@extend_schema(tags=[TAG], summary="修改后重新提交", request=ResubmitSerializer, responses=RequestSerializer)
class RequestResubmitView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def post(self, request, pk):
        item = _visible_request(request, pk)
        payload = ResubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        with service_errors():
            request_resubmit(request=item, user=request.user, data=payload.validated_data["data"], files=request.FILES)
        return Response(RequestSerializer(_requests().get(pk=pk), context={"request": request}).data)


@extend_schema(
    tags=[TAG], summary="下载申请附件（仅申请人和审批人）", responses={(200, "application/octet-stream"): bytes}
)
class RequestAttachmentView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, pk, attachment_id):
        item = _visible_request(request, pk)
        if not request_readable_in_full(request=item, user=request.user):
            raise Http404
        attachment = get_object_or_404(RequestAttachment, pk=attachment_id, request=item)
        return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@extend_schema(
    tags=[TAG],
    summary="导出申请（XLSX，筛选条件同列表）",
    responses={(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): bytes},
)
class RequestExportView(RequestListCreateView):
    pagination_class = None

    def get(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        response = HttpResponse(
            requests_export_xlsx(requests=queryset, viewer=request.user),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = "attachment; filename*=UTF-8''%E7%94%B3%E8%AF%B7%E5%88%97%E8%A1%A8.xlsx"
        return response

    def post(self, request):
        raise exceptions.MethodNotAllowed("POST")


@extend_schema(tags=[TAG], summary="我的待办（申请和页面审核）", responses=TaskSerializer(many=True))
class TaskListView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response(TaskSerializer(pending_task_states(user=request.user), many=True).data)


@extend_schema(tags=[TAG], summary="我的待办数量（按状态）", responses=TaskCountsSerializer)
class TaskCountsView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response(TaskCountsSerializer(task_counts(user=request.user)).data)


@extend_schema(
    tags=[TAG], summary="审批：同意 / 退回修改 / 驳回", request=DecideSerializer, responses=DecisionResultSerializer
)
class TaskDecideView(APIView):
    """200 when decided; 403 when it is not the caller's turn; 409 when the step was already decided."""

    permission_classes = [IsAuthenticated]

    def post(self, request, pk):
        payload = DecideSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        if not TaskState.objects.filter(pk=pk).exists():
            raise exceptions.NotFound("没有这个待办。")
        with service_errors():
            state = task_decide(task_state_id=pk, user=request.user, **payload.validated_data)
        state.refresh_from_db()
        workflow_state = state.workflow_state
        workflow_state.refresh_from_db()
        body = {"id": state.pk, "status": state.status, "workflow_status": workflow_state.status}
        item = workflow_state.content_object
        if isinstance(item, Request):
            item.refresh_from_db()
            body["request"] = RequestSerializer(_requests().get(pk=item.pk), context={"request": request}).data
        return Response(body)


class NotificationListView(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = NotificationSerializer
    filter_backends: list = []

    def get_queryset(self):
        notifications = Notification.objects.filter(recipient=self.request.user)
        if self.request.query_params.get("unread") in ("1", "true", "yes"):
            notifications = notifications.filter(read_at__isnull=True)
        return notifications

    @extend_schema(tags=[TAG], summary="我的通知（?unread=true 仅未读）")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=[TAG], summary="标记通知为已读", request=None, responses=NotificationSerializer)
class NotificationReadView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, pk):
        notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
        return Response(NotificationSerializer(notification_read(notification=notification, user=request.user)).data)


@extend_schema(tags=[TAG], summary="全部标记为已读", request=None, responses=ReadAllSerializer)
class NotificationReadAllView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request):
        return Response({"updated": notifications_read_all(user=request.user)})
