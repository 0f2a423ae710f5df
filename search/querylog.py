"""The query log, written after the response has gone out so that logging never slows a search down.

The API queues its row and writes it when the request finishes (``request_finished``); outside a
request the row waits for the next flush (at the latest the next finished request or process exit).
The search page needs the row's id for click tracking and writes at once.
"""

from __future__ import annotations

import atexit
import logging
import threading

from django.core.signals import request_finished

from search.models import SearchQuery

logger = logging.getLogger(__name__)

_buffer: list[SearchQuery] = []
_lock = threading.Lock()


def search_log(row: SearchQuery, *, immediate: bool = False) -> int | None:
    """Record a search; return its id when written at once (``immediate``), else None."""
    if immediate:
        row.save()
        return row.pk
    with _lock:
        _buffer.append(row)
    return None


def search_log_flush(**kwargs) -> int:
    """Write the queued searches; return how many."""
    if not _buffer:
        return 0
    with _lock:
        rows = list(_buffer)
        _buffer.clear()
    SearchQuery.objects.bulk_create(rows)
    return len(rows)


def _flush_at_exit() -> None:
    try:
        search_log_flush()
    except Exception:  # noqa: BLE001 (the process is ending; the log is best effort)
        logger.warning("Could not write the buffered search log at exit")


request_finished.connect(search_log_flush, dispatch_uid="search_log_flush")
atexit.register(_flush_at_exit)
