"""Two approvers deciding the same step give one decision and one clear 409.

On SQLite the race is replayed in sequence (the second approver decides a step that is already stale); on
PostgreSQL two threads decide at the same moment and the row lock (select_for_update) serialises them:
`python -m tests.engines.postgres -- python -m pytest tests/workflows/test_concurrency.py`.
"""

import threading
import time

from django.db import connection, connections

from wagtail.models import TaskState

import pytest

from tests.workflows.helpers import multipart, pending_state_for, valid_submission
from workflows.exceptions import AlreadyDecided
from workflows.models import Request, RequestEvent
from workflows.services import decisions
from workflows.services.decisions import task_decide


def submit_and_reach_the_branch(org, api) -> tuple[Request, TaskState]:
    assert org.approvers and org.branch_reviewer2
    request_type = org.request_type("hardship-aid")
    data, files = valid_submission(request_type)
    response = api(org.worker).post("/api/v1/requests/", multipart(request_type, data, files), format="multipart")
    request = Request.objects.get(pk=response.json()["id"])
    first, approver = pending_state_for(request, org.approvers)
    api(approver).post(f"/api/v1/tasks/{first.pk}/decide/", {"action": "approve"}, format="json")
    state, _ = pending_state_for(request, [org.branch_reviewer])
    return request, state


@pytest.mark.django_db
def test_the_second_of_two_approvers_deciding_a_stale_step_gets_409(org, api):
    request, state = submit_and_reach_the_branch(org, api)
    # Both branch reviewers have the step in their list…
    for reviewer in (org.branch_reviewer, org.branch_reviewer2):
        assert state.pk in [task["id"] for task in api(reviewer).get("/api/v1/tasks/").json()]

    first = api(org.branch_reviewer).post(f"/api/v1/tasks/{state.pk}/decide/", {"action": "approve"}, format="json")
    second = api(org.branch_reviewer2).post(
        f"/api/v1/tasks/{state.pk}/decide/", {"action": "return", "comment": "补充材料"}, format="json"
    )

    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json() == {"errors": {"detail": ["这一步已经处理过了。"]}}
    assert RequestEvent.objects.filter(request=request, step="分工会审核").exclude(action="assign").count() == 1
    assert Request.objects.get(pk=request.pk).status == "in_review"


@pytest.mark.django_db
def test_deciding_twice_is_refused(org, api):
    _request, state = submit_and_reach_the_branch(org, api)
    client = api(org.branch_reviewer)

    assert client.post(f"/api/v1/tasks/{state.pk}/decide/", {"action": "approve"}, format="json").status_code == 200
    assert client.post(f"/api/v1/tasks/{state.pk}/decide/", {"action": "approve"}, format="json").status_code == 409


@pytest.mark.django_db
def test_a_countersign_group_signs_once(org, api):
    assert org.approvers
    request_type = org.request_type("critical-illness-aid")
    data, files = valid_submission(request_type)
    response = api(org.worker).post("/api/v1/requests/", multipart(request_type, data, files), format="multipart")
    request = Request.objects.get(pk=response.json()["id"])
    for _ in range(2):
        state, approver = pending_state_for(request, org.approvers)
        api(approver).post(f"/api/v1/tasks/{state.pk}/decide/", {"action": "approve"}, format="json")
    countersign, _ = pending_state_for(request, [org.company_finance])

    signed = api(org.company_finance).post(
        f"/api/v1/tasks/{countersign.pk}/decide/", {"action": "approve"}, format="json"
    )
    again = api(org.company_finance).post(
        f"/api/v1/tasks/{countersign.pk}/decide/", {"action": "approve"}, format="json"
    )
    still_pending = api(org.worker).get(f"/api/v1/requests/{request.pk}/").json()
    last = api(org.company_leader).post(f"/api/v1/tasks/{countersign.pk}/decide/", {"action": "approve"}, format="json")

    assert signed.status_code == 200
    assert again.status_code == 409
    assert again.json() == {"errors": {"detail": ["您所在的用户组已经会签过了。"]}}
    assert still_pending["status"] == "in_review"
    assert still_pending["history"][-1]["action"] == "countersign"
    assert last.status_code == 200
    assert last.json()["request"]["status"] == "approved"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks (tests.engines.postgres)")
@pytest.mark.transactional
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_approvers_deciding_at_the_same_moment_give_one_decision(org, api, monkeypatch):
    request, state = submit_and_reach_the_branch(org, api)
    checked = decisions.check_task_decision

    def slow_check(**kwargs):
        checked(**kwargs)
        time.sleep(0.5)  # without the row lock both approvers would be inside here together

    monkeypatch.setattr(decisions, "check_task_decision", slow_check)
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def decide(name, user, action):
        try:
            barrier.wait()
            task_decide(task_state_id=state.pk, user=user, action=action, comment="并发")
            outcomes[name] = "decided"
        except AlreadyDecided:
            outcomes[name] = "409"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=("first", org.branch_reviewer, "approve")),
        threading.Thread(target=decide, args=("second", org.branch_reviewer2, "return")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes.values()) == ["409", "decided"]
    state.refresh_from_db()
    assert state.status in (TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED)
    assert RequestEvent.objects.filter(request=request, step="分工会审核").exclude(action="assign").count() == 1
