"""The durable outbox between content changes and the search index.

A change records the keys it affects in ``SearchOutbox`` inside its own transaction, so an index
update is never lost, and on commit a background task (the "durable" task backend) drains the outbox:
first the entry stage (analyse the content into ``SearchEntry``; the embedded engine's postings are
written in the same transaction), then, with Elasticsearch, the engine stage. When the engine is down
the rows stay, with a growing back-off, and the next drain after it returns applies them.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from search.backends import EMBEDDED, EngineUnavailable, engine_name, get_engine
from search.dictionary import analyzer
from search.indexing import entries_values, entries_write, next_sequence
from search.models import SearchEntry, SearchOutbox

logger = logging.getLogger(__name__)

BATCH = 200
CLAIM_SECONDS = 300
MAX_BACKOFF_SECONDS = 300


@dataclass
class DrainReport:
    analysed: int = 0
    sent: int = 0
    failed: int = 0
    error: str = ""
    retry_at: datetime.datetime | None = None

    @property
    def ok(self) -> bool:
        return not self.failed


def outbox_enqueue(*, keys: Iterable[str]) -> int:
    """Record that these items need re-indexing; the drain starts once the current transaction commits."""
    keys = sorted({k for k in keys if k})
    if not keys:
        return 0
    now = timezone.now()
    SearchOutbox.objects.bulk_create([SearchOutbox(key=key, available_at=now) for key in keys])
    transaction.on_commit(outbox_schedule)
    return len(keys)


def outbox_schedule(run_after: datetime.datetime | None = None) -> None:
    """Ask the durable task backend to drain the outbox (now, or later when it supports deferring)."""
    from search.tasks import drain_search_outbox

    task = drain_search_outbox
    try:
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return
            task = task.using(run_after=run_after)
        task.enqueue()
    except Exception:
        # The rows are safe in the outbox; `manage.py search_drain` or the next change picks them up.
        logger.exception("Could not enqueue the search outbox drain")


def _backoff(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=min(MAX_BACKOFF_SECONDS, 2 ** min(attempts, 12)))


def _claim(stage: str, now: datetime.datetime) -> list[SearchOutbox]:
    with transaction.atomic():
        due = (
            SearchOutbox.objects.filter(stage=stage, available_at__lte=now)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .order_by("pk")
        )
        rows = list(due.select_for_update(skip_locked=True)[:BATCH])
        SearchOutbox.objects.filter(pk__in=[r.pk for r in rows]).update(
            claimed_until=now + datetime.timedelta(seconds=CLAIM_SECONDS)
        )
    return rows


def _entry_stage(rows: list[SearchOutbox], report: DrainReport) -> None:
    keys = list(dict.fromkeys(row.key for row in rows))
    values = entries_values(keys, analyzer=analyzer())
    name = engine_name()
    with transaction.atomic():
        live, dead = entries_write(values, seq=next_sequence())
        if name == EMBEDDED:
            get_engine(EMBEDDED).index(live, dead)
        SearchOutbox.objects.filter(pk__in=[row.pk for row in rows]).delete()
        if name != EMBEDDED:
            now = timezone.now()
            SearchOutbox.objects.bulk_create(
                [SearchOutbox(key=key, stage=SearchOutbox.Stage.ENGINE, available_at=now) for key in keys]
            )
    report.analysed += len(keys)


def _engine_stage(rows: list[SearchOutbox], report: DrainReport) -> bool:
    keys = list(dict.fromkeys(row.key for row in rows))
    entries = list(SearchEntry.objects.filter(key__in=keys))
    try:
        get_engine().index([e for e in entries if e.live], [e for e in entries if not e.live])
    except EngineUnavailable as error:
        now = timezone.now()
        attempts = max(row.attempts for row in rows) + 1
        retry_at = now + _backoff(attempts)
        SearchOutbox.objects.filter(pk__in=[row.pk for row in rows]).update(
            attempts=attempts, available_at=retry_at, claimed_until=None, last_error=str(error)[:2000]
        )
        report.failed += len(keys)
        report.error = str(error)[:500]
        report.retry_at = retry_at if report.retry_at is None else min(report.retry_at, retry_at)
        logger.warning("Search engine unavailable; %s index updates wait in the outbox: %s", len(keys), error)
        return False
    SearchOutbox.objects.filter(pk__in=[row.pk for row in rows]).delete()
    report.sent += len(keys)
    return True


def outbox_drain(*, now: datetime.datetime | None = None, retry_failed: bool = False) -> DrainReport:
    """Apply every due outbox row; with ``retry_failed`` also rows still backing off (an operator's nudge)."""
    report = DrainReport()
    if retry_failed:
        SearchOutbox.objects.update(available_at=timezone.now(), claimed_until=None)
    while rows := _claim(SearchOutbox.Stage.ENTRY, now or timezone.now()):
        _entry_stage(rows, report)
    while rows := _claim(SearchOutbox.Stage.ENGINE, now or timezone.now()):
        if not _engine_stage(rows, report):
            break
    if report.failed:
        outbox_schedule(run_after=report.retry_at)
    return report


def outbox_pending() -> dict:
    """What waits in the outbox, for search_status and the admin."""
    rows = SearchOutbox.objects.all()
    oldest = rows.order_by("created_at").values_list("created_at", flat=True).first()
    return {
        "total": rows.count(),
        "entry": rows.filter(stage=SearchOutbox.Stage.ENTRY).count(),
        "engine": rows.filter(stage=SearchOutbox.Stage.ENGINE).count(),
        "failing": rows.filter(attempts__gt=0).count(),
        "oldest": oldest,
        "last_error": rows.exclude(last_error="").order_by("-pk").values_list("last_error", flat=True).first() or "",
    }
