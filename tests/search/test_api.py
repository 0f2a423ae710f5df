"""The search API contract (DESIGN.md): the same shape and the same answers on both engines."""

import datetime

from django.test import override_settings
from django.utils import timezone

import pytest

from content_types.factories import FAQFactory, NewsPageFactory, OrganisationPageFactory, PolicyPageFactory, TagFactory
from search.models import SearchQuery
from search.querylog import search_log_flush

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/search/"
RESULT_KEYS = {"title", "type", "url", "summary", "highlight", "published_at", "organization"}
FACET_NAMES = {"type", "organization", "tag", "year"}


@pytest.fixture
def knowledge(publish):
    branch = OrganisationPageFactory(title="二号煤矿分工会", slug="mine-2")
    tag = TagFactory(name="职工书屋", slug="library")
    with publish():
        PolicyPageFactory(parent=branch, title="职工书屋管理办法", summary="书屋开放时间和借阅规则。", tags=[tag])
        NewsPageFactory(parent=branch, title="职工书屋开展读书月活动", summary="读书月期间借阅量翻番。", tags=[tag])
        FAQFactory(question="职工书屋几点开门？", answer="<p>每天八点到二十点。</p>", organisation=branch)
    return branch


def test_the_response_has_exactly_the_documented_shape(engine, knowledge, client):
    response = client.get(SEARCH, {"q": "职工书屋"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "results", "facets"}
    assert body["count"] == 3
    for result in body["results"]:
        assert set(result) == RESULT_KEYS
        assert result["organization"] == "二号煤矿分工会"
        assert result["url"]
    assert set(body["facets"]) == FACET_NAMES
    for values in body["facets"].values():
        for value in values:
            assert set(value) == {"value", "label", "count"}


def test_a_renamed_organisation_or_tag_shows_its_new_name_in_the_next_search(engine, knowledge, client):
    before = client.get(SEARCH, {"q": "职工书屋"}).json()
    assert {f["label"] for f in before["facets"]["organization"]} == {"二号煤矿分工会"}

    knowledge.short_name = "二矿工会"
    knowledge.save_revision().publish()
    tag = knowledge.get_children().live().specific().first().tags.get()
    tag.name = "读书角"
    tag.save()

    after = client.get(SEARCH, {"q": "职工书屋"}).json()
    assert {r["organization"] for r in after["results"]} == {"二矿工会"}
    assert {f["label"] for f in after["facets"]["organization"]} == {"二矿工会"}
    assert {f["label"] for f in after["facets"]["tag"]} == {"读书角"}


def test_the_response_is_what_the_documented_fields_produce(knowledge):
    from rest_framework import serializers

    from search.api.serializers import SearchResponseSerializer
    from search.selectors import knowledge_search

    page = knowledge_search(query="职工书屋")
    page.hits[0].published_at = None  # undated content
    assert page.count == 3 and all(page.facets.values())
    documented = serializers.Serializer.to_representation(SearchResponseSerializer(), page)
    assert SearchResponseSerializer(page).data == documented


def test_pages_and_page_sizes(engine, knowledge, client):
    first = client.get(SEARCH, {"q": "职工书屋", "page_size": 2}).json()
    second = client.get(SEARCH, {"q": "职工书屋", "page_size": 2, "page": 2}).json()
    assert first["count"] == second["count"] == 3
    assert len(first["results"]) == 2 and len(second["results"]) == 1
    titles = {r["title"] for r in first["results"] + second["results"]}
    assert len(titles) == 3


def test_both_engines_give_the_same_answers(request, knowledge, client):
    from search.services import engine_rebuild
    from tests.search.conftest import search_engine

    answers = {}
    for name in ("embedded", "elasticsearch"):
        try:
            with search_engine(name, request) as engine:
                # The content went to whichever engine was current (ELASTICSEARCH_URL may name a cluster).
                engine_rebuild(name=name)
                answers[name] = [
                    client.get(SEARCH, {"q": q}).json()
                    for q in ("职工书屋", "读书月", "几点开门", "zgsw", "书屋 借阅", "没有这回事")
                ]
                assert engine.name == name
        except pytest.skip.Exception:
            pytest.skip("Elasticsearch is not available here")
    for embedded, elasticsearch in zip(answers["embedded"], answers["elasticsearch"], strict=True):
        assert embedded["count"] == elasticsearch["count"]
        assert {r["title"] for r in embedded["results"]} == {r["title"] for r in elasticsearch["results"]}
        assert embedded["results"][:1] == elasticsearch["results"][:1]
        assert embedded["facets"] == elasticsearch["facets"]


def test_filtering_by_an_unknown_organisation_or_tag_finds_nothing(engine, knowledge, client):
    assert client.get(SEARCH, {"q": "职工书屋", "organization": "不存在的分工会"}).json()["count"] == 0
    assert client.get(SEARCH, {"q": "职工书屋", "organization": 999999}).json()["count"] == 0
    assert client.get(SEARCH, {"q": "职工书屋", "tag": "nothing"}).json()["count"] == 0
    assert client.get(SEARCH, {"q": "职工书屋", "organization": "二号煤矿分工会"}).json()["count"] == 3


def test_bad_parameters_are_reported_in_the_one_error_format(db, client):
    response = client.get(SEARCH, {"q": "书屋", "type": "video", "page_size": 1000})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"type", "page_size"}


