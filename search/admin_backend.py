"""Wagtail's database search backend, with Chinese segmented by jieba: for the admin's own search boxes.

Out of the box the database backend stores an unbroken run of Chinese characters as one token, so "帮扶"
never matches "困难职工帮扶申请办法". This backend lets Wagtail index and query exactly as it normally
does, then rewrites the stored text with words separated by spaces (search mode, so a long word also
yields the words inside it) and segments query strings the same way. It stays the admin's backend even
with Elasticsearch configured (see ENGINES.md: Wagtail's Elasticsearch backend needs analysis plugins
the cluster may not have); the union-knowledge search itself is search.selectors.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_backend"}}
"""

from __future__ import annotations

from functools import cache

from django.db import connection

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.utils import get_content_type_pk

from search.chinese import HAN, Analyzer


def segment(text: str, current: Analyzer) -> str:
    """Text with Chinese words separated by spaces (search mode: long words also give the words inside)."""
    if not text or not HAN.search(text):
        return text
    return " ".join(current.index_words(text))


def segment_query(query):
    """A query string's Chinese split into words; other query objects are left alone."""
    from search.dictionary import analyzer

    if not isinstance(query, str) or not HAN.search(query):
        return query
    words = analyzer().query_words(query)
    return " ".join(words) or query


def _segmenting_index(index_class, indexer_class):
    class SegmentingIndex(index_class):
        def add_items(self, model, objs):
            super().add_items(model, objs)
            if not model.get_search_fields():
                return
            entries = self.entries.filter(content_type_id=get_content_type_pk(model))
            for obj in objs:
                indexer = indexer_class(obj, self.backend)
                values = {"title": indexer.title, "autocomplete": indexer.autocomplete, "body": indexer.body}
                if hasattr(indexer, "title_text"):
                    values.update(title_text=indexer.title_text, body_text=indexer.body_text)
                entries.filter(object_id=indexer.id).update(**values)

    return SegmentingIndex


def _segmenting_indexer(indexer_class):
    class SegmentingObjectIndexer(indexer_class):
        def __init__(self, obj, backend):
            from search.dictionary import analyzer

            super().__init__(obj, backend)
            self.analyzer = analyzer()

        def prepare_value(self, value):
            return segment(super().prepare_value(value), self.analyzer)

    return SegmentingObjectIndexer


@cache
def _backend_class(backend_class):
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import ObjectIndexer
    elif connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import ObjectIndexer
    else:
        # The fallback backend matches substrings with LIKE, which already finds Chinese words.
        return backend_class

    class SegmentingSearchBackend(backend_class):
        index_class = _segmenting_index(backend_class.index_class, _segmenting_indexer(ObjectIndexer))

        # ``fields`` (admin listings pass their model field names) would search raw, unsegmented columns on
        # PostgreSQL and names no FTS column on SQLite; the segmented index covers those fields already.
        def search(self, query, model_or_queryset, *args, fields=None, **kwargs):
            return super().search(segment_query(query), model_or_queryset, *args, **kwargs)

        def autocomplete(self, query, model_or_queryset, *args, fields=None, **kwargs):
            return super().autocomplete(segment_query(query), model_or_queryset, *args, **kwargs)

    SegmentingSearchBackend.__name__ = f"Segmenting{backend_class.__name__}"
    return SegmentingSearchBackend


def SearchBackend(params):  # noqa: N802 (Wagtail looks the factory up by this name)
    return _backend_class(type(database_backend(params)))(params)
