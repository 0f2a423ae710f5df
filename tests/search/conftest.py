from tests.engines.elasticsearch import elasticsearch_node  # noqa: F401
