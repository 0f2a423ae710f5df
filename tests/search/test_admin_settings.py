"""Editors manage search from the admin: vocabulary, synonyms and pinned results apply at once."""

import pytest

from content_types.factories import NewsPageFactory, PolicyPageFactory
from search.models import PromotedResult, SynonymGroup

pytestmark = pytest.mark.django_db
SEARCH = "/api/v1/search/"


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.com", "x"))
    return client


def titles(client, query):
    return [r["title"] for r in client.get(SEARCH, {"q": query}).json()["results"]]


def test_a_synonym_group_added_in_the_admin_applies_to_the_next_search(engine, editor, publish):
    with publish():
        NewsPageFactory(title="职工疗养院开展健康讲座", summary="讲解高血压防治。")
    assert titles(editor, "养生课堂") == []

    with publish():
        response = editor.post(
            "/admin/snippets/search/synonymgroup/add/", {"terms": "养生课堂，健康讲座", "note": "", "enabled": "on"}
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SynonymGroup.objects.filter(terms="养生课堂，健康讲座").exists()
    assert titles(editor, "养生课堂") == ["职工疗养院开展健康讲座"]


def test_a_broader_word_set_in_the_admin_widens_the_search_one_way(engine, editor, publish):
    with publish():
        NewsPageFactory(title="职工子女助学金发放仪式", summary="为考上大学的职工子女发放助学金。")
        NewsPageFactory(title="贴心小棉袄 暖了老班长", summary="老班长说，女儿就是贴心小棉袄。")
    assert titles(editor, "小棉袄") == ["贴心小棉袄 暖了老班长"]

    url = "/admin/snippets/search/synonymgroup/add/"
    refused = editor.post(url, {"terms": "小棉袄", "broader": "", "note": "", "enabled": "on"})
    assert refused.status_code == 200 and "请填写它的上位词" in refused.content.decode()
    with publish():
        response = editor.post(url, {"terms": "小棉袄", "broader": "子女", "note": "", "enabled": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert titles(editor, "小棉袄") == ["贴心小棉袄 暖了老班长", "职工子女助学金发放仪式"]
    assert titles(editor, "子女") == ["职工子女助学金发放仪式"]  # not the other way round


def test_a_result_pinned_in_the_admin_comes_first(engine, editor, publish):
    with publish():
        NewsPageFactory(title="篮球赛报名开始", summary="篮球赛欢迎报名。")
        rules = PolicyPageFactory(title="职工体育活动管理办法", summary="包括篮球赛等项目。")
    assert titles(editor, "篮球赛")[0] == "篮球赛报名开始"

    with publish():
        response = editor.post(
            "/admin/snippets/search/promotedresult/add/",
            {"query": "篮球赛", "page": rules.pk, "faq": "", "sort_order": 0, "note": ""},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert PromotedResult.objects.get().page_id == rules.pk
    assert titles(editor, "篮球赛")[0] == "职工体育活动管理办法"


def test_the_settings_screens_open(editor):
    for url in (
        "/admin/snippets/search/searchterm/",
        "/admin/snippets/search/synonymgroup/",
        "/admin/snippets/search/promotedresult/add/",
    ):
        assert editor.get(url).status_code == 200, url
