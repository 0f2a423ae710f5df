"""Reads: the union-knowledge search the API and the public search page share, and suggestions."""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field, replace

from django.db import connection
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from content_types.models import OrganisationPage, Tag
from content_types.search import SEARCH_TYPES
from search.backends import Engine, EngineQuery, EngineResult, Filters, engine_name, get_engine
from search.chinese import QueryPlan, normalise
from search.dictionary import DICTIONARY_VERSION, analyzer, counter_values
from search.highlight import homophones, mark, snippet
from search.indexing import user_audience
from search.labels import LABELS_VERSION, labels
from search.models import PromotedResult, SearchClick, SearchEntry, SearchQuery
from search.querylog import search_log

MAX_PAGE_SIZE = 100
SUGGESTIONS = 8
# Past queries older than this no longer make suggestions.
SUGGEST_DAYS = 365
# When fewer documents than this (a phone's first screen) hold the whole query, documents holding part of
# it follow them.
FEW_FULL_MATCHES = 10


@dataclass
class SearchHit:
    key: str
    title: str
    type: str
    type_label: str
    url: str
    summary: str
    highlight: str
    title_highlight: str
    published_at: datetime.date | None
    organisation: str
    validity_label: str
    promoted: bool = False
    #: Holds only part of the query (shown after the documents that hold all of it).
    partial: bool = False


