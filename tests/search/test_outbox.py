"""The outbox: content changes never wait for, or get lost because of, the search engine."""

from django.core.management import call_command
from django.test import override_settings

import pytest

from content_types.factories import NewsPageFactory, OrganisationPageFactory
from search.models import SearchOutbox
from search.outbox import outbox_drain
from search.services import search_status
from tests.search.conftest import search_engine

pytestmark = pytest.mark.django_db
SEARCH = "/api/v1/search/"


def titles(client, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200, response.content
    return [r["title"] for r in response.json()["results"]]


@pytest.mark.elasticsearch
def test_publishing_works_while_elasticsearch_is_down_and_the_backlog_drains_when_it_returns(
    elasticsearch_node, request, publish, client
):
    if not elasticsearch_node.managed:
        pytest.skip("stopping the engine needs the managed node (unset ELASTICSEARCH_URL)")
    with search_engine("elasticsearch", request):
        branch = OrganisationPageFactory(title="运输公司分工会", slug="transport")
        with publish():
            NewsPageFactory(parent=branch, title="通勤班车新线路开通", summary="新增两条通勤线路。")
        assert titles(client, "通勤班车") == ["通勤班车新线路开通"]

        elasticsearch_node.stop()
        try:
            with publish():
                page = NewsPageFactory(parent=branch, title="检修期间职工食堂延时供餐", summary="食堂延长供餐时间。")
                page.save_revision().publish()
            assert page.live  # publishing did not wait for, or fail because of, the engine
            assert SearchOutbox.objects.filter(key=f"page:{page.pk}", stage=SearchOutbox.Stage.ENGINE).exists()
            status = search_status()
            assert status["indexed"] is None and status["pending"]["failing"] >= 1
            assert client.get(SEARCH, {"q": "食堂"}).status_code == 503
        finally:
            elasticsearch_node.start()

        call_command("search_drain")
        assert titles(client, "食堂延时供餐") == ["检修期间职工食堂延时供餐"]
        assert not SearchOutbox.objects.exists()
        assert search_status()["indexed"] == 2


@pytest.mark.elasticsearch
def test_a_failed_drain_schedules_its_own_retry_on_a_durable_backend(elasticsearch_node, request, publish):
    if not elasticsearch_node.managed:
        pytest.skip("stopping the engine needs the managed node (unset ELASTICSEARCH_URL)")
    from django_tasks import task_backends

    with search_engine("elasticsearch", request):
        elasticsearch_node.stop()
        try:
            dummy = {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default", "search"]}
            with override_settings(TASKS={"default": dummy, "durable": dummy}):
                with publish():
                    NewsPageFactory(title="设备检修通知", summary="周末检修。")
                report = outbox_drain()
                assert report.failed == 1 and report.retry_at is not None
                retries = [r for r in task_backends["durable"].results if r.task.run_after is not None]
                assert retries, "a retry was scheduled for when the back-off ends"
        finally:
            elasticsearch_node.start()
        assert outbox_drain(retry_failed=True).sent == 1


def test_the_embedded_engine_is_updated_in_the_same_transaction_as_the_entry(db, request, publish, client):
    with search_engine("embedded", request):
        with publish():
            NewsPageFactory(title="职工食堂新增夜班餐", summary="夜班职工可以吃上热饭。")
        assert not SearchOutbox.objects.exists()
        assert titles(client, "夜班餐") == ["职工食堂新增夜班餐"]
