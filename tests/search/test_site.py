"""The public search page and the editors' report, built on the same search as the API."""

import re

import pytest

from content_types.factories import NewsPageFactory, OrganisationPageFactory, PolicyPageFactory
from search.models import SearchClick, SearchQuery

pytestmark = pytest.mark.django_db


@pytest.fixture
def knowledge(publish):
    branch = OrganisationPageFactory(title="洗选厂分工会", slug="washery")
    with publish():
        policy = PolicyPageFactory(
            parent=branch, title="职工疗休养管理办法", summary="一线职工每年可以参加一次疗休养。"
        )
        NewsPageFactory(parent=branch, title="首批职工赴海边疗休养", summary="三十名一线职工参加疗休养。")
    return {"policy": policy, "branch": branch}


def test_the_search_page_shows_results_with_highlights_and_facets(engine, knowledge, client):
    response = client.get("/search/", {"q": "疗休养"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "找到 <strong>2</strong> 条" in html
    assert "<em>疗休养</em>" in html
    assert "政策法规" in html and "新闻" in html  # type facet
    assert "洗选厂分工会" in html
    assert 'data-suggest-url="/api/v1/search/suggest/"' in html


def test_a_search_with_no_result_explains_what_to_try(engine, knowledge, client):
    html = client.get("/search/", {"q": "火星探测器"}).content.decode()
    assert "没有找到与“火星探测器”相关的内容" in html
    assert "常见问题" in html and "拼音首字母" in html


def test_results_matching_only_part_of_a_long_question_say_so(engine, knowledge, client):
    html = client.get("/search/", {"q": "矿工干满二十年怎么去疗休养"}).content.decode()
    assert "找到 <strong>2</strong> 条" in html
    assert "下面是与其中一部分相关的结果" in html
    html = client.get("/search/", {"q": "疗休养"}).content.decode()
    assert "下面是与其中一部分相关的结果" not in html


def test_when_few_results_hold_every_word_those_holding_part_follow_below_a_divider(engine, knowledge, client):
    results = client.get("/api/v1/search/", {"q": "海边疗休养"}).json()
    assert [r["title"] for r in results["results"]] == ["首批职工赴海边疗休养", "职工疗休养管理办法"]
    assert results["count"] == 2
    assert {f["value"]: f["count"] for f in results["facets"]["type"]} == {"news": 1, "policy": 1}
    first = client.get("/api/v1/search/", {"q": "海边疗休养", "page_size": 1}).json()
    assert [r["title"] for r in first["results"]] == ["首批职工赴海边疗休养"] and first["count"] == 2
    second = client.get("/api/v1/search/", {"q": "海边疗休养", "page_size": 1, "page": 2}).json()
    assert [r["title"] for r in second["results"]] == ["职工疗休养管理办法"] and second["count"] == 2

    text = re.sub(r"<[^>]+>", "", client.get("/search/", {"q": "海边疗休养"}).content.decode())
    divider = text.index("下面的结果只与检索词的一部分相关")
    assert text.index("首批职工赴海边疗休养") < divider < text.index("职工疗休养管理办法")
    assert "下面是与其中一部分相关的结果" not in text


def test_the_empty_page_invites_a_question(db, client):
    html = client.get("/search/").content.decode()
    assert "孩子考上大学工会有补助吗" in html


def test_opening_a_result_is_recorded_and_leads_to_the_page(engine, knowledge, client):
    client.get("/search/", {"q": "疗休养管理"})
    search = SearchQuery.objects.get(normalised="疗休养管理")
    response = client.get(f"/search/click/{search.pk}/", {"key": f"page:{knowledge['policy'].pk}", "pos": 1})
    assert response.status_code == 302
    assert response["Location"] == knowledge["policy"].url
    assert SearchClick.objects.get().title == "职工疗休养管理办法"


def test_an_unknown_result_never_redirects_elsewhere(db, client):
    response = client.get("/search/click/999/", {"key": "page:999999"})
    assert response.status_code == 302
    assert response["Location"] == "/search/"


def test_editors_see_top_queries_zero_result_queries_and_clicked_results(engine, knowledge, client, django_user_model):
    client.get("/search/", {"q": "疗休养"})
    client.get("/search/", {"q": "疗休养"})
    client.get("/search/", {"q": "婚假天数"})
    search = SearchQuery.objects.filter(normalised="疗休养").first()
    client.get(f"/search/click/{search.pk}/", {"key": f"page:{knowledge['policy'].pk}", "pos": 1})

    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.com", "x"))
    html = client.get("/admin/reports/search/").content.decode()
    assert "没有结果的检索" in html and "婚假天数" in html
    assert "热门检索" in html and "疗休养" in html
    assert "被点开的结果" in html and "职工疗休养管理办法" in html


def test_workers_cannot_open_the_report(db, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("worker", password="x"))
    assert client.get("/admin/reports/search/").status_code in (302, 403)
