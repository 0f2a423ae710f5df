"""Background work for search, on the "durable" task backend (database queue in production)."""

from django_tasks import task

from search.outbox import outbox_drain


@task(backend="durable", queue_name="search")
def drain_search_outbox() -> dict:
    """Apply pending index updates; when the engine is down the rows wait and a retry is scheduled."""
    report = outbox_drain()
    return {"analysed": report.analysed, "sent": report.sent, "failed": report.failed, "error": report.error}
