import contextlib
import uuid

from django.test import override_settings

import pytest

from tests.engines.elasticsearch import elasticsearch_node  # noqa: F401

ENGINES = ["embedded", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]


@contextlib.contextmanager
def search_engine(name: str, request):
    """Switch search to one engine (a fresh, throw-away Elasticsearch index) for the duration."""
    from search.backends import get_engine

    if name == "elasticsearch":
        node = request.getfixturevalue("elasticsearch_node")
        overrides = {"ELASTICSEARCH_URL": node.url, "ELASTICSEARCH_INDEX_PREFIX": f"test-{uuid.uuid4().hex[:10]}"}
    else:
        overrides = {"ELASTICSEARCH_URL": ""}
    with override_settings(**overrides):
        get_engine("embedded").reset_cache()
        engine = get_engine()
        try:
            yield engine
        finally:
            if name == "elasticsearch":
                with contextlib.suppress(Exception):
                    engine.drop()


@pytest.fixture(params=ENGINES)
def engine(request, db):
    """Each engine in turn, empty at the start of the test."""
    with search_engine(request.param, request) as selected:
        yield selected


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Run a content change and what its commit triggers (the outbox drain), as a real request would."""

    @contextlib.contextmanager
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return run
