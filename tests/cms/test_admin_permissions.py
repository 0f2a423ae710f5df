"""Who may see, edit, create and publish what in the Wagtail admin, one role at a time.

The tree: 公司工会 → 一号煤矿分工会 → 综采一队基层工会, and 公司工会 → 二号煤矿分工会. Every rule is checked
through the real admin views, as the person with that role would meet it.
"""

from django.test import Client
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Workflow, WorkflowPage
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from cms.models import OrganisationGroup, User
from cms.roles import SCOPED_ROLES
from cms.services import organisation_provision, user_assign_role
from content_types.factories import NewsPageFactory, OrganisationPageFactory
from content_types.models import CoursePage, NewsPage, OrganisationLevel, OrganisationPage

pytestmark = pytest.mark.django_db

ADMIN_HOME = "/admin/"


def media_permissions(model):
    return policy_registry.get_by_type(model)


class Tree:
    def __init__(self, home):
        self.company = OrganisationPageFactory(title="公司工会", slug="company", level=OrganisationLevel.COMPANY)
        self.branch = OrganisationPageFactory(title="一号煤矿分工会", slug="mine-1", parent=self.company)
        self.other_branch = OrganisationPageFactory(title="二号煤矿分工会", slug="mine-2", parent=self.company)
        self.grassroots = OrganisationPageFactory(
            title="综采一队基层工会", slug="team-1", parent=self.branch, level=OrganisationLevel.GRASSROOTS
        )
        for organisation in (self.company, self.branch, self.other_branch, self.grassroots):
            organisation_provision(organisation=organisation)
        self.news = NewsPageFactory(title="一号煤矿安全月启动", slug="safety-month", parent=self.branch)
        self.grassroots_news = NewsPageFactory(title="综采一队表彰大会", slug="team-award", parent=self.grassroots)
        self.other_news = NewsPageFactory(title="二号煤矿职工运动会", slug="sports-day", parent=self.other_branch)


@pytest.fixture
def tree(home):
    return Tree(home)


@pytest.fixture
def login():
    def login(role: str, organisation: OrganisationPage) -> Client:
        user = User.objects.create_user(f"{role}-{organisation.slug}", password="x")
        user_assign_role(user=user, role=role, organisation=organisation)
        client = Client()
        client.force_login(user)
        client.user = user
        return client

    return login


def news_form(page: NewsPage | None, *, title: str, slug: str, action: str | None = None) -> dict:
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
    }
    if action:
        data[f"action-{action}"] = action
    return nested_form_data(data)


def edit(client: Client, page: Page, *, title: str, action: str | None = None):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), news_form(page, title=title, slug=page.slug, action=action)
    )


def add_news(client: Client, parent: Page, *, title: str, slug: str, action: str | None = None):
    url = reverse("wagtailadmin_pages:add", args=("content_types", "newspage", parent.pk))
    return client.post(url, news_form(None, title=title, slug=slug, action=action))


def latest_title(page: Page) -> str:
    return page.specific_class.objects.get(pk=page.pk).get_latest_revision_as_object().title


def assert_refused(response):
    """Wagtail answers a forbidden admin action by sending the user back to the dashboard."""
    assert response.status_code == 302
    assert response.url == ADMIN_HOME


# --- the default workflow ------------------------------------------------------------------------------------------


def test_every_page_is_under_the_moderators_approval_workflow_from_the_first_migration(tree):
    workflow = Workflow.objects.get(name="内容审核员审批")

    assert workflow.active
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow == workflow
    assert tree.grassroots_news.get_workflow() == workflow


def test_company_reviewers_approve_in_the_default_workflow_and_branch_reviewers_do_not(tree):
    task = Workflow.objects.get(name="内容审核员审批").tasks.get().specific
    approvers = set(task.groups.values_list("name", flat=True))

    assert "公司工会·审核人" in approvers
    assert "一号煤矿分工会·审核人" not in approvers
    assert "公司工会·编辑" not in approvers


# --- editors -------------------------------------------------------------------------------------------------------


def test_branch_editor_explorer_opens_at_own_branch(tree, login):
    editor = login("editor", tree.branch)

    response = editor.get(reverse("wagtailadmin_explore_root"))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_explore", args=(tree.branch.pk,))
    listing = editor.get(response.url).content.decode()
    assert "一号煤矿安全月启动" in listing
    assert "综采一队基层工会" in listing


def test_branch_editor_exploring_another_branch_is_sent_back_to_own_branch(tree, login):
    editor = login("editor", tree.branch)

    response = editor.get(reverse("wagtailadmin_explore", args=(tree.other_branch.pk,)))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_explore", args=(tree.branch.pk,))


def test_branch_editor_news_listing_shows_only_own_subtree(tree, login):
    editor = login("editor", tree.branch)

    listing = editor.get(reverse("news_pages:index")).content.decode()

    assert "一号煤矿安全月启动" in listing
    assert "综采一队表彰大会" in listing
    assert "二号煤矿职工运动会" not in listing


