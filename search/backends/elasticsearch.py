"""The Elasticsearch engine: the same analysed tokens, indexed through the ``whitespace`` analyzer.

Chinese analysis happens in Python (search.chinese), so the index needs no plugin and works on any
Elasticsearch 7.17 or 8.x cluster. Searches go to an alias; ``rebuild`` fills a fresh index and swaps
the alias in one atomic call, so searching never stops during a reindex.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from elasticsearch import ApiError, Elasticsearch, TransportError, helpers
from elasticsearch import ConnectionError as EsConnectionError
from elasticsearch.dsl import Boolean, Date, Document, Float, Index, Keyword, MetaField, Text

from search.backends.base import (
    ANSWER_BOOST,
    ANSWER_TYPE,
    FIELD_WEIGHTS,
    FRESHNESS_HALF_LIFE_DAYS,
    FRESHNESS_WEIGHT,
    Engine,
    EngineQuery,
    EngineResult,
    EngineUnavailable,
)
from search.chinese import PREFIX_MARK, namespace
from search.indexing import ENTRY_SEQUENCE, PUBLIC
from search.models import SearchCounter, SearchEntry

logger = logging.getLogger(__name__)

BULK_CHUNK = 500
REBUILD_TIMEOUT = 120
SMALL_BATCH = 200
FACET_SIZE = 200
SEARCH_TYPE = "dfs_query_then_fetch"
FACET_FIELDS = {"type": "type", "year": "year", "organization": "organisations", "tag": "tag_slugs"}
UNAVAILABLE = (EsConnectionError, TransportError)
# One combined field per token family keeps a query to one clause per term; a field's weight is how many
# times its tokens are repeated in the combined field (BM25 saturates, like the embedded engine's impacts).
COMBINED = {
    "words": ("title", "tags", "summary", "body"),
    "grams": ("title_grams", "summary_grams"),
}
# BM25 of the combined fields. No length normalisation (b = 0): the embedded engine normalises each field by
# its own length, whereas one length for the whole let a long body weaken its own title's match. Weak
# saturation (k1 = 5) keeps a field's repetitions, its weight, counting as the embedded engine's weights do.
# Against the former k1 = 1.2, b = 0.3: +0.013 nDCG@10 on average over five evaluation sets.
COMBINED_SIMILARITY = "combined_bm25"
COMBINED_BM25 = {"type": "BM25", "k1": 5.0, "b": 0.0}
TITLE_ONLY = {"word": "title", "gram": "title_grams", "pinyin": "title_pinyin"}
# Freshness is 0.5 ** (age / half-life). Stored as 2 ** ((published - FRESHNESS_EPOCH) / half-life), it becomes
# a plain field value times a factor computed once per query: cheaper than a decay function on every match.
FRESHNESS_EPOCH = datetime.date(2000, 1, 1)
ALL_FIELDS = {"word": "words", "gram": "grams", "pinyin": "title_pinyin"}
# Written into an index's mapping when it is created; `search_reindex` brings an older index up to date.
# 2: documents carry the `restricted` flag (see ElasticsearchEngine._sparse_audience for older indices).
# 3: the combined fields' similarity is COMBINED_BM25 (index settings cannot change on an open index).
SCHEMA = 3
RESTRICTED_FLAG_SCHEMA = 2


def whitespace_text(**kwargs) -> Text:
    # Tokens arrive analysed; frequencies matter for ranking, positions do not (no phrase queries).
    return Text(analyzer="whitespace", index_options="freqs", **kwargs)


class KnowledgeDocument(Document):
    """One search entry; text fields hold tokens search.chinese already produced, separated by spaces."""

    key = Keyword()
    type = Keyword()
    words = whitespace_text(similarity=COMBINED_SIMILARITY)
    grams = whitespace_text(similarity=COMBINED_SIMILARITY)
    title = whitespace_text()
    title_grams = whitespace_text()
    title_pinyin = whitespace_text()
    tag_slugs = Keyword()
    # Keywords, not numbers: terms aggregations (facets) on keywords use fast global ordinals.
    organisations = Keyword()
    published_at = Date()
    fresh = Float()
    year = Keyword()
    rank_boost = Float()
    audience = Keyword()
    # Not for the public. Nearly every document is public, so hiding the few restricted ones (must_not on a
    # short posting list) is cheaper than asking every match whether its audience is allowed.
    restricted = Boolean()
    validity = Keyword()

    class Meta:
        dynamic = MetaField("strict")
        meta = MetaField({"schema": SCHEMA})
        source = MetaField(excludes=["words", "grams"])


def entry_source(entry: SearchEntry) -> dict:
    fields = entry.fields or {}
    combined = {
        name: " ".join(" ".join([fields[part]] * FIELD_WEIGHTS[part]) for part in parts if fields.get(part))
        for name, parts in COMBINED.items()
    }
    return {
        "key": entry.key,
        "type": entry.type,
        **combined,
        **{name: fields.get(name, "") for name in ("title", "title_grams", "title_pinyin")},
        "tag_slugs": [tag[0] for tag in entry.tags],
        "organisations": [str(pk) for pk in entry.organisations],
        "published_at": entry.published_at.isoformat() if entry.published_at else None,
        "fresh": _epoch_growth(entry.published_at) if entry.published_at else None,
        "year": str(entry.published_at.year) if entry.published_at else None,
        "rank_boost": entry.rank_boost,
        "audience": entry.audience,
        "restricted": PUBLIC not in entry.audience,
        "validity": entry.validity,
    }


def _epoch_growth(day: datetime.date) -> float:
    """2 ** (days since FRESHNESS_EPOCH / half-life): a document's freshness times a per-query constant."""
    return 2.0 ** ((day - FRESHNESS_EPOCH).days / FRESHNESS_HALF_LIFE_DAYS)


