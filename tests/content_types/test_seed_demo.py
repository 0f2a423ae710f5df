import io

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from wagtail.models import Page, WorkflowState

import pytest
from PIL import Image

from cms.models import User
from cms.roles import ROLES
from content_types.demo import documents, images
from content_types.models import (
    FAQ,
    CaseStoryPage,
    CoursePage,
    LessonPage,
    NewsPage,
    NoticePage,
    OrganisationLevel,
    OrganisationPage,
    PolicyPage,
    PolicyValidity,
)
from media.models import UnionDocument, UnionImage

CONTENT_MODELS = [NewsPage, NoticePage, CaseStoryPage, PolicyPage, CoursePage]


@pytest.fixture(scope="module")
def seed_run(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seed once for the whole module inside a transaction that is rolled back afterwards."""
    media_root = tmp_path_factory.mktemp("seed-media")
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as env, override_settings(MEDIA_ROOT=media_root):
        env.delenv("DEMO_PASSWORD", raising=False)
        with transaction.atomic():
            out = io.StringIO()
            call_command("seed_demo", stdout=out)
            yield out.getvalue(), media_root
            transaction.set_rollback(True)


@pytest.fixture
def seeded(seed_run, db, settings):
    """The seed command's output; the seeded files are readable from MEDIA_ROOT."""
    output, settings.MEDIA_ROOT = seed_run
    return output


def test_the_company_union_has_branch_unions_with_grassroots_units_and_teams(seeded):
    company = OrganisationPage.objects.get(level=OrganisationLevel.COMPANY)
    branches = OrganisationPage.objects.child_of(company).filter(level=OrganisationLevel.BRANCH)

    assert company.title.endswith("能源集团公司工会")
    assert branches.count() >= 3
    for branch in branches:
        grassroots = OrganisationPage.objects.child_of(branch).filter(level=OrganisationLevel.GRASSROOTS)
        assert 2 <= grassroots.count() <= 3, branch.title
    assert OrganisationPage.objects.filter(level=OrganisationLevel.TEAM).count() >= 3
    assert all(organisation.logo_id and organisation.collection_id for organisation in OrganisationPage.objects.all())


def test_at_least_sixty_published_items_cover_every_content_type(seeded):
    counts = {model.__name__: model.objects.live().count() for model in CONTENT_MODELS}
    counts["FAQ"] = FAQ.objects.filter(live=True).count()

    assert all(count > 0 for count in counts.values()), counts
    assert sum(counts.values()) >= 60, counts
    for course in CoursePage.objects.all():
        assert 2 <= LessonPage.objects.child_of(course).live().count() <= 4


def test_everything_is_published_through_a_revision_without_a_pending_workflow(seeded):
    pages = Page.objects.filter(depth__gt=2)

    assert not pages.filter(live=False).exists()
    assert not pages.filter(live_revision__isnull=True).exists()
    assert not pages.filter(has_unpublished_changes=True).exists()
    assert not WorkflowState.objects.exists()
    assert not FAQ.objects.filter(live_revision__isnull=True).exists()


def test_the_content_shows_each_types_own_features(seeded):
    assert {page.category.name for page in NewsPage.objects.all()} == {"要闻", "基层动态"}
    assert NewsPage.objects.filter(featured=True).exists()
    assert NoticePage.objects.filter(pinned=True).exists()
    assert NoticePage.objects.filter(attachments__isnull=False).exists()
    assert not NoticePage.objects.filter(effective_date__isnull=True).exists()
    assert all(page.gallery_images.count() >= 2 for page in CaseStoryPage.objects.all())
    assert CaseStoryPage.objects.values("award_level").distinct().count() >= 3
    assert all(page.document_number for page in PolicyPage.objects.all())
    repealed = PolicyPage.objects.get(validity=PolicyValidity.REPEALED)
    assert repealed.superseded_by.validity == PolicyValidity.VALID
    assert PolicyPage.objects.get(validity=PolicyValidity.AMENDED).superseded_by is not None
    assert CoursePage.objects.filter(materials__isnull=False).exists()
    assert FAQ.objects.values("category").distinct().count() >= 6
    block_types = {block.block_type for model in CONTENT_MODELS for page in model.objects.all() for block in page.body}
    assert {"paragraph", "heading", "image", "quote", "callout", "table", "document"} <= block_types


@pytest.mark.parametrize("role", list(ROLES))
def test_every_role_has_a_demo_account_that_logs_in_with_the_default_password(seeded, client, role):
    user = User.objects.get(username=role)

    assert client.login(username=role, password="demo-password")
    assert user.display_name
    assert role in seeded


def test_demo_accounts_sit_where_the_subtree_rules_show(seeded):
    branch = OrganisationPage.objects.get(title="一号煤矿分工会")
    company = OrganisationPage.objects.get(level=OrganisationLevel.COMPANY)

    assert User.objects.get(username="editor").organisation == branch
    assert User.objects.get(username="company_editor").organisation == company
    worker = User.objects.get(username="worker")
    assert worker.organisation.level == OrganisationLevel.GRASSROOTS
    assert worker.organisation.is_descendant_of(branch)
    for username in ("reviewer", "trainer", "finance", "leader"):
        assert User.objects.get(username=username).organisation == company
    assert User.objects.get(username="admin").is_superuser
    assert not User.objects.get(username="editor").is_superuser


def test_the_accounts_are_printed_as_a_table(seeded):
    assert "demo-password" in seeded
    assert "company_editor" in seeded
    assert "| 账号" in seeded


def test_generated_images_and_documents_pass_upload_validation(seeded):
    validation = pytest.importorskip("media.validation")
    documents = list(UnionDocument.objects.all())
    images = list(UnionImage.objects.order_by("pk")[:10])

    assert {document.file_extension for document in documents} == {"pdf", "docx", "txt"}
    for item, kind in [*((d, "document") for d in documents), *((i, "image") for i in images)]:
        with item.open_file() as handle:
            upload = ContentFile(handle.read(), name=item.file.name.rsplit("/", 1)[-1])
        validation.validate_upload(upload, kind)


def test_a_second_run_changes_nothing(seeded):
    pages, users, images = Page.objects.count(), User.objects.count(), UnionImage.objects.count()
    out = io.StringIO()

    call_command("seed_demo", stdout=out)

    assert "already seeded" in out.getvalue()
    assert (Page.objects.count(), User.objects.count(), UnionImage.objects.count()) == (pages, users, images)


def test_demo_pictures_and_documents_are_the_same_on_every_run():
    assert images.scene("金秋助学", theme="study") == images.scene("金秋助学", theme="study")
    assert images.logo("洗选厂分工会", mark="洗选", colour=(1, 2, 3)) == images.logo(
        "洗选厂分工会", mark="洗选", colour=(1, 2, 3)
    )
    for name in ("表.pdf", "表.docx", "表.txt"):
        assert documents.document(name, "申请表", ["第一段", "第二段"]) == documents.document(
            name, "申请表", ["第一段", "第二段"]
        )


def test_pictures_are_drawn_without_text_when_no_cjk_font_is_found(monkeypatch):
    monkeypatch.setenv("DEMO_FONT", "none")
    images._font_path.cache_clear()
    images.font.cache_clear()
    try:
        assert not images.has_cjk_font()
        lettered, plain = images.scene("有字的封面", theme="mine"), images.scene("", theme="mine")
        assert Image.open(io.BytesIO(lettered)).size == (1200, 675)
        assert Image.open(io.BytesIO(images.logo("工会", mark="工会", colour=(200, 0, 0)))).format == "PNG"
        assert plain != b""
    finally:
        images._font_path.cache_clear()
        images.font.cache_clear()


def test_the_demo_has_the_editorial_review_and_the_six_request_types(seeded):
    from workflows.models import RequestType

    home = Page.objects.get(depth=2)
    assert home.get_workflow() is not None
    assert home.get_workflow().name != "内容审核员审批"
    assert RequestType.objects.count() >= 6
