"""The OA approvals room in the Wagtail admin: the union office builds a request type, approvers decide."""

import datetime
import re

from django.utils import timezone

import pytest
from playwright.sync_api import expect
from rest_framework.test import APIClient

from cms.models import User
from cms.services import organisation_provision, roles_sync, user_assign_role
from content_types.factories import OrganisationPageFactory, home_page
from content_types.models import OrganisationLevel
from tests.workflows.helpers import valid_submission
from workflows.models import Request, RequestType
from workflows.services.seed import workflows_seed

pytestmark = [
    pytest.mark.browser,
    pytest.mark.transactional,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "oa-password-1"
DESKTOP = {"width": 1280, "height": 900}
# Wagtail's modal-workflow.js builds `<div class="modal" role="dialog">` without an accessible name.
WAGTAIL_MODAL = ("aria-dialog-name", ".modal")
REASON = "入会须本人签字，请到工会办公室补签。"


class Union:
    """公司工会 → 一号煤矿分工会 → 综采一队基层工会 with the seeded chains, and the people the tests need."""

    def __init__(self):
        roles_sync()
        self.company = OrganisationPageFactory(
            parent=home_page(), title="公司工会", slug="company", level=OrganisationLevel.COMPANY
        )
        branch = OrganisationPageFactory(parent=self.company, title="一号煤矿分工会", slug="mine-1")
        self.team = OrganisationPageFactory(
            parent=branch, title="综采一队基层工会", slug="team-1", level=OrganisationLevel.GRASSROOTS
        )
        for organisation in (self.company, branch, self.team):
            organisation_provision(organisation=organisation)
        workflows_seed(company=self.company)
        self.worker = self.person("worker", "王师傅", "worker", self.team)
        self.team_reviewer = self.person("team-reviewer", "基层主席", "reviewer", self.team)
        self.company_finance = self.person("company-finance", "公司工会财务", "finance", self.company)
        # The union office: the README's 系统管理员 role, which owns request types and workflows.
        self.office = self.person("office", "工会办公室", "admin", self.company)

    @staticmethod
    def person(username: str, display_name: str, role: str, organisation) -> User:
        user = User.objects.create_user(username, password=PASSWORD, display_name=display_name)
        return user_assign_role(user=user, role=role, organisation=organisation)


@pytest.fixture
def union():
    return Union()


def api_as(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def log_in(page, live_server, user: User) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page.get_by_role("heading", name="我的待办")).to_be_visible()


def open_settings(page, item: str) -> None:
    page.get_by_role("button", name="设置", exact=True).click()
    page.get_by_role("link", name=item, exact=True).click()


def test_union_office_builds_a_request_type_by_the_readme_walk_through(
    live_server, union, page, assert_accessible, screenshot
):
    log_in(page, live_server, union.office)

    # 1. Steps: 设置 → 工作流任务 → 添加.
    open_settings(page, "工作流任务")
    page.get_by_role("link", name="新建工作流任务").click()
    page.get_by_role("link", name="组织审核人审批").click()
    page.get_by_label("名称").fill("本单位工会初审")
    page.get_by_label("办理时限（天）").fill("2")
    page.get_by_label("审批角色").select_option(label="审核人")
    page.get_by_label("向上级数").fill("0")  # the applicant's own organisation
    assert_accessible(page)
    screenshot(page, "reviewer-step")
    page.get_by_role("button", name="创建").click()
    expect(page.locator(".messages")).to_contain_text("本单位工会初审")

    page.get_by_role("link", name="新建工作流任务").click()
    page.get_by_role("link", name="指定用户组审批").click()
    page.get_by_label("名称").fill("公司工会财务复核")
    page.get_by_label("办理时限（天）").fill("3")
    page.get_by_role("checkbox", name="公司工会·财务").check()
    assert_accessible(page)
    page.get_by_role("button", name="创建").click()
    expect(page.get_by_role("row", name=re.compile("公司工会财务复核"))).to_contain_text("指定用户组审批")
    screenshot(page, "steps")

    # 2. Chain: 设置 → 工作流 → 添加, the two steps in order, no pages.
    open_settings(page, "工作流")
    page.get_by_role("link", name="添加一个工作流").click()
    page.get_by_role("textbox", name="请给你的工作流一个名称").fill("职工疗养补贴审批")
    for step in ("本单位工会初审", "公司工会财务复核"):
        page.get_by_role("button", name="增加 任务").click()
        page.get_by_role("button", name="选择一个任务").last.click()
        chooser = page.get_by_role("dialog")
        chooser.get_by_role("tab", name="已存在").click()
        chooser.get_by_label("搜索条件").fill(step)
        chooser.get_by_text(step, exact=True).click()
        expect(chooser).to_be_hidden()
    assert_accessible(page)
    screenshot(page, "workflow")
    page.get_by_role("button", name="创建").click()
    expect(page.locator(".messages")).to_contain_text("职工疗养补贴审批")

    # 3. Form: 办公审批 → 申请事项 → 添加.
    page.get_by_role("button", name="办公审批").click()
    page.get_by_role("link", name="申请事项").click()
    page.get_by_role("link", name="添加 申请事项").click()
    page.get_by_label("名称").fill("职工疗养补贴申请")
    page.get_by_label("标识").fill("rest-allowance")
    page.get_by_label("说明").fill("一线职工参加疗休养可申请交通和食宿补贴，每年一次。")
    page.get_by_role("checkbox", name="职工", exact=True).check()
    for index, (label, name, kind) in enumerate(
        (("补贴金额（元）", "amount", "金额（元）"), ("疗养日期", "rest_date", "日期"))
    ):
        page.get_by_role("button", name="增加 表单字段").click()
        page.locator(f"#id_fields-{index}-label").fill(label)
        page.locator(f"#id_fields-{index}-name").fill(name)
        page.locator(f"#id_fields-{index}-field_type").select_option(label=kind)
        page.locator(f"#id_fields-{index}-required").check()
    page.locator("#id_fields-0-max_value").fill("3000")
    page.get_by_label("审批流程").select_option(label="职工疗养补贴审批")
    page.get_by_label("记账金额字段").fill("amount")
    assert_accessible(page)
    screenshot(page, "request-type")

    # 4. Save: it is listed at once.
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("职工疗养补贴申请")
    new_type = page.get_by_role("row", name=re.compile("职工疗养补贴申请"))
    expect(new_type).to_contain_text("职工疗养补贴审批")
    expect(new_type.get_by_role("cell").last).to_have_text("是")
    assert_accessible(page)
    screenshot(page, "request-types")

    # Workers may apply for it (officers may not), with the form as built, through the chain as built.
    offered = {item["slug"]: item for item in api_as(union.worker).get("/api/v1/request-types/").json()}
    assert [(f["label"], f["type"], f["required"]) for f in offered["rest-allowance"]["fields"]] == [
        ("补贴金额（元）", "money", True),
        ("疗养日期", "date", True),
    ]
    assert "rest-allowance" not in [
        item["slug"] for item in api_as(union.team_reviewer).get("/api/v1/request-types/").json()
    ]
    refused = api_as(union.worker).post(
        "/api/v1/requests/", {"type": "rest-allowance", "data": {"amount": "5000"}}, format="json"
    )
    assert refused.json()["errors"] == {"amount": ["不能大于 3000.00。"], "rest_date": ["请填写“疗养日期”。"]}
    submitted = (
        api_as(union.worker)
        .post(
            "/api/v1/requests/",
            {"type": "rest-allowance", "data": {"amount": "1200", "rest_date": "2026-08-10"}},
            format="json",
        )
        .json()
    )
    assert submitted["current_step"] == "本单位工会初审"
    due_at = datetime.datetime.fromisoformat(submitted["current_step_due_at"])
    assert abs(due_at - (timezone.now() + datetime.timedelta(days=2))) < datetime.timedelta(minutes=5)

    task = api_as(union.team_reviewer).get("/api/v1/tasks/").json()[0]
    decided = api_as(union.team_reviewer).post(
        f"/api/v1/tasks/{task['id']}/decide/", {"action": "approve"}, format="json"
    )
    assert decided.status_code == 200, decided.json()
    finance_tasks = api_as(union.company_finance).get("/api/v1/tasks/").json()
    assert [(t["title"], t["step"]) for t in finance_tasks] == [("职工疗养补贴申请·王师傅", "公司工会财务复核")]


def test_approver_rejects_a_request_from_my_tasks_with_a_comment(
    live_server, union, page, assert_accessible, screenshot
):
    membership = RequestType.objects.get(slug="membership")
    data, _files = valid_submission(membership, birth_date="1990-05-01", position="采煤机司机")
    submitted = api_as(union.worker).post("/api/v1/requests/", {"type": "membership", "data": data}, format="json")
    assert submitted.status_code == 201, submitted.json()
    request = Request.objects.get(pk=submitted.json()["id"])

    log_in(page, live_server, union.team_reviewer)
    my_tasks = page.get_by_role("region", name="我的待办")
    expect(my_tasks).to_contain_text("待我审批 1 件")
    expect(my_tasks.get_by_role("row", name=re.compile(str(request)))).to_contain_text("本单位工会审核")
    assert_accessible(page)
    screenshot(page, "dashboard")

    my_tasks.get_by_role("link", name=str(request)).click()
    expect(page.get_by_role("heading", name="审批记录", exact=True)).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("工作岗位"))).to_contain_text("采煤机司机")
    assert_accessible(page)
    screenshot(page, "request")

    page.locator("footer .w-dropdown__toggle").click()
    page.get_by_role("button", name="驳回", exact=True).click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="驳回")).to_be_visible()
    dialog.get_by_role("button", name="驳回").click()  # a rejection needs a reason
    expect(dialog).to_contain_text("退回或驳回时请填写审批意见。")
    assert_accessible(page, exclude=(WAGTAIL_MODAL,))
    dialog.get_by_label("审批意见").fill(REASON)
    screenshot(page, "reject")
    dialog.get_by_role("button", name="驳回").click()

    expect(page.locator(".messages")).to_contain_text(f"已驳回“{request}”。")
    expect(page.get_by_role("row", name=re.compile(str(request)))).to_contain_text("未通过")
    assert_accessible(page)
    screenshot(page, "rejected")
    page.goto(f"{live_server.url}/admin/")
    expect(my_tasks).to_contain_text("待我审批 0 件")
    expect(my_tasks).to_contain_text("本月已处理 1 件")
    expect(my_tasks).to_contain_text("暂无待办。")

    applicant_view = api_as(union.worker).get(f"/api/v1/requests/{request.pk}/").json()
    assert applicant_view["status_display"] == "未通过"
    last = applicant_view["history"][-1]
    assert (last["actor"], last["action_display"], last["comment"]) == ("基层主席", "驳回", REASON)