def test_branch_editor_edits_pages_in_own_subtree_as_drafts(tree, login):
    editor = login("editor", tree.branch)

    assert editor.get(reverse("wagtailadmin_pages:edit", args=(tree.grassroots_news.pk,))).status_code == 200
    response = edit(editor, tree.grassroots_news, title="综采一队表彰大会（修订）")

    assert response.status_code == 302
    assert latest_title(tree.grassroots_news) == "综采一队表彰大会（修订）"
    assert NewsPage.objects.get(pk=tree.grassroots_news.pk).title == "综采一队表彰大会"


def test_branch_editor_cannot_open_or_save_another_branchs_page(tree, login):
    editor = login("editor", tree.branch)

    assert_refused(editor.get(reverse("wagtailadmin_pages:edit", args=(tree.other_news.pk,))))
    assert_refused(edit(editor, tree.other_news, title="篡改的标题"))
    assert latest_title(tree.other_news) == "二号煤矿职工运动会"


def test_branch_editor_creates_news_in_own_branch(tree, login):
    editor = login("editor", tree.branch)

    response = add_news(editor, tree.branch, title="一号煤矿职工书屋开放", slug="reading-room")

    assert response.status_code == 302
    created = NewsPage.objects.get(slug="reading-room")
    assert created.get_parent().pk == tree.branch.pk
    assert not created.live


def test_branch_editor_cannot_create_in_another_branch(tree, login):
    editor = login("editor", tree.branch)

    assert_refused(editor.get(reverse("wagtailadmin_pages:add_subpage", args=(tree.other_branch.pk,))))
    assert_refused(add_news(editor, tree.other_branch, title="越权发布", slug="intruder"))
    assert not NewsPage.objects.filter(slug="intruder").exists()


def test_branch_editor_cannot_publish_and_submitting_sends_the_page_to_moderation(tree, login):
    editor = login("editor", tree.branch)
    page = NewsPage.objects.get(pk=tree.news.pk)
    page.unpublish()

    edit(editor, page, title="一号煤矿安全月启动（待审）", action="publish")
    assert not NewsPage.objects.get(pk=page.pk).live

    response = edit(editor, page, title="一号煤矿安全月启动（待审）", action="submit")

    assert response.status_code == 302
    page = NewsPage.objects.get(pk=page.pk)
    assert not page.live
    assert page.workflow_in_progress
    assert page.current_workflow_task.name == "内容审核员审批"


def test_company_editor_edits_pages_in_every_branch(tree, login):
    editor = login("editor", tree.company)

    for page, title in ((tree.news, "一号煤矿新闻（公司修订）"), (tree.other_news, "二号煤矿新闻（公司修订）")):
        assert edit(editor, page, title=title).status_code == 302
        assert latest_title(page) == title
    listing = editor.get(reverse("news_pages:index")).content.decode()
    assert "二号煤矿职工运动会" in listing
    assert "综采一队表彰大会" in listing


# --- reviewers -----------------------------------------------------------------------------------------------------


def test_branch_reviewer_publishes_in_own_subtree(tree, login):
    reviewer = login("reviewer", tree.branch)

    response = edit(reviewer, tree.grassroots_news, title="综采一队表彰大会（已审）", action="publish")

    assert response.status_code == 302
    page = NewsPage.objects.get(pk=tree.grassroots_news.pk)
    assert page.live
    assert page.title == "综采一队表彰大会（已审）"


def test_branch_reviewer_cannot_publish_in_another_branch(tree, login):
    reviewer = login("reviewer", tree.branch)

    assert_refused(edit(reviewer, tree.other_news, title="越权发布", action="publish"))
    assert NewsPage.objects.get(pk=tree.other_news.pk).title == "二号煤矿职工运动会"


def test_company_reviewer_approves_a_branch_editors_submission(tree, login):
    editor = login("editor", tree.branch)
    add_news(editor, tree.branch, title="一号煤矿金秋助学", slug="scholarship", action="submit")
    page = NewsPage.objects.get(slug="scholarship")
    task_state = page.current_workflow_task_state
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))

    assert_refused(login("reviewer", tree.other_branch).post(approve_url, {"comment": ""}))
    assert not NewsPage.objects.get(pk=page.pk).live

    response = login("reviewer", tree.company).post(approve_url, {"comment": "同意发布"})

    assert response.status_code == 302
    assert NewsPage.objects.get(pk=page.pk).live


# --- trainers ------------------------------------------------------------------------------------------------------


def course_form(*, title: str, slug: str) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "课程简介",
            "date": "2026-11-01",
            "trainer_name": "李老师",
            "audience": "all",
            "hours": "2.0",
            "tags": [],
            "body": streamfield([("paragraph", rich_text("<p>课程正文</p>"))]),
            "materials": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


def test_trainer_creates_a_course_in_own_subtree(tree, login):
    trainer = login("trainer", tree.branch)
    url = reverse("wagtailadmin_pages:add", args=("content_types", "coursepage", tree.grassroots.pk))

    response = trainer.post(url, course_form(title="综采设备安全操作", slug="equipment-safety"))

    assert response.status_code == 302
    course = CoursePage.objects.get(slug="equipment-safety")
    assert course.get_parent().pk == tree.grassroots.pk
    edit_url = reverse("wagtailadmin_pages:edit", args=(course.pk,))
    edited = trainer.post(edit_url, course_form(title="综采设备安全操作（第二版）", slug=course.slug))
    assert edited.status_code == 302
    assert latest_title(course) == "综采设备安全操作（第二版）"


