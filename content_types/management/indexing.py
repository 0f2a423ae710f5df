"""Bulk writes index each object once, explicitly, instead of on every intermediate save."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models.signals import post_save

from wagtail.search import index
from wagtail.search.signal_handlers import post_save_signal_handler


@contextmanager
def per_save_indexing_paused() -> Iterator[None]:
    """Stop Wagtail re-indexing an object on each save while the block runs (this process only).

    Creating and publishing a page saves it three times, and each save would update the search index;
    a bulk command instead calls `content_types.services.knowledge_indexed` once per object it writes.
    Deletions still update the index as usual.
    """
    paused = [
        model
        for model in index.get_indexed_models()
        if getattr(model, "search_auto_update", True) and post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        yield
    finally:
        for model in paused:
            post_save.connect(post_save_signal_handler, sender=model)
