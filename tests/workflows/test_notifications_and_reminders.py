"""Notices in the app and by e-mail on submission, assignment, decision and overdue; the reminder command."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from tests.workflows.helpers import multipart, pending_state_for, valid_submission
from workflows.models import ApprovalTaskState, Notification, Request

pytestmark = pytest.mark.django_db


def submit(org, api, slug="hardship-aid") -> Request:
    assert org.approvers
    request_type = org.request_type(slug)
    data, files = valid_submission(request_type)
    response = api(org.applicant_for(slug)).post(
        "/api/v1/requests/", multipart(request_type, data, files), format="multipart"
    )
    return Request.objects.get(pk=response.json()["id"])


def kinds(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).order_by("created_at", "id").values_list("kind", flat=True))


def test_submission_assignment_and_decisions_notify_in_the_app_and_by_email(
    org, api, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request = submit(org, api)
        state, approver = pending_state_for(request, org.approvers)
        api(approver).post(f"/api/v1/tasks/{state.pk}/decide/", {"action": "approve"}, format="json")
        state, approver = pending_state_for(request, org.approvers)
        api(approver).post(
            f"/api/v1/tasks/{state.pk}/decide/", {"action": "return", "comment": "请补充低保证明"}, format="json"
        )

    assert kinds(org.worker) == ["submitted", "decided", "decided"]
    assert kinds(org.grassroots_reviewer) == ["assigned"]
    assert kinds(org.branch_reviewer) == ["assigned"]
    returned = Notification.objects.filter(recipient=org.worker).order_by("created_at", "id").last()
    assert returned.title == "退回修改：困难职工帮扶申请·王师傅"
    assert "请补充低保证明" in returned.body
    emails = {(message.to[0], message.subject) for message in mail.outbox}
    assert ("worker@union.local", "【智慧工会】已提交：困难职工帮扶申请·王师傅") in emails
    assert ("grassroots-reviewer@union.local", "【智慧工会】待审批：困难职工帮扶申请·王师傅") in emails
    assert ("worker@union.local", "【智慧工会】退回修改：困难职工帮扶申请·王师傅") in emails


def test_notifications_are_listed_and_marked_read_through_the_api(org, api):
    submit(org, api)
    client = api(org.grassroots_reviewer)

    listed = client.get("/api/v1/notifications/").json()
    notice = listed["results"][0]
    read = client.post(f"/api/v1/notifications/{notice['id']}/read/").json()
    unread = client.get("/api/v1/notifications/?unread=true").json()

    assert listed["count"] == 1
    assert (notice["kind"], notice["kind_display"], notice["read"]) == ("assigned", "待审批", False)
    assert notice["url"].startswith("/admin/snippets/workflows/request/edit/")
    assert read["read"] is True
    assert unread["count"] == 0


def test_reading_all_notifications(org, api):
    submit(org, api)
    submit(org, api, "membership")

    response = api(org.worker).post("/api/v1/notifications/read-all/")

    assert response.json() == {"updated": 2}
    assert not Notification.objects.filter(recipient=org.worker, read_at__isnull=True).exists()


def overdue(request: Request, *, days: int) -> ApprovalTaskState:
    state = ApprovalTaskState.objects.get(workflow_state__object_id=str(request.pk), status="in_progress")
    state.due_at = timezone.now() - datetime.timedelta(days=days)
    state.save(update_fields=["due_at"])
    return state


def test_an_overdue_step_is_reminded_once_then_escalated_to_the_next_level(org, api, capsys):
    request = submit(org, api)
    state = overdue(request, days=1)

    call_command("workflows_remind")
    assert "已提醒 1 个超时步骤，已上报 0 个。" in capsys.readouterr().out
    assert kinds(org.grassroots_reviewer) == ["assigned", "overdue"]

    call_command("workflows_remind")  # reminded just now: nothing more yet
    assert kinds(org.grassroots_reviewer) == ["assigned", "overdue"]

    ApprovalTaskState.objects.filter(pk=state.pk).update(reminded_at=timezone.now() - datetime.timedelta(days=2))
    call_command("workflows_remind")
    assert "已上报 1 个" in capsys.readouterr().out

    state.refresh_from_db()
    assert state.organisation == org.branch
    assert state.escalation_count == 1
    assert state.due_at > timezone.now()
    assert kinds(org.branch_reviewer) == ["escalated"]
    assert pending_state_for(request, [org.branch_reviewer])[1] == org.branch_reviewer
    assert pending_state_for(request, [org.grassroots_reviewer]) is None
    history = api(org.worker).get(f"/api/v1/requests/{request.pk}/").json()["history"]
    assert [entry["action"] for entry in history][-2:] == ["remind", "escalate"]
    assert history[-1]["comment"] == "综采一队基层工会逾期未处理，转一号煤矿分工会办理"


def test_the_escalated_approver_decides_and_the_request_sees_them_as_on_the_chain(org, api):
    request = submit(org, api, "membership")
    state = overdue(request, days=2)
    ApprovalTaskState.objects.filter(pk=state.pk).update(reminded_at=timezone.now() - datetime.timedelta(days=2))
    call_command("workflows_remind")

    response = api(org.branch_reviewer).post(f"/api/v1/tasks/{state.pk}/decide/", {"action": "approve"}, format="json")

    assert response.status_code == 200
    assert response.json()["request"]["masked"] is False


def test_a_named_group_step_at_the_top_is_reminded_again_rather_than_escalated(org, api):
    request = submit(org, api, "critical-illness-aid")
    for _ in range(2):
        state, approver = pending_state_for(request, org.approvers)
        api(approver).post(f"/api/v1/tasks/{state.pk}/decide/", {"action": "approve"}, format="json")
    state = overdue(request, days=1)
    ApprovalTaskState.objects.filter(pk=state.pk).update(reminded_at=timezone.now() - datetime.timedelta(days=2))

    call_command("workflows_remind")

    assert kinds(org.company_finance)[-1] == "overdue"
    assert ApprovalTaskState.objects.get(pk=state.pk).escalation_count == 0
