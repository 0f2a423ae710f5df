import io
import json

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backend

import pytest

from cms.models import OrganisationGroup
from content_types.factories import NewsPageFactory
from content_types.models import (
    FAQ,
    CaseStoryPage,
    CoursePage,
    NewsPage,
    NoticePage,
    OrganisationLevel,
    OrganisationPage,
    PolicyPage,
    Tag,
)
from content_types.services import organisation_ensure

ORGANISATION = "一号煤矿分工会"


def record(external_id="P-1", **fields) -> dict:
    return {
        "external_id": external_id,
        "type": "policy",
        "title": "职工困难帮扶救助管理办法",
        "summary": "困难职工的认定和帮扶。",
        "body": "第一条 为做好帮扶工作，制定本办法。\n\n第二条 本办法适用于全体职工。",
        "published_at": "2024-03-01",
        "organization": ORGANISATION,
        "tags": ["困难帮扶"],
        **fields,
    }


def run_import(tmp_path, *lines, **options) -> tuple[str, str]:
    path = tmp_path / "knowledge.jsonl"
    text = "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines)
    path.write_text(text + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_knowledge", str(path), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_each_page_type_is_created_published_under_the_named_organisation(home, tmp_path):
    lines = [
        record("P-1", type="policy", title="帮扶办法"),
        record("N-1", type="notice", title="体检通知"),
        record("W-1", type="news", title="技能竞赛落幕"),
        record("C-1", type="case", title="综采一队零事故", tags=["安全生产"]),
        record("K-1", type="course", title="工会基础知识"),
    ]

    out, err = run_import(tmp_path, *lines)

    assert err == ""
    assert "新建 5，更新 0，未变 0，拒绝 0" in out
    organisation = OrganisationPage.objects.get(title=ORGANISATION)
    for model, external_id in [
        (PolicyPage, "P-1"),
        (NoticePage, "N-1"),
        (NewsPage, "W-1"),
        (CaseStoryPage, "C-1"),
        (CoursePage, "K-1"),
    ]:
        page = model.objects.get(external_id=external_id)
        assert page.live and page.live_revision_id and not page.has_unpublished_changes
        assert page.get_parent().pk == organisation.pk
        assert str(page.date) == "2024-03-01"
    assert CaseStoryPage.objects.get().achievement_type == "safety"


def test_a_missing_organisation_becomes_the_company_union_when_there_is_none(home, tmp_path):
    run_import(tmp_path, record(organization="北岭能源集团公司工会"))

    organisation = OrganisationPage.objects.get(title="北岭能源集团公司工会")
    assert organisation.level == OrganisationLevel.COMPANY
    assert organisation.get_parent().pk == home.pk
    assert organisation.live


def test_a_missing_organisation_is_created_as_a_branch_of_the_company_union(home, tmp_path):
    company = organisation_ensure(name="北岭能源集团公司工会")

    run_import(tmp_path, record(organization="三号煤矿分工会"))

    branch = OrganisationPage.objects.get(title="三号煤矿分工会")
    assert branch.get_parent().pk == company.pk
    assert branch.level == OrganisationLevel.BRANCH
    assert branch.live
    assert OrganisationGroup.objects.filter(organisation=branch, role="editor").exists()
    assert branch.collection is not None


def test_an_existing_organisation_is_found_by_its_name(home, tmp_path):
    company = organisation_ensure(name="北岭能源集团公司工会")
    branch = organisation_ensure(name=ORGANISATION, parent=company)

    run_import(tmp_path, record())

    assert OrganisationPage.objects.filter(title=ORGANISATION).count() == 1
    assert PolicyPage.objects.get().get_parent().pk == branch.pk


def test_running_the_same_file_twice_creates_nothing_new(home, tmp_path):
    lines = [record("P-1"), record("N-1", type="notice", title="通知"), record("F-1", type="faq", title="怎样入会？")]
    run_import(tmp_path, *lines)
    pages, revisions, faqs = Page.objects.count(), Revision.objects.count(), FAQ.objects.count()

    out, err = run_import(tmp_path, *lines)

    assert err == ""
    assert "新建 0，更新 0，未变 3，拒绝 0" in out
    assert (Page.objects.count(), Revision.objects.count(), FAQ.objects.count()) == (pages, revisions, faqs)


def test_changing_the_title_updates_the_page_and_publishes_a_new_revision(home, tmp_path):
    run_import(tmp_path, record())
    page = PolicyPage.objects.get()
    first_revision = page.live_revision_id

    out, _ = run_import(tmp_path, record(title="职工困难帮扶救助管理办法（2024年修订）"))

    page.refresh_from_db()
    assert "新建 0，更新 1" in out
    assert PolicyPage.objects.count() == 1
    assert page.title == "职工困难帮扶救助管理办法（2024年修订）"
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision_id != first_revision
    assert page.live_revision.as_object().title == page.title


def test_changing_the_organisation_moves_the_page(home, tmp_path):
    run_import(tmp_path, record())

    run_import(tmp_path, record(organization="洗选厂分工会"))

    assert PolicyPage.objects.get().get_parent().title == "洗选厂分工会"


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ('{"external_id": "X-1", "type": "policy",', "JSON 格式错误"),
        ("[1, 2, 3]", "JSON 对象"),
        (record("X-1", title=None), "缺少字段：title"),
        (record("X-1", type="video"), "未知类型"),
        (record("X-1", published_at="2024-02-30"), "日期无效"),
        (record("X-1", published_at="01/03/2024"), "日期无效"),
        (record("X-1", title="   "), "标题为空"),
        (record("X-1", tags="安全生产"), "tags 必须是字符串数组"),
        (record("X-1", organization=""), "organization"),
    ],
)
def test_a_bad_line_is_reported_with_its_line_number_and_good_lines_still_import(home, tmp_path, bad_line, reason):
    out, err = run_import(tmp_path, record("G-1"), bad_line, record("G-2", title="另一份制度"))

    assert "第 2 行被拒绝" in err
    assert reason in err
    assert "第 1 行" not in err and "第 3 行" not in err
    assert "新建 2，更新 0，未变 0，拒绝 1" in out
    assert set(PolicyPage.objects.values_list("external_id", flat=True)) == {"G-1", "G-2"}


