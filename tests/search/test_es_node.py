"""The development Elasticsearch node, driven by the same 8.x client as production code.

Chinese text reaches Elasticsearch already segmented (words separated by spaces) and is indexed
with the ``whitespace`` analyzer, which every Elasticsearch has without plugins.
"""

import uuid

import pytest
from elasticsearch import ConnectionError as EsConnectionError
from elasticsearch import Elasticsearch, helpers
from elasticsearch.dsl import Date, Document, Keyword, Search, Text

pytestmark = pytest.mark.elasticsearch

NOTICES = [
    dict(zip(("title", "body", "category", "published"), row, strict=True))
    for row in [
        ("金秋 助学 活动 启动", "工会 为 困难 职工 子女 发放 助学金", "帮扶", "2025-09-01"),
        ("职工 书屋 新书 上架", "本月 新增 图书 两百 册", "文体", "2025-09-03"),
        ("困难 职工 帮扶 名单 公示", "公示 期 七 天 欢迎 监督", "帮扶", "2025-09-05"),
        ("劳模 先进 事迹 报告会", "学习 劳模 精神", "宣传", "2025-09-08"),
    ]
]


class Notice(Document):
    title = Text(analyzer="whitespace")
    body = Text(analyzer="whitespace")
    category = Keyword()
    published = Date()


@pytest.fixture(autouse=True)
def _media_root():
    """These tests need no Django: shadow the root conftest's settings-based autouse fixture."""


@pytest.fixture
def es(elasticsearch_node):
    client = Elasticsearch(elasticsearch_node.url, request_timeout=30)
    yield client
    client.close()


@pytest.fixture
def index_name(es):
    name = f"test-es-node-{uuid.uuid4().hex[:8]}"
    yield name
    es.options(ignore_status=404).indices.delete(index=name)


def index_notices(es, index_name):
    Notice.init(index=index_name, using=es)
    actions = ({"_index": index_name, "_id": str(i), "_source": doc} for i, doc in enumerate(NOTICES))
    indexed, errors = helpers.bulk(es, actions, refresh="wait_for")
    assert (indexed, errors) == (len(NOTICES), [])


def test_whitespace_analyzer_keeps_pre_segmented_words(es):
    tokens = es.indices.analyze(analyzer="whitespace", text="金秋 助学 活动")["tokens"]
    assert [token["token"] for token in tokens] == ["金秋", "助学", "活动"]


def test_search_highlight_and_aggregation(es, index_name):
    index_notices(es, index_name)

    search = (
        Search(using=es, index=index_name)
        .query("multi_match", query="助学", fields=["title^2", "body"])
        .highlight("title", "body", pre_tags=["<em>"], post_tags=["</em>"])
    )
    response = search.execute()
    assert response.hits.total.value == 1
    hit = response.hits[0]
    assert hit.title == "金秋 助学 活动 启动"
    assert list(hit.meta.highlight.title) == ["金秋 <em>助学</em> 活动 启动"]

    search = Search(using=es, index=index_name).query("match", title="职工").extra(size=0)
    search.aggs.bucket("by_category", "terms", field="category")
    buckets = search.execute().aggregations.by_category.buckets
    assert {bucket.key: bucket.doc_count for bucket in buckets} == {"文体": 1, "帮扶": 1}

    notice = Notice.get(id="2", index=index_name, using=es)
    assert notice.category == "帮扶"
    assert notice.published.year == 2025


def test_data_survives_a_restart(elasticsearch_node, es, index_name):
    if not elasticsearch_node.managed:
        pytest.skip("simulating an outage needs the managed node (unset ELASTICSEARCH_URL)")
    index_notices(es, index_name)
    port = elasticsearch_node.port

    elasticsearch_node.stop()
    try:
        with pytest.raises(EsConnectionError):
            es.options(max_retries=0).count(index=index_name)
    finally:
        elasticsearch_node.start()

    assert elasticsearch_node.port == port
    assert es.count(index=index_name)["count"] == len(NOTICES)
    hits = es.search(index=index_name, query={"match": {"title": "劳模"}})["hits"]["hits"]
    assert [hit["_id"] for hit in hits] == ["3"]
