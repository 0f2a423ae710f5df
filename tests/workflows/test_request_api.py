"""Every seeded request type through the OA API: approve, reject, return-and-resubmit, withdraw."""

import pytest

from tests.workflows.helpers import multipart, pending_state_for, valid_submission
from workflows.models import LedgerEntry, Request, RequestStatus
from workflows.services.seed import COUNTERSIGN

pytestmark = pytest.mark.django_db

SEEDED = [
    "hardship-aid",
    "autumn-scholarship",
    "critical-illness-aid",
    "activity-funds",
    "membership",
    "recuperation",
]
# The steps that wait for a decision when the amount is 1500 元 (the company step over 2000 元 is skipped).
EXPECTED_DECISIONS = {
    "hardship-aid": ["本单位工会审核", "分工会审核", "分工会财务审核"],
    "autumn-scholarship": ["本单位工会审核", "分工会审核"],
    "critical-illness-aid": ["本单位工会审核", "分工会审核", COUNTERSIGN, COUNTERSIGN],
    "activity-funds": ["本单位工会审核", "分工会财务审核"],
    "membership": ["本单位工会审核", "分工会审核"],
    "recuperation": ["本单位工会审核", "分工会审核", "公司工会审批"],
}


def submit(org, api, slug, **overrides):
    assert org.approvers  # everyone on the chains holds their role before the request arrives
    request_type = org.request_type(slug)
    data, files = valid_submission(request_type, **overrides)
    response = api(org.applicant_for(slug)).post(
        "/api/v1/requests/", multipart(request_type, data, files), format="multipart"
    )
    assert response.status_code == 201, response.json()
    return response.json()


def decide(org, api, request_id, action="approve", comment="同意"):
    state, approver = pending_state_for(Request.objects.get(pk=request_id), org.approvers)
    tasks = api(approver).get("/api/v1/tasks/").json()
    assert {"id": state.pk, "kind": "request", "object_id": request_id} in [
        {key: task[key] for key in ("id", "kind", "object_id")} for task in tasks
    ]
    response = api(approver).post(
        f"/api/v1/tasks/{state.pk}/decide/", {"action": action, "comment": comment}, format="json"
    )
    assert response.status_code == 200, response.json()
    return state.task.name, approver


def approve_all(org, api, request_id) -> list[str]:
    steps = []
    while pending_state_for(Request.objects.get(pk=request_id), org.approvers):
        steps.append(decide(org, api, request_id)[0])
    return steps


@pytest.mark.parametrize("slug", SEEDED)
def test_each_seeded_type_is_approved_step_by_step_through_the_api(org, api, slug):
    created = submit(org, api, slug)
    assert created["status"] == "in_review"
    assert created["current_step"] == "本单位工会审核"

    assert approve_all(org, api, created["id"]) == EXPECTED_DECISIONS[slug]

    detail = api(org.applicant_for(slug)).get(f"/api/v1/requests/{created['id']}/").json()
    assert detail["status"] == "approved"
    assert detail["current_step"] is None
    actions = [entry["action"] for entry in detail["history"]]
    assert actions[0] == "submit"
    assert actions[-1] == "finish"
    assert actions.count("approve") + actions.count("countersign") == len(EXPECTED_DECISIONS[slug])
    assert Request.objects.get(pk=created["id"]).live


@pytest.mark.parametrize("slug", SEEDED)
def test_each_seeded_type_can_be_rejected_with_a_reason(org, api, slug):
    created = submit(org, api, slug)

    step, approver = decide(org, api, created["id"], action="reject", comment="材料不全，不符合条件")

    detail = api(org.applicant_for(slug)).get(f"/api/v1/requests/{created['id']}/").json()
    assert detail["status"] == "rejected"
    assert detail["history"][-1] | {"at": None} == {
        "step": step,
        "actor": str(approver),
        "action": "reject",
        "action_display": "驳回",
        "comment": "材料不全，不符合条件",
        "at": None,
    }
    assert pending_state_for(Request.objects.get(pk=created["id"]), org.approvers) is None
    assert detail["can_withdraw"] is False
    assert detail["can_resubmit"] is False