def test_a_line_that_is_not_utf8_is_rejected_without_stopping_the_others(home, tmp_path):
    path = tmp_path / "knowledge.jsonl"
    good = json.dumps(record("G-1"), ensure_ascii=False).encode()
    path.write_bytes(good + b"\n" + "不是UTF-8".encode("gb18030") + b"\n\n")
    out, err = io.StringIO(), io.StringIO()

    call_command("import_knowledge", str(path), stdout=out, stderr=err)

    assert "第 2 行被拒绝" in err.getvalue() and "UTF-8" in err.getvalue()
    assert "新建 1" in out.getvalue()


def test_an_external_id_already_used_by_another_type_is_rejected(home, tmp_path):
    run_import(tmp_path, record("X-1", type="notice"))

    _, err = run_import(tmp_path, record("X-1", type="policy"))

    assert "第 1 行被拒绝" in err and "notice" in err
    assert not PolicyPage.objects.exists()


def test_a_file_that_cannot_be_read_stops_with_an_error(home, tmp_path):
    with pytest.raises(CommandError, match="无法读取文件"):
        call_command("import_knowledge", str(tmp_path / "missing.jsonl"), stdout=io.StringIO())


def test_progress_is_reported_every_n_lines(home, tmp_path):
    out, _ = run_import(tmp_path, *[record(f"P-{n}", title=f"制度{n}") for n in range(4)], progress_every=2)

    assert "已处理 2 行" in out and "已处理 4 行" in out


def test_faq_lines_become_published_faq_snippets(home, tmp_path):
    line = record(
        "F-1",
        type="faq",
        title="会员卡丢了怎么办？",
        body="请到所在基层工会登记挂失。\n\n补办不收取费用 <免费>。",
        tags=["会员服务"],
    )
    line.pop("published_at")

    out, err = run_import(tmp_path, line)

    assert err == "" and "新建 1" in out
    faq = FAQ.objects.get(external_id="F-1")
    assert faq.live and faq.live_revision_id
    assert faq.question == "会员卡丢了怎么办？"
    assert faq.answer == "<p>请到所在基层工会登记挂失。</p><p>补办不收取费用 &lt;免费&gt;。</p>"
    assert faq.organisation.title == ORGANISATION
    assert list(faq.tags.values_list("name", flat=True)) == ["会员服务"]


def test_tags_are_created_by_name_and_attached(home, tmp_path):
    Tag.objects.create(name="困难帮扶", slug="kunnan")

    run_import(tmp_path, record(tags=["困难帮扶", "Safety First", "困难帮扶"]))

    page = PolicyPage.objects.get()
    assert sorted(page.tags.values_list("name", flat=True)) == ["Safety First", "困难帮扶"]
    assert Tag.objects.count() == 2
    assert Tag.objects.get(name="Safety First").slug == "safety-first"


def test_body_paragraphs_become_stream_blocks_with_html_escaped(home, tmp_path):
    body = "第一段<script>alert(1)</script>\n同一段的第二行\n\n第二段 & 更多 <b>粗体</b>"

    run_import(tmp_path, record(body=body))

    blocks = list(PolicyPage.objects.get().body)
    assert [block.block_type for block in blocks] == ["paragraph", "paragraph"]
    first, second = (block.value.source for block in blocks)
    assert first == "<p>第一段&lt;script&gt;alert(1)&lt;/script&gt;<br/>同一段的第二行</p>"
    assert second == "<p>第二段 &amp; 更多 &lt;b&gt;粗体&lt;/b&gt;</p>"


def test_imported_content_is_live_and_searchable(home, tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(
            tmp_path,
            record("N-1", type="notice", title="关于开展 Anquanyue 安全生产月活动的通知"),
            record("F-1", type="faq", title="Huijifei 会费怎么交？"),
        )

    assert [page.title for page in Page.objects.live().search("Anquanyue")] == [
        "关于开展 Anquanyue 安全生产月活动的通知"
    ]
    faqs = get_search_backend().search("Huijifei", FAQ.objects.filter(live=True))
    assert [faq.question for faq in faqs] == ["Huijifei 会费怎么交？"]


def test_saving_pages_indexes_them_again_once_the_import_is_over(home, tmp_path):
    run_import(tmp_path, record())

    page = NewsPageFactory(title="Houxu 后续新闻")

    assert list(Page.objects.live().search("Houxu")) == [page.page_ptr]
