"""Editorial review of pages: own unit's reviewer, then the parent branch; featuring adds the company union."""

from django.core import mail
from django.urls import reverse

from wagtail.models import PageLogEntry, TaskState, Workflow, WorkflowPage, WorkflowState, WorkflowTask
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from content_types.models import NewsPage
from workflows.models import NamedGroupTask, Notification
from workflows.selectors import pending_task_states

pytestmark = pytest.mark.django_db


def news_form(*, title: str, slug: str, featured: bool = False, action: str = "submit") -> dict:
    data = {
        "title": title,
        "slug": slug,
        "summary": "摘要",
        "date": "2026-11-01",
        "source": "工会宣传部",
        "author": "张三",
        "tags": [],
        "body": streamfield([("paragraph", rich_text(f"<p>{title}的正文</p>"))]),
        "comments": inline_formset([]),
        f"action-{action}": action,
    }
    if featured:
        data["featured"] = "on"
    return nested_form_data(data)


def submit_news(client, user, parent, *, title="综采一队表彰大会", slug="team-award", featured=False) -> NewsPage:
    client.force_login(user)
    url = reverse("wagtailadmin_pages:add", args=("content_types", "newspage", parent.pk))
    response = client.post(url, news_form(title=title, slug=slug, featured=featured))
    assert response.status_code == 302, response.content.decode()[:2000]
    return NewsPage.objects.get(slug=slug)


def pending_for(user, page) -> TaskState | None:
    return next((s for s in pending_task_states(user=user) if s.workflow_state.object_id == str(page.pk)), None)


def admin_decide(client, user, page, action="approve", comment=""):
    state = pending_for(user, page)
    assert state is not None, f"{user} has no pending step on {page}"
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
    return client.post(url, {"comment": comment}), state


@pytest.fixture
def reviewers(org):
    return org.grassroots_reviewer, org.branch_reviewer, org.company_reviewer


def test_a_grassroots_editors_news_is_reviewed_by_its_unit_then_its_branch_and_published(org, client, reviewers):
    page = submit_news(client, org.editor, org.grassroots)
    assert page.current_workflow_state.workflow.name == "内容发布审核"
    assert not page.live

    first, first_state = admin_decide(client, org.grassroots_reviewer, page)
    assert first.status_code == 302
    assert first_state.task.name == "本单位审核"
    assert not NewsPage.objects.get(pk=page.pk).live

    second, second_state = admin_decide(client, org.branch_reviewer, page)
    assert second_state.task.name == "上级分工会审核"

    page.refresh_from_db()
    assert page.live
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish", user=org.branch_reviewer).exists()
    assert Notification.objects.filter(recipient=org.editor, title="已发布：综采一队表彰大会").exists()


def test_featuring_on_the_company_home_page_adds_the_publicity_departments_step(org, client, reviewers):
    page = submit_news(client, org.editor, org.grassroots, featured=True)
    admin_decide(client, org.grassroots_reviewer, page)
    admin_decide(client, org.branch_reviewer, page)

    assert not NewsPage.objects.get(pk=page.pk).live
    _response, state = admin_decide(client, org.company_reviewer, page)

    assert state.task.name == "公司工会宣传部审核（首页推荐）"
    assert NewsPage.objects.get(pk=page.pk).live


def test_an_unfeatured_story_skips_the_publicity_department(org, client, reviewers):
    page = submit_news(client, org.editor, org.grassroots)
    admin_decide(client, org.grassroots_reviewer, page)
    admin_decide(client, org.branch_reviewer, page)

    skipped = TaskState.objects.get(workflow_state__object_id=str(page.pk), task__name="公司工会宣传部审核（首页推荐）")
    assert skipped.status == TaskState.STATUS_SKIPPED
    assert pending_for(org.company_reviewer, page) is None


def test_a_branch_editors_story_needs_only_the_branch_reviewer(org, client, reviewers):
    page = submit_news(client, org.branch_editor, org.branch, title="一号煤矿安全月", slug="safety-month")

    _response, state = admin_decide(client, org.branch_reviewer, page)

    assert state.task.name == "本单位审核"
    assert NewsPage.objects.get(pk=page.pk).live  # the branch step found the same group had approved