def _enqueue_fill() -> None:
    from search.tasks import fill_search_index

    try:
        fill_search_index.enqueue()
    except Exception:
        logger.exception("Could not enqueue filling the search index; run `manage.py search_reindex`")


def _single(query: dict) -> dict:
    """A dis_max or bool of one clause scores exactly like the clause: leave the wrapper out."""
    if "dis_max" in query and len(query["dis_max"]["queries"]) == 1:
        return query["dis_max"]["queries"][0]
    if "bool" in query and list(query["bool"]) == ["must"] and len(query["bool"]["must"]) == 1:
        return query["bool"]["must"][0]
    return query


class ElasticsearchEngine(Engine):
    name = "elasticsearch"
    label = "Elasticsearch"

    def __init__(self, url: str, prefix: str) -> None:
        self.url = url
        self.alias = f"{prefix}-knowledge"
        self.client = Elasticsearch(url, request_timeout=10, max_retries=1, retry_on_timeout=False)
        self._ready = False
        self._sparse_audience = False

    # Index management

    def _new_index(self) -> str:
        name = f"{self.alias}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"
        index = Index(name, using=self.client)
        index.settings(
            number_of_shards=settings.ELASTICSEARCH_SHARDS,
            number_of_replicas=settings.ELASTICSEARCH_REPLICAS,
            refresh_interval="1s",
            similarity={COMBINED_SIMILARITY: COMBINED_BM25},
        )
        index.document(KnowledgeDocument)
        index.create()
        return name

    def _current_indices(self) -> list[str]:
        response = self.client.options(ignore_status=404).indices.get_alias(name=self.alias)
        return [] if response.meta.status == 404 else list(response.body)

    def ensure_index(self) -> None:
        if self._ready:
            return
        try:
            if not self._current_indices():
                name = self._new_index()
                self.client.indices.update_aliases(actions=[{"add": {"index": name, "alias": self.alias}}])
                empty = True
            else:
                self._add_new_fields()
                empty = not self.client.count(index=self.alias)["count"]
            schema = self._schema()
            self._sparse_audience = schema >= RESTRICTED_FLAG_SCHEMA
            if schema < SCHEMA:
                logger.warning(
                    "The search index predates this release; `manage.py search_reindex` updates its ranking and speed"
                )
        except UNAVAILABLE as error:
            raise EngineUnavailable(str(error)) from error
        self._ready = True
        if empty:
            self._fill_later()

    def _fill_later(self) -> None:
        """A new or empty index with content already in the database (a new cluster, a deleted index): a background
        task fills it from the stored entries, as `search_reindex` would, once this transaction commits."""
        if SearchEntry.objects.filter(live=True).exists():
            logger.warning("The search index is empty; filling it from the stored entries in the background")
            transaction.on_commit(_enqueue_fill)

    def _schema(self) -> int:
        mappings = self.client.indices.get_mapping(index=self.alias).body
        return min((m["mappings"].get("_meta") or {}).get("schema", 1) for m in mappings.values())

    def _add_new_fields(self) -> None:
        """An index made by an older release gets the fields added since (documents fill them when re-indexed)."""
        try:
            properties = KnowledgeDocument._doc_type.mapping.to_dict()["properties"]
            self.client.indices.put_mapping(index=self.alias, properties=properties)
        except ApiError as error:
            logger.warning("The search index mapping is out of date (%s); run `manage.py search_reindex`", error)

    def drop(self) -> None:
        """Delete the alias and every index behind it (tests and a full reset)."""
        for name in self._current_indices():
            self.client.options(ignore_status=404).indices.delete(index=name)
        self._ready = False

    # Writing

    def index(self, live: list[SearchEntry], dead: list[SearchEntry]) -> None:
        if not live and not dead:
            return
        self.ensure_index()
        actions = [{"_index": self.alias, "_id": e.key, "_source": entry_source(e)} for e in live]
        actions += [{"_op_type": "delete", "_index": self.alias, "_id": e.key} for e in dead]
        # Small batches (content edits) become visible at once; big ones wait for the 1s refresh interval.
        refresh = len(actions) <= SMALL_BATCH
        try:
            _, errors = helpers.bulk(
                self.client, actions, chunk_size=BULK_CHUNK, refresh=refresh, raise_on_error=False, max_retries=0
            )
        except UNAVAILABLE as error:
            raise EngineUnavailable(str(error)) from error
        errors = [e for e in errors if not (e.get("delete") and e["delete"].get("status") == 404)]
        if errors:
            raise EngineUnavailable(f"Elasticsearch rejected {len(errors)} documents: {errors[:3]}")

    def rebuild(self, entries: Iterable[SearchEntry], *, total: int, progress: Callable[[int], None]) -> int:
        """Fill a fresh index, swap the alias to it atomically, then catch up with changes made meanwhile."""
        start_seq = SearchCounter.objects.filter(name=ENTRY_SEQUENCE).values_list("value", flat=True).first() or 0
        # Searches and edits answer within seconds; a rebuild's bulk writes, refresh and alias swap may take
        # longer on a busy node, and giving up half-way would leave a stray index.
        client = self.client.options(request_timeout=REBUILD_TIMEOUT)
        name = None
        try:
            old = self._current_indices()
            name = self._new_index()
            client.indices.put_settings(index=name, settings={"index": {"refresh_interval": "-1"}})
            done = 0

            def actions() -> Iterator[dict]:
                nonlocal done
                for entry in entries:
                    done += 1
                    if done % BULK_CHUNK == 0:
                        progress(done)
                    yield {"_index": name, "_id": entry.key, "_source": entry_source(entry)}

            for ok, item in helpers.streaming_bulk(
                client, actions(), chunk_size=BULK_CHUNK, raise_on_error=False, max_retries=2
            ):
                if not ok:
                    raise EngineUnavailable(f"Elasticsearch rejected a document: {item}")
            progress(done)
            client.indices.put_settings(index=name, settings={"index": {"refresh_interval": "1s"}})
            client.indices.refresh(index=name)
            swap = [{"remove": {"index": index, "alias": self.alias}} for index in old]
            client.indices.update_aliases(actions=[*swap, {"add": {"index": name, "alias": self.alias}}])
        except (*UNAVAILABLE, EngineUnavailable) as error:
            # The alias still points at the old index, so searching goes on; the half-filled one goes.
            if name is not None:
                with contextlib.suppress(*UNAVAILABLE, ApiError):
                    client.options(ignore_status=404).indices.delete(index=name)
            raise EngineUnavailable(str(error)) from error
        for index in old:
            with contextlib.suppress(*UNAVAILABLE, ApiError):
                client.options(ignore_status=404).indices.delete(index=index)
        self._ready = True
        self._sparse_audience = True
        changed = list(SearchEntry.objects.filter(seq__gt=start_seq))
        self.index([e for e in changed if e.live], [e for e in changed if not e.live])
        return done

    # Reading

    def count(self) -> int:
        try:
            self.ensure_index()
            return self.client.count(index=self.alias)["count"]
        except UNAVAILABLE as error:
            raise EngineUnavailable(str(error)) from error

    def _term(self, term: str, weight: float, title_only: bool) -> dict:
        prefix = term.endswith(PREFIX_MARK)
        value = term.removesuffix(PREFIX_MARK)
        kind = "prefix" if prefix else "term"
        field = (TITLE_ONLY if title_only else ALL_FIELDS)[namespace(value)]
        return {kind: {field: {"value": value, "boost": weight}}}

    def _query(self, query: EngineQuery) -> dict:
        plan = query.plan
        concepts = []
        for concept in plan.concepts:
            alternatives = [
                _single({"bool": {"must": [self._term(t, a.term_weight, query.title_only) for t in a.terms]}})
                for a in concept.alternatives
            ]
            concepts.append(_single({"dis_max": {"queries": alternatives, "tie_breaker": 0}}))
        main: dict = {"bool": {"should": concepts, "minimum_should_match": plan.required}}
        if plan.optional:
            optional = [self._term(a.terms[0], a.term_weight, query.title_only) for a in plan.optional]
            main = {"bool": {"must": [main], "should": optional}}
        hidden, must_not = [], []
        if query.exclude_keys:
            must_not.append({"ids": {"values": query.exclude_keys}})
        if query.audience is not None:
            allowed = [token for token in query.audience if token != PUBLIC]
            if not self._sparse_audience:
                # An index from before RESTRICTED_FLAG_SCHEMA may not know which documents are restricted.
                hidden.append({"terms": {"audience": query.audience}})
            elif allowed:
                restricted = {"term": {"restricted": True}}
                must_not.append({"bool": {"filter": [restricted], "must_not": [{"terms": {"audience": allowed}}]}})
            else:
                must_not.append({"term": {"restricted": True}})
        # rank_boost + freshness (+ the answer boost): the same factor as the embedded engine's.
        today_growth = _epoch_growth(query.today)
        functions: list[dict] = [
            {"field_value_factor": {"field": "rank_boost", "missing": 1}},
            {
                "field_value_factor": {
                    "field": "fresh",
                    "factor": FRESHNESS_WEIGHT / today_growth,
                    # Undated documents count as new, as in the embedded engine.
                    "missing": today_growth,
                }
            },
        ]
        if plan.question:
            functions.append({"filter": {"term": {"type": ANSWER_TYPE}}, "weight": ANSWER_BOOST})
        return {
            "function_score": {
                "query": {"bool": {"must": [main], "filter": hidden, "must_not": must_not}},
                "functions": functions,
                "score_mode": "sum",
                "boost_mode": "multiply",
            }
        }

    @staticmethod
    def _filter_clauses(query: EngineQuery) -> dict[str, dict]:
        filters = query.filters
        clauses = {}
        if filters.type:
            clauses["type"] = {"term": {"type": filters.type}}
        if filters.year:
            clauses["year"] = {"term": {"year": str(filters.year)}}
        if filters.organisation:
            clauses["organization"] = {"term": {"organisations": str(filters.organisation)}}
        if filters.tag:
            clauses["tag"] = {"term": {"tag_slugs": filters.tag}}
        return clauses

    def search(self, query: EngineQuery) -> EngineResult:
        if query.plan.is_empty:
            return EngineResult(0, [], "key", {name: {} for name in FACET_FIELDS} if query.facets else {})
        self.ensure_index()  # the query depends on what the index holds
        clauses = self._filter_clauses(query)
        # Hits come back in score order only: a sort with tie-breakers makes the node keep sort values for
        # every competitive document, which cost a third of the search. Ties are put in order here, and a
        # page whose edge falls inside a tie asks again with the full order (see _page).
        start = max(0, query.offset - 1)
        body: dict = {
            "query": self._query(query),
            "from": start,
            "size": query.offset + query.limit + 1 - start,
            "_source": False,
            "docvalue_fields": ["published_at"],
        }
        if clauses:
            body["post_filter"] = {"bool": {"filter": list(clauses.values())}}
        if query.facets:
            # Each facet counts under the other facets' filters (post_filter keeps them off the aggregations).
            # Every document has one type, so the type facet also gives the total: no separate hit count.
            body["track_total_hits"] = False
            body["aggs"] = {}
            for name, field in FACET_FIELDS.items():
                values = {"terms": {"field": field, "size": FACET_SIZE}}
                others = [c for other, c in clauses.items() if other != name]
                body["aggs"][name] = (
                    {"filter": {"bool": {"filter": others}}, "aggs": {"values": values}} if others else values
                )
        else:
            body["track_total_hits"] = True
        response = self._search(body)
        facets = {}
        if query.facets:
            for name in FACET_FIELDS:
                aggregation = response["aggregations"][name]
                buckets = aggregation["values"]["buckets"] if "values" in aggregation else aggregation["buckets"]
                numeric = name in ("organization", "year")
                facets[name] = {int(b["key"]) if numeric else b["key"]: b["doc_count"] for b in buckets}
            types = facets["type"]
            total = types.get(query.filters.type, 0) if query.filters.type else sum(types.values())
        else:
            total = response["hits"]["total"]["value"]
        hits = self._page(body, response["hits"]["hits"], query.offset - start, query.limit)
        return EngineResult(total, hits, "key", facets)

    def _page(self, body: dict, raw: list[dict], lead: int, limit: int) -> list[tuple[str, float]]:
        """The page in the shared order (score, then newer first, then key), from hits in score order.

        ``raw`` holds one hit before the page (``lead``) and one after it when there are any. If neither
        neighbour ties with the page's edge, the page holds the same documents as in the full order and
        only needs sorting; otherwise (rare: equal scores across an edge) the node sorts that page.
        """
        scores = [float(hit["_score"] or 0) for hit in raw]
        window = raw[lead : lead + limit]
        if not window:
            return []
        edge_tied = (lead and scores[0] == scores[lead]) or (
            len(raw) > lead + limit and scores[lead + limit - 1] == scores[lead + limit]
        )
        if edge_tied:
            ordered = {
                key: value for key, value in body.items() if key not in ("aggs", "docvalue_fields", "track_total_hits")
            }
            ordered.update(
                {
                    "from": body["from"] + lead,
                    "size": limit,
                    "track_total_hits": False,
                    "sort": ["_score", {"published_at": {"order": "desc", "missing": "_last"}}, {"key": "asc"}],
                }
            )
            return [(hit["_id"], float(hit["_score"] or 0)) for hit in self._search(ordered)["hits"]["hits"]]
        rows = [
            (hit["_id"], float(hit["_score"] or 0), (hit.get("fields") or {}).get("published_at", [""])[0])
            for hit in window
        ]
        # Stable sorts, least significant first: key ascending, newer first (undated last), score descending.
        rows.sort(key=lambda row: row[0])
        rows.sort(key=lambda row: row[2], reverse=True)
        rows.sort(key=lambda row: row[1], reverse=True)
        return [(key, score) for key, score, _ in rows]

    def _search(self, body: dict) -> dict:
        try:
            self.ensure_index()
            # The plain client: building elasticsearch.dsl response objects costs more than the search itself.
            # DFS: term statistics come from every shard, so scores (and the order of results) do not depend
            # on how the documents are split into shards. The node skips the extra round for one shard.
            return self.client.search(index=self.alias, body=body, search_type=SEARCH_TYPE).body
        except (*UNAVAILABLE, ApiError) as error:
            raise EngineUnavailable(str(error)) from error