def test_trainer_cannot_create_a_course_in_another_branch(tree, login):
    trainer = login("trainer", tree.branch)
    url = reverse("wagtailadmin_pages:add", args=("content_types", "coursepage", tree.other_branch.pk))

    assert_refused(trainer.post(url, course_form(title="越权课程", slug="intruder-course")))
    assert not CoursePage.objects.filter(slug="intruder-course").exists()


def test_trainer_cannot_create_or_edit_news(tree, login):
    trainer = login("trainer", tree.branch)
    explorer = reverse("wagtailadmin_explore", args=(tree.branch.pk,))

    response = add_news(trainer, tree.branch, title="讲师写的新闻", slug="trainer-news")
    assert response.status_code == 302
    assert response.url == explorer
    assert not NewsPage.objects.filter(slug="trainer-news").exists()

    response = trainer.get(reverse("wagtailadmin_pages:edit", args=(tree.news.pk,)))
    assert response.status_code == 302
    assert response.url == explorer
    edit(trainer, tree.news, title="讲师改的标题")
    assert latest_title(tree.news) == "一号煤矿安全月启动"


# --- roles without page editing ------------------------------------------------------------------------------------


def test_worker_cannot_open_the_admin(tree, login):
    worker = login("worker", tree.branch)

    response = worker.get(ADMIN_HOME)

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("role", ["finance", "leader"])
def test_finance_and_leader_open_the_admin_but_cannot_edit_pages(tree, login, role):
    client = login(role, tree.company)

    assert client.get(ADMIN_HOME).status_code == 200
    assert_refused(client.get(reverse("wagtailadmin_explore", args=(tree.branch.pk,))))
    assert_refused(client.get(reverse("wagtailadmin_pages:edit", args=(tree.news.pk,))))
    assert_refused(edit(client, tree.news, title="不该改动", action="publish"))
    assert_refused(add_news(client, tree.branch, title="不该创建", slug="not-allowed"))
    assert NewsPage.objects.get(pk=tree.news.pk).title == "一号煤矿安全月启动"
    assert not NewsPage.objects.filter(slug="not-allowed").exists()


# --- admin ---------------------------------------------------------------------------------------------------------


def test_admin_edits_publishes_and_creates_everywhere(tree, login):
    admin = login("admin", tree.company)

    assert edit(admin, tree.other_news, title="二号煤矿职工运动会（管理员）", action="publish").status_code == 302
    assert NewsPage.objects.get(pk=tree.other_news.pk).title == "二号煤矿职工运动会（管理员）"
    assert add_news(admin, tree.grassroots, title="管理员发布", slug="by-admin", action="publish").status_code == 302
    assert NewsPage.objects.get(slug="by-admin").live
    assert admin.get(reverse("wagtailusers_users:index")).status_code == 200


# --- media ---------------------------------------------------------------------------------------------------------


def test_editor_adds_images_and_documents_to_own_organisations_collections_only(tree, login):
    editor = login("editor", tree.branch)
    for organisation in (tree.branch, tree.grassroots, tree.other_branch):
        organisation.refresh_from_db()

    for model in (get_image_model(), get_document_model()):
        collections = set(media_permissions(model).collections_user_has_permission_for(editor.user, "add"))
        assert tree.branch.collection in collections
        assert tree.grassroots.collection in collections
        assert tree.other_branch.collection not in collections
    assert editor.get(reverse("wagtailimages:index")).status_code == 200
    assert editor.get(reverse("wagtaildocs:index")).status_code == 200


def test_worker_has_no_media_permissions(tree, login):
    worker = login("worker", tree.branch)

    for model in (get_image_model(), get_document_model()):
        assert not media_permissions(model).collections_user_has_any_permission_for(worker.user, ["add", "choose"])


# --- new organisations ---------------------------------------------------------------------------------------------


def test_an_organisation_created_in_the_admin_gets_its_role_groups_and_collection(tree, login):
    admin = login("admin", tree.company)
    url = reverse("wagtailadmin_pages:add", args=("content_types", "organisationpage", tree.branch.pk))
    data = nested_form_data(
        {
            "title": "掘进二队基层工会",
            "slug": "team-2",
            "level": "grassroots",
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )

    response = admin.post(url, data)

    assert response.status_code == 302
    organisation = OrganisationPage.objects.get(slug="team-2")
    assert set(OrganisationGroup.objects.filter(organisation=organisation).values_list("role", flat=True)) == {
        role.code for role in SCOPED_ROLES
    }
    tree.branch.refresh_from_db()
    assert organisation.collection.get_parent() == tree.branch.collection

    editor = login("editor", organisation)
    assert add_news(editor, organisation, title="掘进二队新闻", slug="team-2-news").status_code == 302
    assert_refused(add_news(editor, tree.branch, title="越级新闻", slug="above-team"))
