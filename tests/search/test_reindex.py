"""search_reindex and search_status: rebuilding the index without downtime, and checking it is in step."""

import contextlib
import os
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from wagtail.models import Page, PageViewRestriction

import pytest

from content_types.factories import NewsPageFactory, PolicyPageFactory
from search.backends import EngineQuery
from search.backends.elasticsearch import entry_source
from search.dictionary import analyzer
from search.indexing import PUBLIC
from search.models import SearchEntry
from tests.search.conftest import search_engine

pytestmark = pytest.mark.django_db
SEARCH = "/api/v1/search/"
ROOT = Path(__file__).resolve().parents[2]
TEST_SETTINGS = "cms.settings.test"


@contextlib.contextmanager
def database_for_another_process(tmp_path):
    """A DATABASE_URL through which a command in another process sees this test's committed data, and this
    test then sees what the command wrote: the PostgreSQL test database itself, or a file copy of the
    in-memory SQLite one that is copied back afterwards."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        yield f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        return
    path = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)
    yield f"sqlite:///{path}"
    with contextlib.closing(sqlite3.connect(path)) as copy:
        copy.backup(connection.connection)


def titles(client, query):
    return [r["title"] for r in client.get(SEARCH, {"q": query}).json()["results"]]


def run(command, **options) -> str:
    out = StringIO()
    call_command(command, stdout=out, **options)
    return out.getvalue()


def test_reindex_indexes_content_that_bypassed_the_outbox_and_drops_what_is_gone(engine, client, publish):
    with publish():
        kept = PolicyPageFactory(title="女职工特殊劳动保护办法", summary="四期保护。")
        gone = NewsPageFactory(title="女职工健康讲座举行", summary="讲座介绍了两癌筛查。")
    quiet = NewsPageFactory.build(title="女职工休息室投入使用", summary="休息室配有冰箱。")
    kept.get_parent().add_child(instance=quiet)  # no outbox: as if loaded straight into the database
    Page.objects.filter(pk=gone.pk).update(live=False)  # hidden without signals
    assert set(titles(client, "女职工")) == {kept.title, gone.title}

    output = run("search_reindex", backend=engine.name)

    assert "已重建" in output
    assert set(titles(client, "女职工")) == {kept.title, quiet.title}
    assert not SearchEntry.objects.get(key=f"page:{gone.pk}").live


@pytest.mark.elasticsearch
def test_elasticsearch_reindex_swaps_in_a_fresh_index_behind_the_alias(request, client, publish):
    with search_engine("elasticsearch", request) as engine:
        with publish():
            NewsPageFactory(title="职工篮球赛决赛", summary="机电队夺冠。")
        before = engine._current_indices()
        run("search_reindex", backend="elasticsearch", skip_analysis=True)
        after = engine._current_indices()
        assert len(after) == 1 and after != before
        assert not engine.client.indices.exists(index=before[0])
        assert titles(client, "篮球赛") == ["职工篮球赛决赛"]


@pytest.mark.elasticsearch
def test_results_rank_the_same_however_many_shards_the_index_has(request, client, publish):
    topics = ["安全培训", "安全生产", "技能培训", "劳动竞赛", "困难帮扶"]
    with publish():
        for n in range(20):
            first, second = topics[n % 5], topics[(n * 3 + 1) % 5]
            NewsPageFactory(title=f"第{n + 1}期{first}简报", summary=f"本期内容：{first}、{second}。" * (1 + n % 3))
    queries = ["安全培训", "培训 帮扶", "劳动竞赛简报"]

    def ranked(shards):
        with override_settings(ELASTICSEARCH_SHARDS=shards), search_engine("elasticsearch", request) as engine:
            run("search_reindex", backend="elasticsearch", skip_analysis=True)
            pages = [titles(client, query) for query in queries]
            plans = [analyzer().analyse_query(query) for query in queries]
            scores = [engine.search(EngineQuery(plan=plan, audience=[PUBLIC])).hits for plan in plans]
            layout = engine.client.cat.shards(index=engine.alias, format="json").body
            return pages, scores, sorted(int(shard["docs"]) for shard in layout)

    one_pages, one_scores, one_layout = ranked(1)
    three_pages, three_scores, three_layout = ranked(3)
    assert one_layout == [20] and len(three_layout) == 3 and max(three_layout) < 20  # really split
    assert all(one_pages) and three_pages == one_pages
    for one, three in zip(one_scores, three_scores, strict=True):
        assert [key for key, _ in three] == [key for key, _ in one]
        assert [score for _, score in three] == pytest.approx([score for _, score in one], rel=1e-5)


@pytest.mark.elasticsearch
def test_an_index_from_an_older_release_keeps_restricted_pages_hidden_until_it_is_rebuilt(
    request, client, publish, django_user_model
):
    with search_engine("elasticsearch", request) as engine:
        with publish():
            open_page = NewsPageFactory(title="分工会换届选举公告", summary="选举大会定于下周召开。")
            closed = NewsPageFactory(title="换届选举候选人考察材料", summary="组织考察意见。")
            PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
        # What an older release wrote: no schema mark in the mapping, no `restricted` in the documents.
        engine.client.indices.put_mapping(index=engine.alias, meta={})
        for entry in SearchEntry.objects.filter(live=True):
            source = {name: value for name, value in entry_source(entry).items() if name != "restricted"}
            engine.client.index(index=engine.alias, id=entry.key, document=source, refresh=True)
        engine._ready = False  # as after a restart

        def found():
            response = client.get(SEARCH, {"q": "换届选举"}).json()
            return response["count"], {r["title"] for r in response["results"]}

        assert found() == (1, {open_page.title})  # not even counted
        run("search_reindex", backend="elasticsearch", skip_analysis=True)
        assert found() == (1, {open_page.title})
        client.force_login(django_user_model.objects.create_user("member", password="x"))
        assert found() == (2, {open_page.title, closed.title})


@pytest.mark.elasticsearch
def test_an_index_from_the_previous_release_keeps_working_and_asks_for_a_rebuild(request, client, publish, caplog):
    with search_engine("elasticsearch", request) as engine:
        with publish():
            page = NewsPageFactory(title="职工书屋新书上架", summary="新到图书三百册。")
        # The previous release marked its indices with schema 2: restricted flags, the former similarity.
        engine.client.indices.put_mapping(index=engine.alias, meta={"schema": 2})
        engine._ready = False  # as after a restart

        assert titles(client, "职工书屋") == [page.title]
        assert "search_reindex" in caplog.text

        caplog.clear()
        run("search_reindex", backend="elasticsearch", skip_analysis=True)
        engine._ready = False
        assert titles(client, "职工书屋") == [page.title]
        assert "search_reindex" not in caplog.text


@pytest.mark.elasticsearch
def test_a_new_cluster_fills_itself_from_the_stored_entries(request, client, publish):
    with publish():  # the embedded engine: the content is analysed and stored
        page = NewsPageFactory(title="职工书屋新书上架", summary="新到图书三百册。")
    with search_engine("elasticsearch", request) as engine:  # a cluster that has never seen it
        with publish():
            client.get(SEARCH, {"q": "职工书屋"})  # creates the index, which starts empty
        assert engine.count() == 1
        assert titles(client, "职工书屋") == [page.title]

        # An index that is there but empty (emptied by hand, restored from nothing) is filled too.
        engine.client.delete_by_query(index=engine.alias, query={"match_all": {}}, refresh=True)
        engine._ready = False  # as after a restart
        with publish():
            client.get(SEARCH, {"q": "职工书屋"})
        assert titles(client, "职工书屋") == [page.title]


@pytest.mark.elasticsearch
def test_a_new_cluster_whose_first_write_is_an_edit_still_gets_everything(request, client, publish):
    with publish():
        earlier = NewsPageFactory(title="职工书屋新书上架", summary="新到图书三百册。")
    with search_engine("elasticsearch", request):
        with publish():  # the edit's drain creates the index and writes only the edited page
            edited = NewsPageFactory(title="职工书屋开放时间调整", summary="周末照常开放。")
        assert set(titles(client, "职工书屋")) == {earlier.title, edited.title}


def test_search_status_compares_the_database_the_entries_and_the_engine(engine, publish):
    with publish():
        NewsPageFactory(title="安全生产月活动启动", summary="开展隐患排查。")
    output = run("search_status")
    assert f"检索引擎：{engine.name}" in output
    assert "数据库中可检索的内容：1" in output
    assert "引擎中的文档：1" in output
    assert "索引与数据库一致" in output


@pytest.mark.transactional
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_search_reindex_reads_and_analyses_in_worker_processes_with_their_own_connections(publish, tmp_path):
    with publish():
        for n in range(7):
            NewsPageFactory(title=f"金秋助学第{n}批名单公布", summary="困难职工子女考上大学可以申请助学金。")
    one_process = {e.key: e.fields for e in SearchEntry.objects.all()}
    SearchEntry.objects.update(fields={})  # whatever the workers do not rewrite stays visibly empty

    with database_for_another_process(tmp_path) as url:
        result = subprocess.run(  # noqa: S603 - our own interpreter and command
            [sys.executable, "manage.py", "search_reindex", "--backend", "embedded", "--reanalyse", "--jobs", "2"],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url, "ELASTICSEARCH_URL": "", "DJANGO_SETTINGS_MODULE": TEST_SETTINGS},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    assert result.returncode == 0, result.stderr
    assert "内容 7 条：分析 7 条（2 个进程并行），移除 0 条" in result.stdout
    assert {e.key: e.fields for e in SearchEntry.objects.all()} == one_process


def test_asking_for_workers_inside_a_transaction_analyses_in_this_process_which_sees_the_uncommitted_content(
    db, publish
):
    from search import services

    with publish():
        for n in range(3):
            NewsPageFactory(title=f"职工书屋第{n}期新书", summary="新到一批安全生产读物。")
    one_process = {e.key: e.fields for e in SearchEntry.objects.all()}
    SearchEntry.objects.update(fields={})

    report = services.entries_sync(reanalyse=True, jobs=2)  # the test runs inside a transaction

    assert (report.analysed, report.processes) == (3, 1)
    assert {e.key: e.fields for e in SearchEntry.objects.all()} == one_process