@dataclass
class FacetValue:
    value: object
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchPage:
    query: str
    count: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    page: int
    page_size: int
    filters: dict = field(default_factory=dict)
    search_id: int | None = None
    engine: str = ""
    #: Some results (``SearchHit.partial``) match only part of the query: few or no documents hold all of it.
    partial: bool = False
    #: How many documents hold the whole query, when partial matches follow them.
    full_count: int = 0

    @property
    def page_count(self) -> int:
        return max(1, -(-self.count // self.page_size))


UNKNOWN_ORGANISATION = -1


def organisation_lookup(value: str | int | None) -> int | None:
    """An organisation given by id, title or short name; UNKNOWN_ORGANISATION (matching nothing) otherwise."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    found = OrganisationPage.objects.filter(Q(title=text) | Q(short_name=text)).values_list("pk", flat=True).first()
    return found or UNKNOWN_ORGANISATION


def tag_lookup(value: str | None) -> str | None:
    if not value:
        return None
    found = Tag.objects.filter(Q(slug=value) | Q(name=value)).values_list("slug", flat=True).first()
    return found or value


def _visible(entry: SearchEntry, audience: list[str] | None) -> bool:
    return entry.live and (audience is None or bool(set(entry.audience) & set(audience)))


def _passes(entry: SearchEntry, filters: Filters) -> bool:
    return (
        (not filters.type or entry.type == filters.type)
        and (not filters.organisation or filters.organisation in entry.organisations)
        and (not filters.tag or filters.tag in [tag[0] for tag in entry.tags])
        and (not filters.year or (entry.published_at and entry.published_at.year == filters.year))
    )


_pins: dict = {"version": None, "keys": {}}


def promoted_keys(text: str, version: object) -> list[str]:
    """Keys pinned for a query; all pins are read once per dictionary ``version`` (editing a pin bumps it)."""
    if _pins["version"] != version:
        keys: dict[str, list[str]] = {}
        for pin in PromotedResult.objects.order_by("sort_order", "pk"):
            key = f"page:{pin.page_id}" if pin.page_id else f"faq:{pin.faq_id}"
            keys.setdefault(normalise(pin.query).strip(), []).append(key)
        _pins.update(version=version, keys=keys)
    return _pins["keys"].get(text.strip(), [])


def promoted_entries(text: str, filters: Filters, audience: list[str] | None, version: object) -> list[SearchEntry]:
    """Editors' pinned results for this query that the person may see and that pass the filters."""
    keys = promoted_keys(text, version)
    if not keys:
        return []
    entries = {e.key: e for e in SearchEntry.objects.defer("fields").filter(key__in=keys)}
    return [
        entries[key]
        for key in dict.fromkeys(keys)
        if key in entries and _visible(entries[key], audience) and _passes(entries[key], filters)
    ]


def _snippet_text(entry: SearchEntry) -> str:
    """Summary and body, once: a summary made from the start of the body (FAQ answers) is not repeated."""
    summary = entry.summary.removesuffix("…").strip()
    if not summary or " ".join(entry.body.split()).startswith(summary):
        return entry.body
    return f"{entry.summary}\n{entry.body}"


def _hit(
    entry: SearchEntry,
    plan: QueryPlan,
    organisations: dict[int, str],
    *,
    promoted: bool = False,
    partial: bool = False,
) -> SearchHit:
    terms = list(plan.highlight_terms)
    terms += homophones(entry.title + entry.summary, plan.pinyin_words)
    summary = entry.summary
    if entry.validity_label:
        summary = f"【{entry.validity_label}】{summary}"
    return SearchHit(
        key=entry.key,
        title=entry.title,
        type=entry.type,
        type_label=SEARCH_TYPES.get(entry.type, entry.type),
        url=entry.url,
        summary=summary,
        highlight=snippet(_snippet_text(entry), terms),
        title_highlight=mark(entry.title, terms),
        published_at=entry.published_at,
        organisation=organisations.get(entry.organisations[-1], "") if entry.organisations else "",
        validity_label=entry.validity_label,
        promoted=promoted,
        partial=partial,
    )


def _facets(
    raw: dict[str, dict], filters: Filters, organisations: dict[int, str], tags: dict[str, str]
) -> dict[str, list[FacetValue]]:
    facets = {
        "type": [
            FacetValue(code, SEARCH_TYPES.get(code, code), n, code == filters.type)
            for code, n in sorted(raw.get("type", {}).items(), key=lambda item: (-item[1], item[0]))
        ],
        "organization": [
            FacetValue(pk, organisations[pk], n, pk == filters.organisation)
            for pk, n in sorted(raw.get("organization", {}).items(), key=lambda item: (-item[1], item[0]))
            if pk in organisations
        ],
        "tag": [
            FacetValue(slug, tags.get(slug, slug), n, slug == filters.tag)
            for slug, n in sorted(raw.get("tag", {}).items(), key=lambda item: (-item[1], item[0]))
        ][:30],
        "year": [
            FacetValue(int(year), f"{int(year)}年", n, int(year) == filters.year)
            for year, n in sorted(raw.get("year", {}).items(), key=lambda item: -int(item[0]))
        ],
    }
    return facets


def _with_partial_matches(engine: Engine, query: EngineQuery, full: EngineResult) -> tuple[EngineResult, set]:
    """Few documents hold every concept of the query (a long question rarely has all its words in one
    document): they come first, then the documents that hold part of it, best coverage first (every concept
    matched adds to the score). Returns the combined page and the refs of its partial matches."""
    partial_query = replace(query, plan=replace(query.plan, required=1))
    if full.total == 0:
        partial = engine.search(partial_query)
        return partial, {ref for ref, _ in partial.hits}
    if query.offset == 0 and len(full.hits) == full.total:
        full_refs = [ref for ref, _ in full.hits]
    else:
        every = engine.search(replace(query, offset=0, limit=full.total, facets=False))
        full_refs = [ref for ref, _ in every.hits]
    if full.hit_field == "key":
        full_keys = full_refs
    else:
        full_keys = SearchEntry.objects.filter(**{f"{full.hit_field}__in": full_refs}).values_list("key", flat=True)
    shown = full.hits  # empty on a page past the full matches
    partial = engine.search(
        replace(
            partial_query,
            exclude_keys=[*query.exclude_keys, *full_keys],
            offset=max(0, query.offset - full.total),
            limit=query.limit - len(shown),
        )
    )
    # The two sets are disjoint, so their counts add up.
    facets = {name: dict(values) for name, values in partial.facets.items()}
    for name, values in full.facets.items():
        merged = facets.setdefault(name, {})
        for value, count in values.items():
            merged[value] = merged.get(value, 0) + count
    combined = EngineResult(full.total + partial.total, [*shown, *partial.hits], full.hit_field, facets)
    return combined, {ref for ref, _ in partial.hits}


def knowledge_search(
    *,
    query: str,
    user=None,
    type: str | None = None,  # noqa: A002 (the API's parameter name)
    organisation: str | int | None = None,
    tag: str | None = None,
    year: int | None = None,
    page: int = 1,
    page_size: int = 20,
    channel: str | None = None,
) -> SearchPage:
    """Search public knowledge (and what ``user`` may see), engine-independent; log it when ``channel`` is given."""
    started = time.perf_counter()
    page, page_size = max(1, page), max(1, min(page_size, MAX_PAGE_SIZE))
    filters = Filters(type=type or None, organisation=organisation_lookup(organisation), tag=tag_lookup(tag), year=year)
    versions = counter_values(DICTIONARY_VERSION, LABELS_VERSION)
    current = analyzer(versions[DICTIONARY_VERSION])
    plan = current.analyse_query(query or "")
    audience = user_audience(user)
    empty_facets = {name: [] for name in ("type", "organization", "tag", "year")}
    result = SearchPage(query or "", 0, [], empty_facets, page, page_size, filters.active(), engine=engine_name())
    if plan.is_empty:
        return result

    promoted = promoted_entries(plan.text, filters, audience, current.version)
    offset = (page - 1) * page_size
    pinned = promoted[offset : offset + page_size]
    organic_offset = max(0, offset - len(promoted))
    organic_limit = page_size - len(pinned)
    engine_query = EngineQuery(
        plan=plan,
        filters=filters,
        audience=audience,
        offset=organic_offset,
        limit=organic_limit,
        exclude_keys=[e.key for e in promoted],
        today=timezone.localdate(),
    )
    engine = get_engine()
    engine_result = engine.search(engine_query)
    partial_refs: set = set()
    if plan.required > 1 and engine_result.total < FEW_FULL_MATCHES:
        result.full_count = engine_result.total
        engine_result, partial_refs = _with_partial_matches(engine, engine_query, engine_result)
        result.partial = bool(partial_refs)
    refs = [ref for ref, _ in engine_result.hits]
    by_ref = {
        getattr(e, engine_result.hit_field): e
        for e in SearchEntry.objects.defer("fields").filter(**{f"{engine_result.hit_field}__in": refs})
    }
    organic = [by_ref[ref] for ref in refs if ref in by_ref and _visible(by_ref[ref], audience)]
    names = labels(versions[LABELS_VERSION])
    organisations = names.organisation_names(
        [
            *(e.organisations[-1] for e in [*pinned, *organic] if e.organisations),
            *engine_result.facets.get("organization", {}),
        ]
    )
    result.hits = [_hit(e, plan, organisations, promoted=True) for e in pinned] + [
        _hit(e, plan, organisations, partial=getattr(e, engine_result.hit_field) in partial_refs) for e in organic
    ]
    result.count = engine_result.total + len(promoted)
    result.facets = _facets(engine_result.facets, filters, organisations, names.tags)
    if channel and page == 1:
        row = SearchQuery(
            query=(query or "")[:100],
            normalised=plan.text[:100],
            results_count=result.count,
            filters=filters.active(),
            channel=channel,
            user=user if user is not None and user.is_authenticated else None,
            took_ms=round((time.perf_counter() - started) * 1000),
        )
        result.search_id = search_log(row, immediate=channel == "site")
    return result


def search_suggest(*, query: str, user=None, limit: int = SUGGESTIONS) -> list[dict]:
    """Completions while typing: popular past queries, then titles that match what was typed so far."""
    text = normalise(query or "").strip()
    if not text:
        return []
    suggestions: list[dict] = []
    earlier = SearchQuery.objects.filter(normalised__startswith=text, results_count__gt=0)
    if connection.vendor == "sqlite":
        # SQLite answers LIKE without the index; the same prefix as a range of binary-collated text uses it.
        earlier = earlier.filter(normalised__gte=text, normalised__lt=text + "\U0010ffff")
    popular = (
        earlier.filter(created_at__gte=timezone.now() - datetime.timedelta(days=SUGGEST_DAYS))
        .exclude(normalised=text)
        .values("normalised")
        .annotate(times=Count("pk"), last=Max("created_at"))
        .order_by("-times", "-last")[:3]
    )
    suggestions += [{"text": row["normalised"], "kind": "query", "type": "", "url": ""} for row in popular]
    plan = analyzer().analyse_query(text, prefix=True)
    if not plan.is_empty:
        audience = user_audience(user)
        found = get_engine().search(
            EngineQuery(
                plan=plan,
                audience=audience,
                limit=limit,
                facets=False,
                title_only=True,
                today=timezone.localdate(),
            )
        )
        refs = [ref for ref, _ in found.hits]
        entries = {
            getattr(e, found.hit_field): e
            for e in SearchEntry.objects.only("id", "key", "title", "type", "url", "audience", "live").filter(
                **{f"{found.hit_field}__in": refs}
            )
        }
        for ref in refs:
            entry = entries.get(ref)
            if entry is not None and _visible(entry, audience):
                suggestions.append({"text": entry.title, "kind": "result", "type": entry.type, "url": entry.url})
    seen, unique = set(), []
    for suggestion in suggestions:
        if suggestion["text"] not in seen:
            seen.add(suggestion["text"])
            unique.append(suggestion)
    return unique[:limit]


def search_report(*, days: int = 30, limit: int = 20) -> dict:
    """What workers searched for in the last ``days``: top queries, queries with no result, opened results."""
    since = timezone.now() - datetime.timedelta(days=days)
    searches = SearchQuery.objects.filter(created_at__gte=since)
    total = searches.count()
    zero = searches.filter(results_count=0)
    with_clicks = searches.filter(clicks__isnull=False).distinct().count()
    grouped = searches.values("normalised").annotate(
        times=Count("pk"), last=Max("created_at"), results=Max("results_count"), clicks=Count("clicks")
    )
    clicks = SearchClick.objects.filter(created_at__gte=since)
    return {
        "days": days,
        "total": total,
        "zero_rate": zero.count() / total if total else 0.0,
        "click_rate": with_clicks / total if total else 0.0,
        "top_queries": list(grouped.order_by("-times", "-last")[:limit]),
        "zero_queries": list(
            zero.values("normalised")
            .annotate(times=Count("pk"), last=Max("created_at"))
            .order_by("-times", "-last")[:limit]
        ),
        "clicked": list(
            clicks.values("key", "title", "url")
            .annotate(times=Count("pk"), best=Min("position"), last=Max("created_at"))
            .order_by("-times", "-last")[:limit]
        ),
    }


def popular_queries(*, days: int = 90, limit: int = 8) -> list[str]:
    """What people searched for most lately and found something: ideas for an empty search."""
    since = timezone.now() - datetime.timedelta(days=days)
    rows = (
        SearchQuery.objects.filter(created_at__gte=since, results_count__gt=0)
        .values("normalised")
        .annotate(times=Count("pk"))
        .order_by("-times", "normalised")[:limit]
    )
    return [row["normalised"] for row in rows]
