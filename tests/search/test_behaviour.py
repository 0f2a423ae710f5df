"""What workers notice about search, on both engines: one corpus, the same questions, the same answers.

The corpus is built once per module (inside a transaction rolled back at the end) and indexed into each
engine in turn: the embedded engine in the database and a fresh index on the real Elasticsearch node.
Changes (publish, unpublish, move, delete, dictionary edits) use an empty engine per test.
"""

import datetime

from django.db import transaction
from django.test import override_settings

from wagtail.models import PageViewRestriction

import pytest

from cms.models import User
from content_types.factories import (
    CaseStoryPageFactory,
    CoursePageFactory,
    FAQFactory,
    NewsPageFactory,
    NoticePageFactory,
    OrganisationPageFactory,
    PolicyPageFactory,
    TagFactory,
    home_page,
    paragraphs,
)
from content_types.models import NoticeAttachment, OrganisationLevel, PolicyValidity
from media.factories import DocumentFactory
from search.models import PromotedResult, SearchEntry, SearchTerm, SynonymGroup
from search.outbox import outbox_drain
from search.services import engine_rebuild
from tests.search.conftest import ENGINES, search_engine

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/search/"
SUGGEST = "/api/v1/search/suggest/"


def build_corpus() -> dict:
    home = home_page()
    company = OrganisationPageFactory(title="公司工会", slug="company", level=OrganisationLevel.COMPANY, parent=home)
    mine = OrganisationPageFactory(title="一号煤矿分工会", slug="mine-1", parent=company)
    team = OrganisationPageFactory(title="综采一队工会", slug="team-1", level=OrganisationLevel.GRASSROOTS, parent=mine)
    washery = OrganisationPageFactory(title="洗选厂分工会", slug="washery", parent=company)
    help_tag = TagFactory(name="金秋助学", slug="jinqiu")
    care_tag = TagFactory(name="送温暖", slug="warmth")

    pages = {}
    pages["study_policy"] = PolicyPageFactory(
        parent=company,
        title="金秋助学实施办法",
        summary="困难职工子女当年考入全日制大学的，可以向所在单位工会申请一次性助学金。",
        body=[
            *paragraphs("申请人填写申请表，附录取通知书复印件，经分工会审核后报公司工会审批。"),
            (
                "table",
                {
                    "data": [["学历层次", "补助标准"], ["本科", "每人3000元"], ["专科", "每人2000元"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                },
            ),
        ],
        date=datetime.date(2025, 8, 1),
        tags=[help_tag],
    )
    pages["old_study_policy"] = PolicyPageFactory(
        parent=company,
        title="金秋助学实施办法（2019年版）",
        summary="困难职工子女考入大学的一次性助学金办法，已被新办法替代。",
        body=paragraphs("本办法自2019年起施行。"),
        date=datetime.date(2019, 8, 1),
        validity=PolicyValidity.REPEALED,
        superseded_by=pages["study_policy"],
        tags=[help_tag],
    )
    pages["medical_policy"] = PolicyPageFactory(
        parent=company,
        title="职工医疗救助办法",
        summary="职工患大病，个人负担的医疗费用较高的，可以申请医疗救助。",
        body=paragraphs("职工住院发生的医疗费用，扣除医保报销后，按比例给予救助，每年最高两万元。"),
        date=datetime.date(2024, 3, 1),
    )
    pages["aid_notice"] = NoticePageFactory(
        parent=mine,
        title="关于开展困难职工帮扶申请工作的通知",
        summary="请各基层工会组织困难职工提交申请材料。",
        body=paragraphs("申请材料包括家庭收入证明和身份证复印件。"),
        date=datetime.date(2025, 11, 1),
        tags=[care_tag],
    )
    pages["visit_news"] = NewsPageFactory(
        parent=team,
        title="综采一队开展送温暖走访活动",
        summary="队工会走访了十二户职工家庭。",
        body=paragraphs("队长和工会小组长带着慰问品走进职工家中，了解生活困难。"),
        date=datetime.date(2025, 12, 20),
        tags=[care_tag],
    )
    pages["sports_news"] = NewsPageFactory(
        parent=washery,
        title="金秋时节职工运动会开幕",
        summary="洗选厂举办秋季职工运动会。",
        body=paragraphs("拔河、跳绳等项目吸引了三百多名职工参加。"),
        date=datetime.date(2025, 10, 10),
    )
    pages["campus_news"] = NewsPageFactory(
        parent=washery,
        title="大学生实习座谈会召开",
        summary="新入职大学生交流实习体会。",
        body=paragraphs("座谈会上，青年职工畅谈成长。"),
        date=datetime.date(2025, 7, 1),
    )
    pages["congress_notice"] = NoticePageFactory(
        parent=company,
        title="关于召开第五届职代会第三次会议的通知",
        summary="会议审议工会工作报告。",
        body=paragraphs("请各代表团按时报到。"),
        date=datetime.date(2026, 1, 5),
    )
    pages["heat_notice"] = NoticePageFactory(
        parent=mine,
        title="关于做好夏季安全生产工作的通知",
        summary="做好井下通风和地面防暑工作。",
        body=paragraphs("详见附件。"),
        date=datetime.date(2025, 6, 1),
    )
    document = DocumentFactory(title="附件一", file__data="防暑降温费发放标准：井下职工每月三百元。".encode())
    NoticeAttachment.objects.create(page=pages["heat_notice"], document=document, title="发放标准")
    pages["home_case"] = CaseStoryPageFactory(
        parent=team,
        title="把职工小家建到井口",
        summary="综采一队建成职工小家，下井前后有了歇脚的地方。",
        body=paragraphs("小家里有热水、药箱和书柜。"),
        date=datetime.date(2024, 5, 1),
    )
    pages["finance_course"] = CoursePageFactory(
        parent=company,
        title="工会财务知识专题培训",
        summary="面向基层工会经费管理人员。",
        body=paragraphs("讲解工会经费收支和审查。"),
        date=datetime.date(2025, 4, 1),
    )
    pages["newer_library"] = NewsPageFactory(
        parent=mine,
        title="职工书屋新书上架",
        summary="职工书屋新到一批图书。",
        body=paragraphs("欢迎职工借阅。"),
        date=datetime.date(2025, 9, 1),
    )
    pages["older_library"] = NewsPageFactory(
        parent=mine,
        title="职工书屋新书上架",
        summary="职工书屋新到一批图书。",
        body=paragraphs("欢迎职工借阅。"),
        date=datetime.date(2022, 9, 1),
    )
    pages["body_only"] = NewsPageFactory(
        parent=washery,
        title="洗选厂召开季度工作会",
        summary="会议总结了上季度工作。",
        body=paragraphs("会上还通报了疗休养名额的分配情况。"),
        date=datetime.date(2025, 3, 1),
    )
    pages["title_rest"] = PolicyPageFactory(
        parent=company,
        title="职工疗休养管理办法",
        summary="规范职工疗休养的组织和费用。",
        body=paragraphs("每年组织一线职工分批参加。"),
        date=datetime.date(2023, 3, 1),
    )
    pages["internal_report"] = NoticePageFactory(
        parent=company,
        title="工会经费审计整改情况报告",
        summary="内部材料：审计发现问题的整改情况。",
        body=paragraphs("仅限登录后查看。"),
        date=datetime.date(2025, 5, 1),
    )
    PageViewRestriction.objects.create(page=pages["internal_report"], restriction_type=PageViewRestriction.LOGIN)
    faq = FAQFactory(
        question="孩子考上大学了，工会有什么补助？",
        answer="<p>可以在每年八月申请金秋助学，本科每人三千元。</p>",
        organisation=company,
    )
    outbox_drain()
    return {"pages": pages, "faq": faq, "company": company, "mine": mine, "team": team, "washery": washery}


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(ELASTICSEARCH_URL=""):
            data = build_corpus()
        yield data
        transaction.set_rollback(True)


@pytest.fixture(scope="module", params=ENGINES)
def knowledge(request, corpus):
    """The corpus, searchable through one engine."""
    with search_engine(request.param, request):
        if request.param == "elasticsearch":
            engine_rebuild(name="elasticsearch")
        yield corpus


def titles(client, query, **params):
    response = client.get(SEARCH, {"q": query, **params})
    assert response.status_code == 200, response.content
    return [result["title"] for result in response.json()["results"]]


def search(client, query, **params):
    response = client.get(SEARCH, {"q": query, **params})
    assert response.status_code == 200, response.content
    return response.json()


# Finding the answer


def test_a_question_finds_the_policy_and_the_faq_that_answer_it(knowledge, client):
    found = titles(client, "孩子考上大学工会有补助吗")
    assert set(found[:2]) == {"金秋助学实施办法", "孩子考上大学了，工会有什么补助？"}


def test_a_hospital_bill_question_finds_medical_aid(knowledge, client):
    assert titles(client, "住院花了很多钱能报吗")[0] == "职工医疗救助办法"


def test_a_synonym_finds_what_the_document_calls_it(knowledge, client):
    assert titles(client, "大病救助")[0] == "职工医疗救助办法"


def test_a_word_inside_a_longer_title_is_found(knowledge, client):
    assert titles(client, "帮扶")[0] == "关于开展困难职工帮扶申请工作的通知"


def test_a_partial_word_is_found(knowledge, client):
    assert titles(client, "助学")[0] == "金秋助学实施办法"


def test_a_typo_that_sounds_the_same_still_finds_it(knowledge, client):
    assert titles(client, "金秋主学")[0] == "金秋助学实施办法"


def test_pinyin_initials_and_full_pinyin_find_titles(knowledge, client):
    assert titles(client, "jqzx")[0] == "金秋助学实施办法"
    assert titles(client, "jinqiuzhuxue")[0] == "金秋助学实施办法"


def test_union_vocabulary_keeps_words_whole(knowledge, client):
    found = titles(client, "职代会")
    assert found == ["关于召开第五届职代会第三次会议的通知"]


def test_table_cells_attachments_and_faq_answers_are_searchable(knowledge, client):
    assert titles(client, "专科")[0] == "金秋助学实施办法"
    assert titles(client, "防暑降温费") == ["关于做好夏季安全生产工作的通知"]
    assert titles(client, "八月申请")[0] == "孩子考上大学了，工会有什么补助？"


def test_a_question_with_no_answer_finds_nothing(knowledge, client):
    result = search(client, "火星探测器发射时间")
    assert result["count"] == 0
    assert result["results"] == []


# Ranking


def test_a_title_match_ranks_above_a_body_match(knowledge, client):
    found = titles(client, "疗休养")
    assert found.index("职工疗休养管理办法") < found.index("洗选厂召开季度工作会")


def test_a_title_match_in_a_long_policy_ranks_above_a_passing_mention_in_short_news(engine, branch, publish, client):
    rule = "职工应当遵守安全生产规章制度，按规定参加班前会和安全培训，发现隐患及时报告。"
    rules = [f"第{number}条 {rule}" for number in range(200)]
    with publish():
        PolicyPageFactory(
            parent=branch, title="劳动防护用品管理办法", summary="明确发放范围和标准。", body=paragraphs(*rules)
        )
        for team in ("综采一队", "机电队", "运输队"):
            NewsPageFactory(
                parent=branch,
                title=f"{team}召开班前会",
                summary="班前会提醒大家检查劳动防护用品。",
                body=paragraphs("班前会强调安全。"),
            )
    assert titles(client, "劳动防护用品")[0] == "劳动防护用品管理办法"


def test_the_valid_policy_ranks_above_the_superseded_one_which_stays_findable_and_marked(knowledge, client):
    result = search(client, "金秋助学实施办法")
    found = [r["title"] for r in result["results"]]
    assert found.index("金秋助学实施办法") < found.index("金秋助学实施办法（2019年版）")
    old = next(r for r in result["results"] if r["title"] == "金秋助学实施办法（2019年版）")
    assert old["summary"].startswith("【已废止】")


def test_the_recent_story_comes_first_when_relevance_ties(knowledge, client):
    result = search(client, "职工书屋新书")
    dates = [r["published_at"] for r in result["results"] if r["title"] == "职工书屋新书上架"]
    assert dates == ["2025-09-01", "2022-09-01"]


def test_equal_scores_come_newest_first_in_one_order_and_pages_neither_repeat_nor_skip(engine, branch, publish, client):
    with publish():
        notices = [
            NoticePageFactory(
                parent=branch,
                title="关于领取劳保手套的通知",
                summary="劳保手套按月领取。",
                body=paragraphs("劳保手套按月领取。"),
                date=datetime.date(2025, 6, 1) if number >= 5 else datetime.date(2025, 3, 1),
            )
            for number in range(7)
        ]
    with publish():  # written again, so that an engine's own storage order is no longer the pages' order
        for notice in notices[:2]:
            notice.save_revision().publish()
    expected = [
        entry.url
        for entry in SearchEntry.objects.filter(title="关于领取劳保手套的通知").order_by("-published_at", "key")
    ]
    assert len(expected) == 7

    def urls(**params):
        return [r["url"] for r in search(client, "劳保手套", **params)["results"]]

    assert urls(page_size=50) == expected
    paged = [url for page in (1, 2, 3) for url in urls(page_size=3, page=page)]
    assert paged == expected


def test_editors_can_pin_a_result_for_a_query(knowledge, client):
    PromotedResult.objects.create(query="助学", page=knowledge["pages"]["finance_course"])
    found = titles(client, "助学")
    assert found[0] == "工会财务知识专题培训"
    assert found.count("工会财务知识专题培训") == 1


# Filters, facets, highlights


def test_filters_by_type_organisation_with_descendants_tag_and_year(knowledge, client):
    assert set(titles(client, "职工", type="policy")) <= {
        "金秋助学实施办法",
        "金秋助学实施办法（2019年版）",
        "职工医疗救助办法",
        "职工疗休养管理办法",
    }
    mine = knowledge["mine"]
    under_mine = set(titles(client, "职工", organization=mine.pk, page_size=50))
    assert "综采一队开展送温暖走访活动" in under_mine  # a grassroots union below the branch
    assert "金秋时节职工运动会开幕" not in under_mine
    assert set(titles(client, "职工", organization="一号煤矿分工会", page_size=50)) == under_mine
    warmth = {"关于开展困难职工帮扶申请工作的通知", "综采一队开展送温暖走访活动"}
    assert set(titles(client, "职工", tag="warmth")) == warmth
    assert set(titles(client, "职工", tag="送温暖")) == warmth
    assert titles(client, "助学", year=2019) == ["金秋助学实施办法（2019年版）"]


def test_facets_count_each_value_and_keep_other_values_visible_when_filtered(knowledge, client):
    result = search(client, "职工", type="news", page_size=50)
    types = {f["value"]: f["count"] for f in result["facets"]["type"]}
    assert types["news"] == result["count"]
    assert types["policy"] >= 3
    labels = {f["value"]: f["label"] for f in result["facets"]["type"]}
    assert labels["news"] == "新闻"
    organisations = {f["label"]: f["count"] for f in result["facets"]["organization"]}
    assert organisations["一号煤矿分工会"] >= organisations["综采一队工会"] >= 1
    assert {f["value"] for f in result["facets"]["year"]} >= {2025}


def test_highlights_mark_the_words_found_and_titles_stay_plain(knowledge, client):
    result = search(client, "防暑降温费")["results"][0]
    assert "<em>" in result["highlight"]
    assert "防暑降温费" in result["highlight"].replace("<em>", "").replace("</em>", "")
    assert result["title"] == "关于做好夏季安全生产工作的通知"
    assert "<" not in search(client, "帮扶")["results"][0]["title"]


def test_highlights_escape_what_editors_typed_as_text(engine, publish, client):
    with publish():
        NewsPageFactory(title="安全帽领用登记", summary='填写<b>领用表</b>时注意"型号" & 尺码。')
    highlight = search(client, "领用表")["results"][0]["highlight"]
    assert highlight.startswith("填写&lt;b&gt;<em>领用表</em>&lt;/b&gt;时注意&quot;型号&quot; &amp; 尺码。")


def test_suggestions_complete_titles_as_you_type(knowledge, client):
    response = client.get(SUGGEST, {"q": "金秋助"})
    texts = [s["text"] for s in response.json()["suggestions"]]
    assert "金秋助学实施办法" in texts
    response = client.get(SUGGEST, {"q": "jinqiu"})
    assert "金秋助学实施办法" in [s["text"] for s in response.json()["suggestions"]]


# Who sees what


def test_restricted_pages_never_reach_anonymous_visitors(knowledge, client):
    assert "工会经费审计整改情况报告" not in titles(client, "审计整改")
    suggestions = client.get(SUGGEST, {"q": "审计"}).json()["suggestions"]
    assert "工会经费审计整改情况报告" not in [s["text"] for s in suggestions]
    client.force_login(User.objects.create_user("worker-search", password="x"))
    assert titles(client, "审计整改") == ["工会经费审计整改情况报告"]


# Changes show up at once


@pytest.fixture
def branch(db):
    return OrganisationPageFactory(title="机电修配厂分工会", slug="repair")


def test_publishing_unpublishing_moving_and_deleting_show_in_results(engine, branch, publish, client):
    other = OrganisationPageFactory(title="运输公司分工会", slug="transport")
    with publish():
        page = NoticePageFactory(
            parent=branch, title="关于申领劳保用品的通知", summary="劳保用品按季度发放。", live=False
        )
        page.save_revision().publish()
    assert titles(client, "劳保用品") == ["关于申领劳保用品的通知"]

    with publish():
        page.move(other, pos="last-child")
    assert titles(client, "劳保用品", organization=other.pk) == ["关于申领劳保用品的通知"]
    assert titles(client, "劳保用品", organization=branch.pk) == []

    with publish():
        page.refresh_from_db()
        page.unpublish()
    assert titles(client, "劳保用品") == []

    with publish():
        page.refresh_from_db()
        page.save_revision().publish()
    assert titles(client, "劳保用品") == ["关于申领劳保用品的通知"]

    with publish():
        page.delete()
    assert titles(client, "劳保用品") == []


def test_restricting_a_published_page_hides_it_and_its_children(engine, branch, publish, client):
    with publish():
        page = NewsPageFactory(parent=branch, title="分工会换届选举结果", summary="选举产生新一届委员会。")
    assert titles(client, "换届选举") == ["分工会换届选举结果"]
    with publish():
        PageViewRestriction.objects.create(page=branch, restriction_type=PageViewRestriction.LOGIN)
    assert titles(client, "换届选举") == []
    client.force_login(User.objects.create_user("member", password="x"))
    assert titles(client, "换届选举") == [page.title]


def test_editors_change_vocabulary_and_synonyms_without_a_restart(engine, branch, publish, client):
    with publish():
        NewsPageFactory(parent=branch, title="两癌筛查惠及女职工", summary="免费为女职工体检。")
    assert titles(client, "粉红丝带行动") == []
    with publish():
        SynonymGroup.objects.create(terms="粉红丝带行动，两癌筛查")
    assert titles(client, "粉红丝带行动") == ["两癌筛查惠及女职工"]

    with publish():
        page = NewsPageFactory(parent=branch, title="师带徒结对仪式举行", summary="技术骨干与新职工结对。")
    entry = SearchEntry.objects.get(key=f"page:{page.pk}")
    assert "师带徒" not in entry.fields["title"].split()
    with publish():
        SearchTerm.objects.create(word="师带徒")
    entry.refresh_from_db()
    assert "师带徒" in entry.fields["title"].split()  # re-analysed with the new word
    assert titles(client, "师带徒") == ["师带徒结对仪式举行"]


def test_the_shipped_vocabulary_understands_how_workers_put_it(engine, branch, publish, client):
    with publish():
        FAQFactory(question="新入职职工怎样加入工会？", answer="<p>填写入会申请书，交所在分工会审批。</p>")
        FAQFactory(question="孩子上高中，工会有助学补助吗？", answer="<p>困难职工子女读普通高中可申请助学补助。</p>")
        FAQFactory(question="职工和单位发生劳动争议怎么办？", answer="<p>可向劳动争议调解委员会申请调解。</p>")
        NewsPageFactory(parent=branch, title="工会会员代表大会召开", summary="大会选举产生新一届工会委员会。")
        NewsPageFactory(parent=branch, title="公司职工技能大赛落幕", summary="十二个工种的选手同台竞技。")
        PolicyPageFactory(parent=branch, title="职工工伤保险待遇申领指引", summary="停工留薪期内工资福利待遇不变。")
        NewsPageFactory(parent=branch, title="二季度职工工资按时足额发放", summary="井下一线职工工资提高百分之五。")
        PolicyPageFactory(parent=branch, title="职工疗休养管理办法", summary="每年分批组织一线职工疗休养。")
        PolicyPageFactory(parent=branch, title="职工带薪年休假管理规定", summary="职工休息休假的天数和安排。")
    assert titles(client, "刚进矿，想入工会咋弄")[0] == "新入职职工怎样加入工会？"
    assert titles(client, "井下干活砸伤了腿，在家养着这段时间工资咋算")[0] == "职工工伤保险待遇申领指引"
    assert titles(client, "工会组织大家出去休息几天，普通工人能去不")[0] == "职工疗休养管理办法"
    assert titles(client, "找谁说理")[0] == "职工和单位发生劳动争议怎么办？"
    assert titles(client, "比武") == ["公司职工技能大赛落幕"]
    assert titles(client, "娃在读高二，工会能帮着交学费不")[0] == "孩子上高中，工会有助学补助吗？"
    assert titles(client, "包工头拖着工钱不给，工会管不管")[0] == "职工和单位发生劳动争议怎么办？"


def test_group_and_password_restrictions_are_respected(engine, branch, publish, client, django_user_model):
    from django.contrib.auth.models import Group

    board = Group.objects.create(name="经审委员")
    with publish():
        audit = NewsPageFactory(parent=branch, title="经审委员会机要档案目录", summary="上半年机要档案清单。")
        secret = NewsPageFactory(parent=branch, title="机要档案密码文件", summary="仅凭密码查看。")
        restriction = PageViewRestriction.objects.create(page=audit, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.add(board)
        PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x")

    member = django_user_model.objects.create_user("auditor", password="x")
    member.groups.add(board)
    outsider = django_user_model.objects.create_user("outsider", password="x")
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "x")

    assert titles(client, "机要档案") == []
    client.force_login(outsider)
    assert titles(client, "机要档案") == []
    client.force_login(member)
    assert titles(client, "机要档案") == [audit.title]
    client.force_login(admin)
    assert titles(client, "机要档案") == [audit.title]  # password-protected pages stay out of search
