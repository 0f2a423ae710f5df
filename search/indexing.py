"""From content to analysed search entries: who may see an item, where it sits, which tokens it has.

Content types declare what to index in ``content_types.search``; this module adds what search itself
decides (view restrictions, the organisation chain, ranking boosts) and the Chinese analysis.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.db import connection
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

from content_types.models import OrganisationPage
from content_types.search import SearchDocument, objects_for_keys, search_documents
from search.chinese import Analyzer
from search.models import SearchCounter, SearchEntry

PUBLIC = "public"
LOGIN = "login"
ENTRY_SEQUENCE = "entry_seq"
SUPERSEDED_BOOST = 0.5
MAX_BODY_CHARS = 60_000


def group_audience(group_id: int) -> str:
    return f"group:{group_id}"


class Audiences:
    """Who may see a page under its own and its ancestors' view restrictions (all restrictions read once).

    Several restrictions must all be satisfied, so group restrictions intersect; when nobody but
    superusers qualifies the list is empty. Password-protected pages return None: never searchable.
    """

    def __init__(self) -> None:
        self._restrictions: list[tuple[str, str, set[int]]] | None = None

    def __call__(self, page: Page | None) -> list[str] | None:
        if page is None:
            return [PUBLIC]
        if self._restrictions is None:
            self._restrictions = [
                (r.page.path, r.restriction_type, {g.pk for g in r.groups.all()})
                for r in PageViewRestriction.objects.select_related("page").prefetch_related("groups")
            ]
        applying = [r for r in self._restrictions if page.path.startswith(r[0])]
        if not applying:
            return [PUBLIC]
        groups: set[int] | None = None
        for _, kind, ids in applying:
            if kind == PageViewRestriction.PASSWORD:
                return None
            if kind == PageViewRestriction.GROUPS:
                groups = set(ids) if groups is None else groups & ids
        if groups is None:
            return [LOGIN]
        return [group_audience(pk) for pk in sorted(groups)]


def user_audience(user) -> list[str] | None:
    """The audience tokens a user matches; None for superusers, who see everything searchable."""
    if user is None or not user.is_authenticated:
        return [PUBLIC]
    if user.is_superuser:
        return None
    return [PUBLIC, LOGIN, *(group_audience(pk) for pk in user.groups.values_list("pk", flat=True))]


class OrganisationChains:
    """Organisation page id → ids from the top organisation down to it, looked up once per batch."""

    def __init__(self) -> None:
        self._chains: dict[int, list[int]] = {}

    def __call__(self, organisation_id: int | None) -> list[int]:
        if organisation_id is None:
            return []
        if organisation_id not in self._chains:
            organisation = OrganisationPage.objects.filter(pk=organisation_id).first()
            if organisation is None:
                self._chains[organisation_id] = []
            else:
                ancestors = OrganisationPage.objects.ancestor_of(organisation, inclusive=True).order_by("depth")
                self._chains[organisation_id] = list(ancestors.values_list("pk", flat=True))
        return self._chains[organisation_id]


AnalysisInput = tuple[str, str, str, list[str]]


def analyse_all(analyzer: Analyzer, inputs: list[AnalysisInput]) -> list[dict[str, str]]:
    """Analysed fields (space-separated tokens) for (title, summary, body, tag names) tuples."""
    return [
        {
            name: " ".join(tokens)
            for name, tokens in analyzer.analyse_document(title=t, summary=s, body=b, tags=tags).items()
        }
        for t, s, b, tags in inputs
    ]


def entry_values(document: SearchDocument, *, chains: OrganisationChains, audience: list[str]) -> dict:
    """Column values of a live SearchEntry for a document, except the analysed ``fields``."""
    return {
        "type": document.type,
        "title": document.title[:255],
        "summary": document.summary,
        "body": document.body[:MAX_BODY_CHARS],
        "url": document.url[:500],
        "published_at": document.published_at,
        "organisations": chains(document.organisation_id),
        "tags": [list(tag) for tag in document.tags],
        "validity": document.validity,
        "validity_label": document.validity_label,
        "rank_boost": SUPERSEDED_BOOST if document.validity == "superseded" else 1.0,
        "audience": audience,
        "live": True,
    }


TOMBSTONE = {
    "title": "",
    "summary": "",
    "body": "",
    "url": "",
    "organisations": [],
    "tags": [],
    "audience": [],
    "fields": {},
    "live": False,
}


def entries_prepare(keys: Iterable[str]) -> tuple[dict[str, dict | None], list[str], list[AnalysisInput]]:
    """Entry values for each key as the content stands now (None where it should not be searchable), without
    the analysed ``fields``; the keys still to analyse and their analysis inputs."""
    keys = list(dict.fromkeys(keys))
    objects = objects_for_keys(keys)
    documents = dict(zip(objects, search_documents(list(objects.values())), strict=True))
    chains, audiences = OrganisationChains(), Audiences()
    values: dict[str, dict | None] = {}
    for key in keys:
        document = documents.get(key)
        audience = audiences(document.page) if document is not None else None
        values[key] = (
            None if document is None or audience is None else entry_values(document, chains=chains, audience=audience)
        )
    analysed = [key for key in keys if values[key] is not None]
    inputs = [
        (values[k]["title"], values[k]["summary"], values[k]["body"], [name for _, name in values[k]["tags"]])
        for k in analysed
    ]
    return values, analysed, inputs


def entries_attach(
    values: dict[str, dict | None], analysed: list[str], fields: list[dict[str, str]], *, version: object
) -> dict[str, dict | None]:
    """Put analysed fields (from analyse_all over the inputs of entries_prepare) into the entry values."""
    for key, key_fields in zip(analysed, fields, strict=True):
        values[key]["fields"] = key_fields
        values[key]["dictionary_version"] = version or 0
    return values


def entries_values(keys: Iterable[str], *, analyzer: Analyzer) -> dict[str, dict | None]:
    """Entry values for each key as the content stands now, analysed; None where it should not be searchable."""
    values, analysed, inputs = entries_prepare(keys)
    return entries_attach(values, analysed, analyse_all(analyzer, inputs), version=analyzer.version)


def next_sequence() -> int:
    """Take the next entry change number; the update also serialises concurrent index writers.

    Numbers follow the clock (microseconds) as well as the counter, so a number is never handed out twice,
    not even after a transaction that took one was rolled back: process caches keyed on it stay honest.
    """
    bumped = Greatest(F("value") + 1, Value(time.time_ns() // 1000))
    if not SearchCounter.objects.filter(name=ENTRY_SEQUENCE).update(value=bumped):
        SearchCounter.objects.get_or_create(name=ENTRY_SEQUENCE, defaults={"value": 0})
        SearchCounter.objects.filter(name=ENTRY_SEQUENCE).update(value=bumped)
    return SearchCounter.objects.get(name=ENTRY_SEQUENCE).value


ENTRY_FIELDS = [
    "type",
    "title",
    "summary",
    "body",
    "url",
    "published_at",
    "organisations",
    "tags",
    "validity",
    "validity_label",
    "rank_boost",
    "audience",
    "fields",
    "dictionary_version",
    "live",
    "seq",
    "updated_at",
]


def entries_write(values_by_key: dict[str, dict | None], *, seq: int) -> tuple[list[SearchEntry], list[SearchEntry]]:
    """Upsert entries (None makes a tombstone); return (entries now live, entries that just stopped being live)."""
    existing = {entry.key: entry for entry in SearchEntry.objects.filter(key__in=list(values_by_key))}
    live, dead, to_create, to_update = [], [], [], []
    for key, values in values_by_key.items():
        entry = existing.get(key)
        if values is None:
            if entry is None or not entry.live:
                continue
            values = TOMBSTONE
        if entry is None:
            entry = SearchEntry(key=key)
            to_create.append(entry)
        else:
            to_update.append(entry)
        for name, value in values.items():
            setattr(entry, name, value)
        entry.seq = seq
        entry.updated_at = timezone.now()
        (live if entry.live else dead).append(entry)
    SearchEntry.objects.bulk_create(to_create)
    rows_update(to_update, ENTRY_FIELDS)
    return live, dead


def rows_update(objects: list, field_names: list[str]) -> None:
    """UPDATE many rows of one model by primary key with executemany (Django's bulk_update builds huge CASEs)."""
    if not objects:
        return
    meta = type(objects[0])._meta
    fields = [meta.get_field(name) for name in field_names]
    assignments = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
    sql = f"UPDATE {connection.ops.quote_name(meta.db_table)} SET {assignments} WHERE id = %s"  # noqa: S608
    rows = [[*(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields), obj.pk] for obj in objects]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def live_keys() -> Iterable[str]:
    return SearchEntry.objects.filter(live=True).values_list("key", flat=True)


def entries_containing(words: Iterable[str]) -> list[str]:
    """Keys of live entries whose text contains any of the words (for re-analysis after a dictionary edit)."""
    condition = Q()
    for word in {w.strip() for w in words if w and w.strip()}:
        condition |= Q(title__contains=word) | Q(summary__contains=word) | Q(body__contains=word)
    if not condition:
        return []
    return list(SearchEntry.objects.filter(live=True).filter(condition).values_list("key", flat=True))
