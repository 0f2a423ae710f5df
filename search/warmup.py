"""Load jieba's dictionary and the pinyin tables when a web process starts, not on its first search.

Both take about a second and a half together; done in a background thread, the process serves requests
meanwhile (a search arriving first simply waits for the same lock). Nothing here touches the database.
"""

import threading


def _load() -> None:
    from search.chinese import pinyin_syllables
    from search.dictionary import _analyzer

    _analyzer.tokenizer  # noqa: B018 (the property loads jieba)
    pinyin_syllables()


def warm_in_background() -> threading.Thread:
    thread = threading.Thread(target=_load, name="search-warmup", daemon=True)
    thread.start()
    return thread
