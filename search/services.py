"""Writes for search: full re-index, the query log's clicks, the index status."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, connections, transaction
from django.db.models import Max

from wagtail.models import PageViewRestriction

from content_types.search import faq_key, page_key, searchable_querysets
from search.backends import EngineUnavailable, engine_name, get_engine
from search.chinese import Analyzer
from search.dictionary import analyzer
from search.indexing import analyse_all, entries_attach, entries_prepare, entries_write, next_sequence
from search.models import SearchClick, SearchEntry, SearchQuery
from search.outbox import outbox_pending

Progress = Callable[[str, int, int], None]
BATCH = 500
PARALLEL_FROM = 2000


@dataclass
class SyncReport:
    wanted: int = 0
    analysed: int = 0
    removed: int = 0
    processes: int = 1


def _source_versions() -> dict[str, object]:
    """Every key that belongs in the index, with when its content last changed (None when unknown)."""
    versions: dict[str, object] = {}
    for kind, queryset in searchable_querysets():
        if kind == "faq":
            versions.update((faq_key(pk), changed) for pk, changed in queryset.values_list("pk", "updated_at"))
        else:
            versions.update((page_key(pk), changed) for pk, changed in queryset.values_list("pk", "last_published_at"))
    return versions


_pool_analyzer: Analyzer | None = None


def _prepare_and_analyse(keys: list[str]) -> tuple[dict, list[str], list[dict[str, str]]]:
    """In a forked worker: read a batch's content through the worker's own connection, then segment it."""
    values, analysed, inputs = entries_prepare(keys)
    return values, analysed, analyse_all(_pool_analyzer, inputs)


def _workers_can_read() -> bool:
    """Whether forked workers, each with a connection of its own, would see the content this process sees:
    not inside a transaction (uncommitted rows), not an in-memory SQLite database (private to this process)."""
    if connection.in_atomic_block:
        return False
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


def entries_sync(*, reanalyse: bool = False, jobs: int = 0, progress: Progress | None = None) -> SyncReport:
    """Bring SearchEntry in line with the content: analyse what is new or changed (everything with
    ``reanalyse``), and turn entries of content that is gone or hidden into tombstones.

    ``jobs`` forked processes (default: one per core, at most 4, once there is enough to do) each read and
    segment whole batches, while this process writes the finished ones in order.
    """
    global _pool_analyzer
    progress = progress or (lambda *args: None)
    wanted = _source_versions()
    existing = {
        key: (updated, live) for key, updated, live in SearchEntry.objects.values_list("key", "updated_at", "live")
    }
    todo = [
        key
        for key, changed in wanted.items()
        if reanalyse
        or key not in existing
        or not existing[key][1]
        or (changed is not None and existing[key][0] is not None and changed > existing[key][0])
    ]
    gone = [key for key, (_, live) in existing.items() if live and key not in wanted]
    report = SyncReport(wanted=len(wanted), removed=len(gone))
    asked = jobs
    jobs = jobs or min(4, os.cpu_count() or 1)
    # Workers when asked for, by default once there is enough to do; never where they could not see the content.
    parallel = jobs > 1 and len(todo) > 1 and (asked or len(todo) >= PARALLEL_FROM) and _workers_can_read()
    current = analyzer()
    size = min(BATCH, -(-len(todo) // jobs)) if parallel else BATCH  # a small job still keeps every worker busy
    batches = [todo[start : start + size] for start in range(0, len(todo), size)]
    progress("analyse", 0, len(todo))

    def write(keys: list[str], values: dict, analysed: list[str], fields: list[dict[str, str]]) -> None:
        entries_attach(values, analysed, fields, version=current.version)
        with transaction.atomic():
            entries_write(values, seq=next_sequence())
        report.analysed += len(keys)
        progress("analyse", report.analysed, len(todo))

    if parallel:
        report.processes = jobs
        _pool_analyzer = current  # forked workers inherit the configured analyzer
        connections.close_all()  # and open connections of their own: a connection must not cross a fork
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for keys, finished in zip(batches, pool.imap(_prepare_and_analyse, batches), strict=True):
                write(keys, *finished)
    else:
        for keys in batches:
            values, analysed, inputs = entries_prepare(keys)
            write(keys, values, analysed, analyse_all(current, inputs))
    if gone:
        with transaction.atomic():
            entries_write(dict.fromkeys(gone), seq=next_sequence())
    return report


def engine_rebuild(*, name: str | None = None, progress: Progress | None = None) -> int:
    """Rebuild the engine's index from the stored entries (Elasticsearch: fresh index, then alias swap)."""
    progress = progress or (lambda *args: None)
    engine = get_engine(name)
    live = SearchEntry.objects.filter(live=True)
    total = live.count()
    progress("index", 0, total)
    return engine.rebuild(
        live.order_by("pk").iterator(chunk_size=2000), total=total, progress=lambda done: progress("index", done, total)
    )


def search_status(*, name: str | None = None) -> dict:
    """Database content, entries, the engine's own count and the outbox, side by side."""
    name = name or engine_name()
    wanted = 0
    protected = PageViewRestriction.objects.filter(restriction_type=PageViewRestriction.PASSWORD)
    hidden = list(protected.values_list("page__path", flat=True))
    for kind, queryset in searchable_querysets():
        if kind != "faq":
            for path in hidden:  # password-protected pages are never searchable
                queryset = queryset.exclude(path__startswith=path)
        wanted += queryset.count()
    entries = SearchEntry.objects.filter(live=True)
    status = {
        "engine": name,
        "content": wanted,
        "entries": entries.count(),
        "last_change": entries.aggregate(last=Max("updated_at"))["last"],
        "pending": outbox_pending(),
    }
    try:
        status["indexed"] = get_engine(name).count()
        status["engine_error"] = ""
    except EngineUnavailable as error:
        status["indexed"] = None
        status["engine_error"] = str(error)
    return status


@transaction.atomic
def search_click_record(*, search_id: int, key: str, position: int) -> SearchEntry | None:
    """Remember that a result of a logged search was opened; return its entry (None when unknown)."""
    search = SearchQuery.objects.filter(pk=search_id).first()
    entry = SearchEntry.objects.filter(key=key, live=True).first()
    if search is None or entry is None:
        return entry
    SearchClick.objects.create(search=search, key=key, title=entry.title, url=entry.url, position=position)
    return entry
