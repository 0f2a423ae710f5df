"""Shared by the vocabulary data migrations: queue what a dictionary change re-segments; add synonym groups
and broader words, and undo them (0012 on).

Its name starts with an underscore, so Django's migration loader does not take it for a migration.
Behaviour must stay as the migrations that use it were written: change it only by adding.
"""

from django.db.models import F, Q
from django.utils import timezone

QUERY_CHUNK = 40


def _words(broader: list[tuple[str, str]], synonyms: list[tuple[str, str, str]]) -> list[str]:
    words = [term for terms, _, _ in synonyms for term in terms.split("，")]
    for _, wider in broader:
        words.extend(wider.split("，"))
    for _, wider, _ in synonyms:
        words.extend(word for word in wider.split("，") if word)
    return list(dict.fromkeys(words))


def queue_reanalysis(apps, words: list[str]) -> None:
    """Queue every live entry holding one of the words: its segmentation changes with the dictionary."""
    SearchEntry = apps.get_model("search", "SearchEntry")
    SearchOutbox = apps.get_model("search", "SearchOutbox")
    keys = set()
    for start in range(0, len(words), QUERY_CHUNK):
        holds_a_word = Q()
        for word in words[start : start + QUERY_CHUNK]:
            holds_a_word |= Q(title__contains=word) | Q(summary__contains=word) | Q(body__contains=word)
        keys.update(SearchEntry.objects.filter(live=True).filter(holds_a_word).values_list("key", flat=True))
    now = timezone.now()
    SearchOutbox.objects.bulk_create([SearchOutbox(key=key, available_at=now) for key in sorted(keys)], 1000)


def vocabulary_change(broader: list[tuple[str, str]], synonyms: list[tuple[str, str, str]]):
    """RunPython functions that give existing groups (by their exact terms) broader words where an editor has
    set none, and create new groups (terms, broader words, note); and that undo exactly that."""

    def add(apps, schema_editor):
        SynonymGroup = apps.get_model("search", "SynonymGroup")
        SearchCounter = apps.get_model("search", "SearchCounter")
        for terms, wider in broader:
            SynonymGroup.objects.filter(terms=terms, broader="").update(broader=wider)
        SynonymGroup.objects.bulk_create(
            [SynonymGroup(terms=terms, broader=wider, note=note) for terms, wider, note in synonyms]
        )
        SearchCounter.objects.filter(name="dictionary").update(value=F("value") + 1)
        queue_reanalysis(apps, _words(broader, synonyms))

    def remove(apps, schema_editor):
        SynonymGroup = apps.get_model("search", "SynonymGroup")
        SearchCounter = apps.get_model("search", "SearchCounter")
        for terms, wider in broader:
            SynonymGroup.objects.filter(terms=terms, broader=wider).update(broader="")
        ours = Q(pk__in=[])
        for terms, _, note in synonyms:
            ours |= Q(terms=terms, note=note)
        SynonymGroup.objects.filter(ours).delete()
        SearchCounter.objects.filter(name="dictionary").update(value=F("value") + 1)
        queue_reanalysis(apps, _words(broader, synonyms))

    return add, remove
