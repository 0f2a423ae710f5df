"""A permission matrix: nobody reads or acts on what is not theirs — another worker's request, another branch's task."""

import pytest

from tests.workflows.helpers import multipart, pending_state_for, valid_submission
from workflows.models import Notification, Request
from workflows.selectors import pending_task_states

pytestmark = pytest.mark.django_db

EVERYONE = [
    "worker",
    "worker2",
    "other_worker",
    "editor",
    "trainer",
    "grassroots_reviewer",
    "branch_reviewer",
    "branch_finance",
    "branch_leader",
    "company_leader",
    "other_reviewer",
    "other_grassroots_reviewer",
    "other_finance",
    "admin",
]


@pytest.fixture
def submitted(org, api):
    assert org.approvers
    for name in EVERYONE:
        getattr(org, name)
    request_type = org.request_type("hardship-aid")
    data, files = valid_submission(request_type)
    response = api(org.worker).post("/api/v1/requests/", multipart(request_type, data, files), format="multipart")
    return Request.objects.get(pk=response.json()["id"])


def test_who_reads_a_request_and_who_sees_its_personal_data(org, api, submitted):
    seen = {}
    for name in EVERYONE:
        response = api(getattr(org, name)).get(f"/api/v1/requests/{submitted.pk}/")
        seen[name] = "hidden" if response.status_code == 404 else ("masked" if response.json()["masked"] else "full")

    assert seen == {
        "worker": "full",  # the applicant
        "worker2": "hidden",  # another worker of the same unit
        "other_worker": "hidden",
        "editor": "hidden",
        "trainer": "hidden",
        "grassroots_reviewer": "full",  # the approver the chain reached
        "branch_reviewer": "masked",  # oversees the unit, not (yet) on the chain
        "branch_finance": "masked",
        "branch_leader": "masked",
        "company_leader": "masked",
        "other_reviewer": "hidden",  # another branch
        "other_grassroots_reviewer": "hidden",
        "other_finance": "hidden",
        "admin": "masked",  # superuser, but not on the chain
    }


def test_masked_data_hides_id_numbers_phones_and_medical_details(org, api, submitted):
    data = api(org.branch_leader).get(f"/api/v1/requests/{submitted.pk}/").json()["data"]
    full = api(org.worker).get(f"/api/v1/requests/{submitted.pk}/").json()["data"]

    assert data["id_number"] == full["id_number"][:3] + "*" * 11 + full["id_number"][-4:]
    assert data["phone"] == "138****8000"
    assert data["situation"] == "（已隐藏）"
    assert data["proof"] == "（已隐藏）"
    assert data["amount"] == full["amount"] == "1500.00"
    assert api(org.branch_leader).get(f"/api/v1/requests/{submitted.pk}/").json()["attachments"] == []


def test_only_the_current_steps_approvers_may_decide_it(org, api, submitted):
    state, _approver = pending_state_for(submitted, org.approvers)
    outcomes = {}
    for name in EVERYONE:
        if name in ("grassroots_reviewer", "admin"):
            continue
        response = api(getattr(org, name)).post(
            f"/api/v1/tasks/{state.pk}/decide/", {"action": "approve"}, format="json"
        )
        outcomes[name] = response.status_code

    assert set(outcomes.values()) == {403}
    assert api(org.worker).post(f"/api/v1/tasks/{state.pk}/decide/", {"action": "approve"}, format="json").json() == {
        "errors": {"detail": ["不能审批自己提交的申请。"]}
    }
    assert api(org.other_reviewer).post(
        f"/api/v1/tasks/{state.pk}/decide/", {"action": "approve"}, format="json"
    ).json() == {"errors": {"detail": ["这一步不由您审批。"]}}
    approved = api(org.grassroots_reviewer).post(
        f"/api/v1/tasks/{state.pk}/decide/", {"action": "approve"}, format="json"
    )
    assert approved.status_code == 200


def test_pending_tasks_appear_only_for_the_steps_approvers(org, api, submitted):
    listed = {
        name: [task["object_id"] for task in api(getattr(org, name)).get("/api/v1/tasks/").json()] for name in EVERYONE
    }

    assert {name for name, ids in listed.items() if submitted.pk in ids} == {"grassroots_reviewer", "admin"}