def test_rejection_with_a_comment_returns_the_story_to_its_editor_with_the_trail(org, client, reviewers):
    page = submit_news(client, org.editor, org.grassroots)

    response, _state = admin_decide(client, org.grassroots_reviewer, page, action="reject", comment="标题请再斟酌")

    assert response.status_code == 302
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    notice = Notification.objects.get(recipient=org.editor, kind="decided")
    assert "标题请再斟酌" in notice.body
    client.force_login(org.editor)
    history = client.get(reverse("wagtailadmin_pages:workflow_history", args=(page.pk,)))
    assert history.status_code == 200

    detail_url = reverse("wagtailadmin_pages:workflow_history_detail", args=(page.pk, page.current_workflow_state.pk))
    assert "标题请再斟酌" in client.get(detail_url).content.decode()

    client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), news_form(title="综采一队表彰大会（修改）", slug=page.slug)
    )
    admin_decide(client, org.grassroots_reviewer, page)
    admin_decide(client, org.branch_reviewer, page)
    page.refresh_from_db()
    assert page.live
    assert page.title == "综采一队表彰大会（修改）"


def test_a_rejection_needs_a_comment(org, client, reviewers):
    page = submit_news(client, org.editor, org.grassroots)
    state = pending_for(org.grassroots_reviewer, page)
    client.force_login(org.grassroots_reviewer)

    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", state.pk)),
        {"comment": ""},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert "退回或驳回时请填写审批意见。" in response.json()["html"]
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_another_branchs_reviewer_cannot_act_on_the_story(org, client, reviewers):
    page = submit_news(client, org.editor, org.grassroots)
    state = pending_for(org.grassroots_reviewer, page)
    client.force_login(org.other_reviewer)

    response = client.post(reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk)), {})

    assert response.status_code in (302, 403)
    assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_IN_PROGRESS


def test_the_last_approver_needs_no_publish_permission(org, client):
    assert org.grassroots_reviewer
    finance_only = NamedGroupTask.objects.create(name="分工会财务确认")
    finance_only.groups.add(org.branch_finance.groups.get(name="一号煤矿分工会·财务"))
    workflow = Workflow.objects.create(name="经费新闻发布")
    WorkflowTask.objects.create(workflow=workflow, task=finance_only, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=org.grassroots)
    page = submit_news(client, org.editor, org.grassroots)
    assert not NewsPage.objects.get(pk=page.pk).permissions_for_user(org.branch_finance).can_publish()

    admin_decide(client, org.branch_finance, page)

    assert NewsPage.objects.get(pk=page.pk).live


def test_page_steps_are_listed_and_decided_through_the_api(org, client, api, reviewers):
    page = submit_news(client, org.editor, org.grassroots)

    tasks = api(org.grassroots_reviewer).get("/api/v1/tasks/").json()
    task = next(item for item in tasks if item["kind"] == "page")
    assert (task["object_id"], task["title"], task["step"], task["submitted_by"]) == (
        page.pk,
        "综采一队表彰大会",
        "本单位审核",
        "宣传干事",
    )
    decided = api(org.grassroots_reviewer).post(
        f"/api/v1/tasks/{task['id']}/decide/", {"action": "approve"}, format="json"
    )
    assert decided.status_code == 200
    branch_task = api(org.branch_reviewer).get("/api/v1/tasks/").json()[0]
    returned = api(org.branch_reviewer).post(
        f"/api/v1/tasks/{branch_task['id']}/decide/", {"action": "return", "comment": "配图太少"}, format="json"
    )
    assert returned.status_code == 200
    assert returned.json()["workflow_status"] == WorkflowState.STATUS_NEEDS_CHANGES


def test_notices_are_ours_in_chinese_and_wagtails_own_emails_are_not_sent(
    org, client, reviewers, django_capture_on_commit_callbacks
):
    assert org.admin  # a superuser, whom Wagtail's own submission e-mail would reach
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = submit_news(client, org.editor, org.grassroots)
        admin_decide(client, org.grassroots_reviewer, page)
        admin_decide(client, org.branch_reviewer, page)

    subjects = [message.subject for message in mail.outbox]
    assert subjects
    assert all(subject.startswith("【智慧工会】") for subject in subjects), subjects
    assert "【智慧工会】待审批：综采一队表彰大会" in subjects
    assert "【智慧工会】已发布：综采一队表彰大会" in subjects
