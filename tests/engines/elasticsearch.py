"""Pytest plugin: a real Elasticsearch for the test session.

Load the fixture from a conftest::

    from tests.engines.elasticsearch import elasticsearch_node  # noqa: F401

``elasticsearch_node`` yields an object with ``.url``:

* With ``ELASTICSEARCH_URL`` set, that cluster is used as it is (an :class:`ExternalElasticsearch`).
  It cannot be stopped or restarted, so outage tests need the managed node and skip themselves.
* Otherwise a managed :class:`search.devnode.ElasticsearchNode` is built, started on a free loopback
  port with a throw-away data dir, and stopped at the end of the session. Tests may ``stop()`` and
  ``start()`` it to simulate an outage; it comes back on the same port with the same data.

Without Java or Maven the tests skip, except on CI (``CI=true``), where a missing engine fails the run
rather than letting the search tests silently vanish.
"""

import os

import pytest

from search import devnode


class ExternalElasticsearch:
    """A cluster we do not manage: only its URL is known."""

    managed = False

    def __init__(self, url: str):
        self.url = url.rstrip("/")

    def __repr__(self) -> str:
        return f"<ExternalElasticsearch {self.url}>"


@pytest.fixture(scope="session")
def elasticsearch_node():
    url = os.environ.get("ELASTICSEARCH_URL")
    if url:
        yield ExternalElasticsearch(url)
        return

    missing = devnode.missing_java_tools()
    if missing:
        message = (
            f"Java/Maven missing ({', '.join(missing)} not found): install Java 17 and Maven "
            "to run the Elasticsearch tests, or set ELASTICSEARCH_URL"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)

    node = devnode.ElasticsearchNode()
    try:
        node.start()
    except (devnode.BuildError, devnode.NodeStartError) as error:
        node.close()
        pytest.fail(str(error), pytrace=False)
    try:
        yield node
    finally:
        node.close()