def test_a_reviewer_never_approves_their_own_request(org, api):
    assert org.branch_reviewer
    request_type = org.request_type("membership")
    data, files = valid_submission(request_type)
    response = api(org.grassroots_reviewer).post(
        "/api/v1/requests/", multipart(request_type, data, files), format="multipart"
    )
    request = Request.objects.get(pk=response.json()["id"])

    assert not [
        s for s in pending_task_states(user=org.grassroots_reviewer) if s.workflow_state.object_id == str(request.pk)
    ]
    # Nobody else holds the role in the unit, so the step went one level up.
    assert pending_state_for(request, [org.branch_reviewer])[1] == org.branch_reviewer
    state = pending_state_for(request, [org.branch_reviewer])[0]
    refused = api(org.grassroots_reviewer).post(
        f"/api/v1/tasks/{state.pk}/decide/", {"action": "approve"}, format="json"
    )
    assert refused.status_code == 403
    assert refused.json() == {"errors": {"detail": ["不能审批自己提交的申请。"]}}


def test_only_the_applicant_withdraws_or_resubmits(org, api, submitted):
    by_leader = api(org.branch_leader).post(f"/api/v1/requests/{submitted.pk}/withdraw/")
    by_stranger = api(org.worker2).post(f"/api/v1/requests/{submitted.pk}/withdraw/")
    resubmit = api(org.branch_leader).post(f"/api/v1/requests/{submitted.pk}/resubmit/", {"data": {}}, format="json")

    assert by_leader.status_code == 403
    assert by_leader.json() == {"errors": {"detail": ["只有申请人可以撤回申请。"]}}
    assert by_stranger.status_code == 404
    assert resubmit.status_code == 403
    assert Request.objects.get(pk=submitted.pk).status == "in_review"


def test_attachments_download_only_for_the_applicant_and_the_chain(org, api, submitted):
    attachment = submitted.attachments.get()
    url = f"/api/v1/requests/{submitted.pk}/attachments/{attachment.pk}/"

    assert api(org.worker).get(url).status_code == 200
    assert api(org.grassroots_reviewer).get(url).status_code == 200
    assert api(org.branch_leader).get(url).status_code == 404
    assert api(org.worker2).get(url).status_code == 404


def test_notifications_are_private_to_their_recipient(org, api, submitted):
    mine = Notification.objects.filter(recipient=org.worker).first()

    assert api(org.worker2).post(f"/api/v1/notifications/{mine.pk}/read/").status_code == 404
    assert api(org.worker2).get("/api/v1/notifications/").json()["count"] == 0


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/request-types/"),
        ("get", "/api/v1/requests/"),
        ("post", "/api/v1/requests/"),
        ("get", "/api/v1/tasks/"),
        ("post", "/api/v1/tasks/1/decide/"),
        ("get", "/api/v1/notifications/"),
        ("get", "/api/v1/requests/export/"),
    ],
)
def test_anonymous_callers_are_refused(api, db, method, path):
    response = getattr(api(None), method)(path)

    assert response.status_code in (401, 403)
    assert "errors" in response.json()


def test_workers_have_no_admin_and_approvers_see_only_their_requests_in_it(org, api, submitted, client):
    client.force_login(org.worker)
    assert client.get("/admin/snippets/workflows/request/").status_code in (302, 403)

    client.force_login(org.other_reviewer)
    assert client.get("/admin/snippets/workflows/request/").status_code == 200
    assert str(submitted) not in client.get("/admin/snippets/workflows/request/").content.decode()
    assert client.get(f"/admin/snippets/workflows/request/inspect/{submitted.pk}/").status_code == 404
    assert client.get(f"/admin/snippets/workflows/request/edit/{submitted.pk}/").status_code in (302, 403)

    client.force_login(org.branch_leader)
    assert client.get(f"/admin/snippets/workflows/request/inspect/{submitted.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/workflows/request/edit/{submitted.pk}/").status_code in (302, 403)
