"""Background work for search, on the "durable" task backend (database queue in production)."""

from django_tasks import task

from search.backends import get_engine
from search.models import SearchEntry
from search.outbox import outbox_drain
from search.services import engine_rebuild


@task(backend="durable", queue_name="search")
def drain_search_outbox() -> dict:
    """Apply pending index updates; when the engine is down the rows wait and a retry is scheduled."""
    report = outbox_drain()
    return {"analysed": report.analysed, "sent": report.sent, "failed": report.failed, "error": report.error}


@task(backend="durable", queue_name="search")
def fill_search_index() -> dict:
    """Fill a new, empty Elasticsearch index (a new cluster, a deleted index) from the stored entries."""
    # Several processes may have found it empty, and edits may have reached it meanwhile: fill it unless it
    # already holds every stored entry.
    if get_engine().count() >= SearchEntry.objects.filter(live=True).count():
        return {"indexed": 0}
    return {"indexed": engine_rebuild()}