def test_an_empty_query_finds_nothing_without_error(engine, knowledge, client):
    body = client.get(SEARCH, {"q": "  "}).json()
    assert body == {"count": 0, "results": [], "facets": {"type": [], "organization": [], "tag": [], "year": []}}


def test_a_long_question_finds_what_answers_part_of_it_rather_than_nothing(engine, client, publish):
    with publish():
        PolicyPageFactory(title="职工入会管理办法", summary="新入职的员工可以申请加入工会。")
        NewsPageFactory(title="矿区绿化工程完工", summary="种植树木两千株。")
    # No document mentions most of the question's words; the one about joining the union answers it.
    body = client.get(SEARCH, {"q": "刚来矿上干活咋加入工会"}).json()
    assert [result["title"] for result in body["results"]] == ["职工入会管理办法"]
    assert body["count"] == 1
    # Words nothing mentions still find nothing.
    assert client.get(SEARCH, {"q": "火星探测器发射"}).json()["count"] == 0


def test_an_unreachable_engine_answers_503_in_the_one_error_format(db, client):
    with override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9"):
        response = client.get(SEARCH, {"q": "书屋"})
    assert response.status_code == 503
    assert response.json() == {"errors": {"detail": ["检索服务暂时不可用，请稍后再试。"]}}


def test_searches_are_logged_for_the_editors_report(engine, knowledge, client):
    client.get(SEARCH, {"q": "职工书屋"})
    client.get(SEARCH, {"q": "火星基地"})
    search_log_flush()
    logged = dict(SearchQuery.objects.values_list("normalised", "results_count"))
    assert logged == {"职工书屋": 3, "火星基地": 0}


def test_suggestions_answer_in_their_own_small_format(engine, knowledge, client):
    body = client.get("/api/v1/search/suggest/", {"q": "职工书"}).json()
    assert body["query"] == "职工书"
    assert {"text", "kind", "type", "url"} == set(body["suggestions"][0])
    assert "职工书屋管理办法" in [s["text"] for s in body["suggestions"]]


def test_suggestions_offer_recent_past_searches_that_found_something(engine, knowledge, client):
    for _ in range(2):
        client.get(SEARCH, {"q": "职工书屋管理"})
    search_log_flush()
    SearchQuery.objects.create(query="职工书法比赛", normalised="职工书法比赛", results_count=0)
    old = SearchQuery.objects.create(query="职工书屋搬迁", normalised="职工书屋搬迁", results_count=3)
    SearchQuery.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))

    suggestions = client.get("/api/v1/search/suggest/", {"q": "职工书"}).json()["suggestions"]
    past = [s["text"] for s in suggestions if s["kind"] == "query"]
    assert past == ["职工书屋管理"]  # not a search that found nothing, nor one from over a year ago


def test_the_schema_documents_the_search_endpoints(db, client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert "/api/v1/search/" in schema["paths"]
    assert "/api/v1/search/suggest/" in schema["paths"]
