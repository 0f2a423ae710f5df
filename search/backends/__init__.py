"""The engine behind search: embedded (the database) unless ``ELASTICSEARCH_URL`` is set."""

from __future__ import annotations

import threading

from django.conf import settings

from search.backends.base import Engine, EngineQuery, EngineResult, EngineUnavailable, Filters

__all__ = ["Engine", "EngineQuery", "EngineResult", "EngineUnavailable", "Filters", "engine_name", "get_engine"]

EMBEDDED = "embedded"
ELASTICSEARCH = "elasticsearch"
ENGINE_NAMES = (EMBEDDED, ELASTICSEARCH)

_engines: dict[tuple, Engine] = {}
_lock = threading.Lock()


def engine_name() -> str:
    return ELASTICSEARCH if settings.ELASTICSEARCH_URL else EMBEDDED


def get_engine(name: str | None = None) -> Engine:
    """The configured engine (or the one named); one instance per process and configuration."""
    name = name or engine_name()
    if name == EMBEDDED:
        key: tuple = (EMBEDDED,)
    elif name == ELASTICSEARCH:
        if not settings.ELASTICSEARCH_URL:
            raise EngineUnavailable("ELASTICSEARCH_URL is not set")
        key = (ELASTICSEARCH, settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX_PREFIX)
    else:
        raise ValueError(f"unknown search engine {name!r}")
    engine = _engines.get(key)
    if engine is None:
        with _lock:
            engine = _engines.get(key)
            if engine is None:
                if name == EMBEDDED:
                    from search.backends.embedded import EmbeddedEngine

                    engine = EmbeddedEngine()
                else:
                    from search.backends.elasticsearch import ElasticsearchEngine

                    engine = ElasticsearchEngine(key[1], key[2])
                _engines[key] = engine
    return engine
