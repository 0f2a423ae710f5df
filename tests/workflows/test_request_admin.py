"""Approvers decide on requests in the Wagtail admin; the union office creates request types there, without code."""

import io

from django.urls import reverse

from wagtail.models import Task, Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest
from openpyxl import load_workbook

from tests.workflows.helpers import multipart, pending_state_for, valid_submission
from tests.workflows.test_request_api import EXPECTED_DECISIONS, SEEDED
from workflows.models import Budget, Request, RequestType

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/workflows/request/"


def submit(org, api, slug, **overrides) -> Request:
    assert org.approvers
    request_type = org.request_type(slug)
    data, files = valid_submission(request_type, **overrides)
    response = api(org.applicant_for(slug)).post(
        "/api/v1/requests/", multipart(request_type, data, files), format="multipart"
    )
    assert response.status_code == 201, response.json()
    return Request.objects.get(pk=response.json()["id"])


def admin_decide(client, org, request, action="approve", comment="同意"):
    state, approver = pending_state_for(request, org.approvers)
    client.force_login(approver)
    url = reverse("wagtailsnippets_workflows_request:workflow_action", args=(request.pk, action, state.pk))
    response = client.post(url, {"comment": comment})
    assert response.status_code == 302, response.content[:500]
    return state.task.name


def admin_approve_all(client, org, request) -> list[str]:
    steps = []
    while pending_state_for(request, org.approvers):
        steps.append(admin_decide(client, org, request))
    return steps


@pytest.mark.parametrize("slug", SEEDED)
def test_each_seeded_type_is_approved_in_the_admin(org, api, client, slug):
    request = submit(org, api, slug)

    assert admin_approve_all(client, org, request) == EXPECTED_DECISIONS[slug]

    request.refresh_from_db()
    assert request.status == "approved"
    assert request.events.last().action == "finish"


@pytest.mark.parametrize("slug", SEEDED)
def test_each_seeded_type_is_rejected_in_the_admin(org, api, client, slug):
    request = submit(org, api, slug)

    admin_decide(client, org, request, action="reject", comment="不符合申请条件")

    request.refresh_from_db()
    assert request.status == "rejected"
    assert request.events.last().comment == "不符合申请条件"


@pytest.mark.parametrize("slug", SEEDED)
def test_each_seeded_type_is_returned_in_the_admin_and_resubmitted_by_its_applicant(org, api, client, slug):
    request = submit(org, api, slug)
    admin_decide(client, org, request, action="return", comment="请补充材料")
    assert Request.objects.get(pk=request.pk).status == "returned"
    data, _files = valid_submission(org.request_type(slug))

    resubmitted = api(org.applicant_for(slug)).post(
        f"/api/v1/requests/{request.pk}/resubmit/", {"data": data}, format="json"
    )

    assert resubmitted.json()["status"] == "in_review"
    assert admin_approve_all(client, org, request) == EXPECTED_DECISIONS[slug]
    assert Request.objects.get(pk=request.pk).status == "approved"


def test_a_withdrawn_request_leaves_the_approvers_admin_to_do_list(org, api, client):
    request = submit(org, api, "membership")
    client.force_login(org.grassroots_reviewer)
    assert str(request) in client.get("/admin/").content.decode()

    api(org.worker).post(f"/api/v1/requests/{request.pk}/withdraw/")

    assert str(request) not in client.get("/admin/").content.decode()


def test_the_approver_sees_the_request_read_only_with_the_decision_buttons(org, api, client):
    request = submit(org, api, "hardship-aid")
    client.force_login(org.grassroots_reviewer)

    page = client.get(reverse("wagtailsnippets_workflows_request:edit", args=(request.pk,))).content.decode()

    assert "困难情况说明" in page
    assert request.data["id_number"] in page  # on the chain: personal data in full
    assert "同意" in page
    assert "退回修改" in page
    assert 'name="action-publish"' not in page
    assert 'name="action-save"' not in page


def test_a_decision_from_the_request_editor_is_applied(org, api, client):
    request = submit(org, api, "membership")
    state, approver = pending_state_for(request, org.approvers)
    client.force_login(approver)

    response = client.post(
        reverse("wagtailsnippets_workflows_request:edit", args=(request.pk,)),
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"comment": "好"}',
        },
    )

    assert response.status_code == 302
    assert request.events.filter(action="approve", comment="好", actor=approver).exists()
    assert Request.objects.get(pk=request.pk).data == request.data


def test_my_tasks_panel_on_the_admin_home_counts_and_lists_pending_decisions(org, api, client):
    request = submit(org, api, "hardship-aid")
    client.force_login(org.grassroots_reviewer)

    home = client.get("/admin/").content.decode()

    assert "我的待办" in home
    assert "待我审批 <strong>1</strong> 件" in home
    assert str(request) in home


