"""The editors' vocabulary and synonyms, applied to the process-wide analyzer without a restart.

Every change bumps a version counter in the database; :func:`analyzer` compares it with what this
process loaded (one indexed read) and reloads when it moved.
"""

from django.db.models import F

from search.chinese import Analyzer
from search.models import SearchCounter, SearchTerm, SynonymGroup

DICTIONARY_VERSION = "dictionary"

_analyzer = Analyzer()


def counter_values(*names: str) -> dict[str, int]:
    """Several counters in one read (0 for a counter never bumped)."""
    found = dict(SearchCounter.objects.filter(name__in=names).values_list("name", "value"))
    return {name: found.get(name, 0) for name in names}


def dictionary_version() -> int:
    return counter_values(DICTIONARY_VERSION)[DICTIONARY_VERSION]


def analyzer(version: int | None = None) -> Analyzer:
    """The analyzer with the current vocabulary and synonyms (``version``: the dictionary version, if just read)."""
    if version is None:
        version = dictionary_version()
    if _analyzer.version != version:
        words = list(SearchTerm.objects.values_list("word", flat=True))
        groups = list(SynonymGroup.objects.filter(enabled=True))
        _analyzer.configure(
            words=words,
            synonyms=[group.term_list() for group in groups],
            broader=[(group.term_list(), group.broader_list()) for group in groups if group.broader],
            version=version,
        )
    return _analyzer


def dictionary_bump() -> int:
    """Record that the vocabulary or synonyms changed; every process reloads on its next query."""
    updated = SearchCounter.objects.filter(name=DICTIONARY_VERSION).update(value=F("value") + 1)
    if not updated:
        SearchCounter.objects.get_or_create(name=DICTIONARY_VERSION, defaults={"value": 1})
    return dictionary_version()