@pytest.mark.parametrize("slug", SEEDED)
def test_each_seeded_type_can_be_returned_changed_and_resubmitted(org, api, slug):
    created = submit(org, api, slug)
    decide(org, api, created["id"])
    decide(org, api, created["id"], action="return", comment="请补充说明")
    applicant = api(org.applicant_for(slug))
    returned = applicant.get(f"/api/v1/requests/{created['id']}/").json()
    assert returned["status"] == "returned"
    assert returned["can_resubmit"] is True

    request_type = org.request_type(slug)
    data, _files = valid_submission(request_type)
    first_text = next(field.name for field in request_type.fields.all() if field.field_type in ("text", "textarea"))
    data[first_text] = "已按要求修改"
    response = applicant.post(f"/api/v1/requests/{created['id']}/resubmit/", {"data": data}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "in_review"
    assert response.json()["data"][first_text] == "已按要求修改"
    assert response.json()["current_step"] == "本单位工会审核"  # the chain restarts from the first step
    assert approve_all(org, api, created["id"]) == EXPECTED_DECISIONS[slug]
    final = applicant.get(f"/api/v1/requests/{created['id']}/").json()
    assert final["status"] == "approved"
    actions = [entry["action"] for entry in final["history"]]
    assert actions.index("return") < actions.index("resubmit") < actions.index("finish")


@pytest.mark.parametrize("slug", SEEDED)
def test_each_seeded_type_can_be_withdrawn_before_the_first_decision(org, api, slug):
    created = submit(org, api, slug)

    response = api(org.applicant_for(slug)).post(f"/api/v1/requests/{created['id']}/withdraw/")

    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    assert response.json()["history"][-1]["action"] == "withdraw"
    assert pending_state_for(Request.objects.get(pk=created["id"]), org.approvers) is None


def test_a_request_cannot_be_withdrawn_after_the_first_decision(org, api):
    created = submit(org, api, "hardship-aid")
    decide(org, api, created["id"])

    response = api(org.worker).post(f"/api/v1/requests/{created['id']}/withdraw/")

    assert response.status_code == 400
    assert response.json() == {"errors": {"status": ["已有审批意见或已办结的申请不能撤回。"]}}
    assert Request.objects.get(pk=created["id"]).status == RequestStatus.IN_REVIEW


def test_a_returned_request_may_also_be_withdrawn(org, api):
    created = submit(org, api, "membership")
    decide(org, api, created["id"], action="return", comment="请补充入会志愿")

    response = api(org.worker).post(f"/api/v1/requests/{created['id']}/withdraw/")

    assert response.json()["status"] == "withdrawn"


def test_an_amount_over_2000_adds_the_company_unions_approval(org, api):
    created = submit(org, api, "hardship-aid", amount="5000")

    steps = approve_all(org, api, created["id"])

    assert steps == ["本单位工会审核", "分工会审核", "公司工会审批（金额超过2000元）", "分工会财务审核"]


def test_a_skipped_conditional_step_is_shown_in_the_history(org, api):
    created = submit(org, api, "hardship-aid", amount="1500")
    approve_all(org, api, created["id"])

    history = api(org.worker).get(f"/api/v1/requests/{created['id']}/").json()["history"]

    skipped = [entry for entry in history if entry["action"] == "skip"]
    assert skipped == [
        {
            "step": "公司工会审批（金额超过2000元）",
            "actor": "系统",
            "action": "skip",
            "action_display": "自动跳过",
            "comment": "不满足条件（amount 大于 2000），跳过此步骤",
            "at": skipped[0]["at"],
        }
    ]


def test_approved_money_is_committed_to_the_paying_organisations_ledger(org, api):
    created = submit(org, api, "hardship-aid", amount="1800")
    approve_all(org, api, created["id"])

    entry = LedgerEntry.objects.get(request_id=created["id"])
    assert (entry.organisation, entry.kind, str(entry.amount)) == (org.grassroots, "committed", "1800.00")


def test_request_types_list_only_what_the_caller_may_apply_for(org, api):
    worker_types = [item["slug"] for item in api(org.worker).get("/api/v1/request-types/").json()]
    editor_types = [item["slug"] for item in api(org.editor).get("/api/v1/request-types/").json()]

    assert "activity-funds" not in worker_types
    assert "activity-funds" in editor_types
    assert set(worker_types) == set(SEEDED) - {"activity-funds"}


def test_request_type_fields_follow_the_contract(org, api):
    hardship = next(
        item for item in api(org.worker).get("/api/v1/request-types/").json() if item["slug"] == "hardship-aid"
    )

    assert hardship["name"] == "困难职工帮扶申请"
    assert {"name", "label", "type", "required", "choices", "help_text"} <= set(hardship["fields"][0])
    by_name = {field["name"]: field for field in hardship["fields"]}
    assert by_name["hardship_type"]["choices"][:2] == ["因病致困", "因灾致困"]
    assert by_name["id_number"]["type"] == "id_card"
    assert by_name["proof"]["type"] == "attachment"


def test_the_caller_lists_their_own_requests_and_approvers_list_with_scope_review(org, api):
    mine = submit(org, api, "membership")
    submit(org, api, "recuperation")

    own = api(org.worker).get("/api/v1/requests/").json()
    review = api(org.grassroots_reviewer).get("/api/v1/requests/?scope=review").json()
    filtered = api(org.grassroots_reviewer).get("/api/v1/requests/?scope=review&type=membership").json()

    assert own["count"] == 2
    assert api(org.grassroots_reviewer).get("/api/v1/requests/").json()["count"] == 0
    assert review["count"] == 2
    assert [item["id"] for item in filtered["results"]] == [mine["id"]]


def test_task_counts_by_status_for_the_caller(org, api):
    submit(org, api, "membership")
    returned = submit(org, api, "recuperation")
    decide(org, api, returned["id"], action="return", comment="请补充健康状况")

    reviewer = api(org.grassroots_reviewer).get("/api/v1/tasks/counts/").json()
    worker = api(org.worker).get("/api/v1/tasks/counts/").json()

    assert reviewer == {"pending": 1, "overdue": 0, "decided_this_month": 1, "my_in_review": 0, "my_returned": 0}
    assert (worker["pending"], worker["my_in_review"], worker["my_returned"]) == (0, 1, 1)