def test_the_approve_modal_warns_when_the_budget_would_be_exceeded(org, api, client):
    Budget.objects.create(organisation=org.branch, year=2026, amount="1000")
    request = submit(org, api, "hardship-aid", amount="1500")
    request.submitted_at = request.submitted_at.replace(year=2026)
    request.save(update_fields=["submitted_at"])
    state, approver = pending_state_for(request, org.approvers)
    client.force_login(approver)

    modal = client.get(
        reverse("wagtailsnippets_workflows_request:workflow_action", args=(request.pk, "approve", state.pk)),
        headers={"x-requested-with": "XMLHttpRequest"},
    ).json()["html"]

    assert "预算提醒" in modal
    assert "剩余预算 1000.00 元" in modal


def test_the_request_list_exports_xlsx_with_chinese_headers_and_masked_personal_data(org, api, client):
    request = submit(org, api, "hardship-aid")
    submit(org, api, "membership")
    client.force_login(org.branch_leader)

    response = client.get(LIST_URL, {"request_type": org.request_type("hardship-aid").pk, "export": "xlsx"})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("编号", "申请事项", "申请人", "所属组织", "状态", "当前步骤")
    assert "身份证号" in rows[0]
    assert len(rows) == 2
    assert rows[1][0] == request.pk
    id_column = rows[0].index("身份证号")
    assert rows[1][id_column] != request.data["id_number"]
    assert "*" in rows[1][id_column]


def test_the_api_export_follows_the_list_filters(org, api):
    submit(org, api, "hardship-aid")
    submit(org, api, "membership")

    response = api(org.branch_leader).get("/api/v1/requests/export/?scope=review&type=membership")

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert [row[1] for row in rows[1:]] == ["会员入会申请"]


def request_type_form(**overrides) -> dict:
    data = {
        "name": "职工书屋借阅登记",
        "slug": "reading-room",
        "description": "职工书屋借书登记，由本单位工会审核。",
        "active": "on",
        "applicant_groups": [],
        "organisations": [],
        "workflow": "",
        "ledger_field": "",
        "sort_order": "10",
        "fields": inline_formset(
            [
                {
                    "label": "书名",
                    "name": "title",
                    "field_type": "text",
                    "required": "on",
                    "help_text": "",
                    "choices": "",
                },
                {
                    "label": "借阅天数",
                    "name": "days",
                    "field_type": "number",
                    "required": "on",
                    "max_value": "30",
                    "choices": "",
                },
                {"label": "联系电话", "name": "phone", "field_type": "phone", "required": "on", "choices": ""},
            ]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_the_union_office_creates_a_request_type_in_the_admin_and_workers_can_use_it(org, api, client):
    client.force_login(org.admin)
    workflow = org.request_type("membership").workflow

    response = client.post(
        reverse("wagtailsnippets_workflows_requesttype:add"), request_type_form(workflow=workflow.pk)
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    created = RequestType.objects.get(slug="reading-room")
    assert [field.name for field in created.fields.all()] == ["title", "days", "phone"]
    assert "reading-room" in [item["slug"] for item in api(org.worker).get("/api/v1/request-types/").json()]
    refused = api(org.worker).post(
        "/api/v1/requests/",
        {"type": "reading-room", "data": {"title": "平凡的世界", "days": 60, "phone": "1"}},
        format="json",
    )
    assert refused.json()["errors"].keys() == {"days", "phone"}
    accepted = api(org.worker).post(
        "/api/v1/requests/",
        {"type": "reading-room", "data": {"title": "平凡的世界", "days": 14, "phone": "13800138000"}},
        format="json",
    )
    assert accepted.status_code == 201
    assert accepted.json()["current_step"] == "本单位工会审核"


def test_the_request_type_form_refuses_duplicate_names_and_a_ledger_field_that_is_not_money(org, client):
    client.force_login(org.admin)
    workflow = org.request_type("membership").workflow
    form = request_type_form(workflow=workflow.pk, ledger_field="days")
    form["fields-1-name"] = "title"

    response = client.post(reverse("wagtailsnippets_workflows_requesttype:add"), form)

    page = response.content.decode()
    assert response.status_code == 200
    assert "同一申请事项中字段名不能重复。" in page
    assert "记账金额字段须是本申请事项中“金额”类型的字段名。" in page
    assert not RequestType.objects.filter(slug="reading-room").exists()


def test_the_walk_through_builds_a_conditional_chain_and_a_new_request_type_in_the_admin(org, api, client):
    """The README walk-through: a step, a workflow, a request type — then a worker applies."""
    assert org.approvers
    client.force_login(org.admin)
    step = client.post(
        reverse("wagtailadmin_workflows:add_task", args=("workflows", "organisationreviewertask")),
        {
            "name": "公司工会审批（金额超过5000元）",
            "role": "reviewer",
            "levels_up": "0",
            "target_level": "company",
            "time_limit_days": "5",
            "condition_field": "amount",
            "condition_operator": "gt",
            "condition_value": "5000",
        },
    )
    assert step.status_code == 302, step.content.decode()[:2000]
    own_unit = Task.objects.get(name="本单位工会审核")
    big_amounts = Task.objects.get(name="公司工会审批（金额超过5000元）")
    workflow = client.post(
        reverse("wagtailadmin_workflows:add"),
        {
            "name": "送温暖慰问审批",
            "workflow_tasks-TOTAL_FORMS": "2",
            "workflow_tasks-INITIAL_FORMS": "0",
            "workflow_tasks-MIN_NUM_FORMS": "0",
            "workflow_tasks-MAX_NUM_FORMS": "1000",
            "workflow_tasks-0-task": own_unit.pk,
            "workflow_tasks-0-ORDER": "1",
            "workflow_tasks-1-task": big_amounts.pk,
            "workflow_tasks-1-ORDER": "2",
            "pages-TOTAL_FORMS": "0",
            "pages-INITIAL_FORMS": "0",
            "pages-MIN_NUM_FORMS": "0",
            "pages-MAX_NUM_FORMS": "1000",
        },
    )
    assert workflow.status_code == 302, workflow.content.decode()[:2000]
    chain = Workflow.objects.get(name="送温暖慰问审批")
    request_type = client.post(
        reverse("wagtailsnippets_workflows_requesttype:add"),
        nested_form_data(
            {
                "name": "送温暖慰问申请",
                "slug": "winter-warmth",
                "description": "节日慰问困难职工。",
                "active": "on",
                "applicant_groups": [],
                "organisations": [],
                "workflow": chain.pk,
                "ledger_field": "amount",
                "sort_order": "20",
                "fields": inline_formset(
                    [
                        {
                            "label": "慰问对象",
                            "name": "recipient",
                            "field_type": "text",
                            "required": "on",
                            "choices": "",
                        },
                        {
                            "label": "慰问金额（元）",
                            "name": "amount",
                            "field_type": "money",
                            "required": "on",
                            "choices": "",
                        },
                    ]
                ),
            }
        ),
    )
    assert request_type.status_code == 302, request_type.content.decode()[:2000]

    small = api(org.worker).post(
        "/api/v1/requests/", {"type": "winter-warmth", "data": {"recipient": "张大娘", "amount": "800"}}, format="json"
    )
    large = api(org.worker).post(
        "/api/v1/requests/", {"type": "winter-warmth", "data": {"recipient": "李大爷", "amount": "6000"}}, format="json"
    )

    assert admin_approve_all(client, org, Request.objects.get(pk=small.json()["id"])) == ["本单位工会审核"]
    assert admin_approve_all(client, org, Request.objects.get(pk=large.json()["id"])) == [
        "本单位工会审核",
        "公司工会审批（金额超过5000元）",
    ]


def test_an_officer_withdraws_their_own_request_in_the_admin(org, api, client):
    request = submit(org, api, "activity-funds")
    client.force_login(org.editor)
    url = reverse("workflows_request_withdraw", args=(request.pk,))

    inspect = client.get(reverse("wagtailsnippets_workflows_request:inspect", args=(request.pk,))).content.decode()
    confirm = client.get(url).content.decode()
    response = client.post(url)

    assert url in inspect
    assert "确认撤回" in confirm
    assert response.status_code == 302
    assert Request.objects.get(pk=request.pk).status == "withdrawn"


def test_nobody_withdraws_someone_elses_request_in_the_admin(org, api, client):
    request = submit(org, api, "activity-funds")
    client.force_login(org.grassroots_reviewer)

    assert client.post(reverse("workflows_request_withdraw", args=(request.pk,))).status_code == 404
    assert Request.objects.get(pk=request.pk).status == "in_review"


def test_withdrawal_after_a_decision_is_refused_in_the_admin_with_a_message(org, api, client):
    request = submit(org, api, "activity-funds")
    admin_decide(client, org, request)
    client.force_login(org.editor)

    response = client.post(reverse("workflows_request_withdraw", args=(request.pk,)), follow=True)

    assert "已有审批意见或已办结的申请不能撤回。" in response.content.decode()
    assert Request.objects.get(pk=request.pk).status == "in_review"
