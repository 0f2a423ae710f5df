"""The embedded engine: an inverted index in the project's own database (SQLite or PostgreSQL).

Posting lists are stored in blocks: one row per (token, 2048 consecutive entry ids) holding packed
entry ids and impacts (the entry's saturated, field-weighted term frequency, BM25F style). A query
reads the blocks of its few tokens with one indexed SELECT and scores them with numpy; filters,
facets and recency come from a per-process table of entry attributes that follows the entries'
change sequence. Nothing here needs a server besides the database.
"""

from __future__ import annotations

import math
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from django.db import connection, transaction

import numpy as np

from search.backends.base import (
    ANSWER_BOOST,
    ANSWER_TYPE,
    FIELD_WEIGHTS,
    FRESHNESS_HALF_LIFE_DAYS,
    FRESHNESS_WEIGHT,
    TITLE_FIELDS,
    Engine,
    EngineQuery,
    EngineResult,
)
from search.chinese import PREFIX_MARK, namespace
from search.indexing import ENTRY_SEQUENCE, rows_update
from search.models import SearchCounter, SearchEntry, SearchPostingBlock, SearchToken

BLOCK_BITS = 11
IMPACT_SCALE = 1000
MAX_IMPACT = 65535
K1, B = 1.2, 0.3
AVERAGE_LENGTH = {
    "title": 8,
    "title_grams": 10,
    "title_pinyin": 24,
    "tags": 3,
    "summary": 30,
    "summary_grams": 40,
    "body": 300,
}
TITLE_MARK = "t|"
PREFIX_EXPANSIONS = 40
CHUNK = 900

BLOCKS = SearchPostingBlock._meta.db_table
TOKENS = SearchToken._meta.db_table


def entry_impacts(fields: dict[str, str]) -> dict[str, int]:
    """Internal token → impact for one entry; title-field tokens are kept apart so titles can be searched alone."""
    impacts: dict[str, float] = defaultdict(float)
    for name, text in fields.items():
        weight = FIELD_WEIGHTS.get(name)
        if not weight or not text:
            continue
        tokens = text.split()
        norm = K1 * (1 - B + B * len(tokens) / AVERAGE_LENGTH[name])
        mark = TITLE_MARK if name in TITLE_FIELDS else ""
        for token, tf in Counter(tokens).items():
            impacts[mark + token] += weight * tf * (K1 + 1) / (tf + norm)
    return {token: min(MAX_IMPACT, max(1, round(value * IMPACT_SCALE))) for token, value in impacts.items()}


def internal_tokens(term: str, *, title_only: bool) -> list[str]:
    if title_only or namespace(term) == "pinyin":
        return [TITLE_MARK + term]
    return [TITLE_MARK + term, term]


def encode_postings(token_ids: np.ndarray, impacts: np.ndarray) -> bytes:
    return token_ids.astype("<u4").tobytes() + impacts.astype("<u2").tobytes()


def decode_postings(data) -> tuple[np.ndarray, np.ndarray]:
    data = bytes(data or b"")
    count = len(data) // 6
    token_ids = np.frombuffer(data, dtype="<u4", count=count).astype(np.int64)
    impacts = np.frombuffer(data, dtype="<u2", count=count, offset=count * 4).astype(np.int64)
    return token_ids, impacts


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def token_ids(texts: Iterable[str], *, create: bool) -> dict[str, int]:
    texts = list(dict.fromkeys(texts))
    found: dict[str, int] = {}
    for chunk in _chunks(texts):
        found.update(SearchToken.objects.filter(text__in=chunk).values_list("text", "pk"))
    missing = [t for t in texts if t not in found]
    if create and missing:
        SearchToken.objects.bulk_create([SearchToken(text=t) for t in missing], ignore_conflicts=True)
        for chunk in _chunks(missing):
            found.update(SearchToken.objects.filter(text__in=chunk).values_list("text", "pk"))
    return found


def prefix_token_ids(prefix: str) -> dict[str, int]:
    """Tokens starting with ``prefix``, shortest first; an index range scan on both databases."""
    if connection.vendor == "postgresql":
        tokens = SearchToken.objects.filter(text__startswith=prefix)  # LIKE 'p%' on the pattern_ops index
    else:
        tokens = SearchToken.objects.filter(text__gte=prefix, text__lt=prefix + "\U0010ffff")
    return dict(tokens.order_by("text").values_list("text", "pk")[:PREFIX_EXPANSIONS])


class EntryTable:
    """Attributes of every entry as numpy arrays indexed by entry id, for filters, facets and ranking."""

    def __init__(self) -> None:
        self.seq = -1
        self.size = 0
        self.alive = np.zeros(0, dtype=bool)
        self.type_code = np.zeros(0, dtype=np.int16)
        self.year = np.zeros(0, dtype=np.int16)
        self.day = np.zeros(0, dtype=np.int32)
        self.boost = np.zeros(0, dtype=np.float32)
        self.audience_code = np.zeros(0, dtype=np.int32)
        self.org_entry = np.zeros(0, dtype=np.int64)
        self.org_code = np.zeros(0, dtype=np.int64)
        self.tag_entry = np.zeros(0, dtype=np.int64)
        self.tag_code = np.zeros(0, dtype=np.int64)
        self.types: list[str] = []
        self.audiences: list[frozenset[str]] = []
        self.tags: list[str] = []
        self.orgs: list[int] = []
        self._codes: dict[str, dict] = {"types": {}, "audiences": {}, "tags": {}, "orgs": {}}
        self.live_count = 0

    def code(self, kind: str, value) -> int:
        """A small integer for a type, audience, tag or organisation, assigned on first sight."""
        codes = self._codes[kind]
        found = codes.get(value)
        if found is None:
            values = getattr(self, kind)
            found = codes[value] = len(values)
            values.append(value)
        return found

    def known(self, kind: str, value) -> int:
        """The code of a value seen before, or -1."""
        return self._codes[kind].get(value, -1)

    def _grow(self, size: int) -> None:
        if size <= self.size:
            return
        size = max(size, int(self.size * 1.25) + 1024)
        for name in ("alive", "type_code", "year", "day", "boost", "audience_code"):
            old = getattr(self, name)
            new = np.zeros(size, dtype=old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)
        self.size = size

    def updated(self, rows: list[tuple], seq: int) -> EntryTable:
        """A copy with ``rows`` applied (readers keep using the old copy meanwhile)."""
        table = EntryTable()
        table.__dict__.update({k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in self.__dict__.items()})
        for kind in ("types", "audiences", "tags", "orgs"):
            setattr(table, kind, list(getattr(self, kind)))
        table._codes = {kind: dict(codes) for kind, codes in self._codes.items()}
        if rows:
            table._grow(max(row[0] for row in rows) + 1)
            ids = np.array([row[0] for row in rows], dtype=np.int64)
            keep = ~np.isin(table.org_entry, ids)
            org_entry, org_code = [table.org_entry[keep]], [table.org_code[keep]]
            keep = ~np.isin(table.tag_entry, ids)
            tag_entry, tag_code = [table.tag_entry[keep]], [table.tag_code[keep]]
            new_org_entry, new_org_code, new_tag_entry, new_tag_code = [], [], [], []
            for pk, live, kind, published, organisations, tags, boost, audience in rows:
                table.alive[pk] = live
                table.type_code[pk] = table.code("types", kind)
                table.year[pk] = published.year if published else 0
                table.day[pk] = published.toordinal() if published else 0
                table.boost[pk] = boost
                table.audience_code[pk] = table.code("audiences", frozenset(audience or ()))
                if live:
                    for organisation in organisations or ():
                        new_org_entry.append(pk)
                        new_org_code.append(table.code("orgs", organisation))
                    for tag in tags or ():
                        new_tag_entry.append(pk)
                        new_tag_code.append(table.code("tags", tag[0]))
            org_entry.append(np.array(new_org_entry, dtype=np.int64))
            org_code.append(np.array(new_org_code, dtype=np.int64))
            tag_entry.append(np.array(new_tag_entry, dtype=np.int64))
            tag_code.append(np.array(new_tag_code, dtype=np.int64))
            table.org_entry, table.org_code = np.concatenate(org_entry), np.concatenate(org_code)
            table.tag_entry, table.tag_code = np.concatenate(tag_entry), np.concatenate(tag_code)
            table.live_count = int(table.alive.sum())
        table.seq = seq
        return table


class EmbeddedEngine(Engine):
    name = "embedded"
    label = "内置检索引擎（数据库）"

    def __init__(self) -> None:
        self._table = EntryTable()
        self._lock = threading.Lock()

    # Reading

    def table(self) -> EntryTable:
        """The entry table, brought up to the database's change sequence (one indexed read when nothing changed)."""
        seq = SearchCounter.objects.filter(name=ENTRY_SEQUENCE).values_list("value", flat=True).first() or 0
        table = self._table
        if table.seq == seq:
            return table
        with self._lock:
            table = self._table
            if seq < table.seq:
                table = EntryTable()  # the database went back (restored, or a test rolled back): start over
            if table.seq != seq:
                rows = list(
                    SearchEntry.objects.filter(seq__gt=table.seq)
                    .order_by()
                    .values_list(
                        "pk", "live", "type", "published_at", "organisations", "tags", "rank_boost", "audience"
                    )
                )
                table = table.updated(rows, seq)
                self._table = table
        return table

    def reset_cache(self) -> None:
        with self._lock:
            self._table = EntryTable()

    def _fetch(self, ids: list[int]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """Token id → (entry ids, impacts), whole posting lists."""
        parts: dict[int, list[tuple[int, bytes, bytes]]] = defaultdict(list)
        with connection.cursor() as cursor:
            for chunk in _chunks(ids):
                placeholders = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"SELECT token_id, block, entry_ids, impacts FROM {BLOCKS} WHERE token_id IN ({placeholders})",  # noqa: S608
                    chunk,
                )
                for token_id, block, entry_ids, impacts in cursor.fetchall():
                    parts[token_id].append((block, entry_ids, impacts))
        lists = {}
        for token_id, blocks in parts.items():
            blocks.sort(key=lambda part: part[0])
            lists[token_id] = (
                np.frombuffer(b"".join(bytes(b[1]) for b in blocks), dtype="<u4").astype(np.int64),
                np.frombuffer(b"".join(bytes(b[2]) for b in blocks), dtype="<u2").astype(np.float32),
            )
        return lists

    def _term_postings(self, terms: set[str], title_only: bool, table: EntryTable):
        """Query term → [(entry ids, scores)] per internal token (title, rest): idf × impact."""
        wanted: dict[str, list[str]] = {}
        exact: set[str] = set()
        prefixes: dict[str, list[str]] = {}
        for term in terms:
            internal = internal_tokens(term.removesuffix(PREFIX_MARK), title_only=title_only)
            if term.endswith(PREFIX_MARK):
                prefixes[term] = internal
            else:
                wanted[term] = internal
                exact.update(internal)
        ids = token_ids(exact, create=False)
        for term, internal in prefixes.items():
            expanded = []
            for prefix in internal:
                found = prefix_token_ids(prefix)
                ids.update(found)
                expanded.extend(found)
            wanted[term] = expanded
        lists = self._fetch(sorted(set(ids.values())))
        total = max(table.live_count, 1)
        result = {}
        for term, internal in wanted.items():
            entry_parts, score_parts = [], []
            for token in internal:
                posting = lists.get(ids.get(token))
                if posting is None:
                    continue
                entries, impacts = posting
                entries_ok = entries < table.size
                entries, impacts = entries[entries_ok], impacts[entries_ok]
                df = len(entries)
                idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
                entry_parts.append(entries)
                score_parts.append(impacts * np.float32(idf / IMPACT_SCALE))
            result[term] = list(zip(entry_parts, score_parts, strict=True))
        return result

    def _score(self, query: EngineQuery, table: EntryTable) -> tuple[np.ndarray, np.ndarray]:
        """Relevance per entry id and whether the entry satisfies enough concepts."""
        plan = query.plan
        postings = self._term_postings(plan.terms(), query.title_only, table)
        size = table.size
        score = np.zeros(size, dtype=np.float32)
        satisfied = np.zeros(size, dtype=np.int16)
        for concept in plan.concepts:
            best = np.zeros(size, dtype=np.float32)
            hit = np.zeros(size, dtype=bool)
            for alternative in concept.alternatives:
                alt_score = np.zeros(size, dtype=np.float32)
                count = np.zeros(size, dtype=np.int16)
                for term in alternative.terms:
                    parts = postings[term]
                    if len(parts) == 1:
                        entries, scores = parts[0]
                        alt_score[entries] += scores
                        count[entries] += 1
                        continue
                    term_hit = np.zeros(size, dtype=bool)
                    for entries, scores in parts:
                        alt_score[entries] += scores
                        term_hit[entries] = True
                    count += term_hit
                ok = count == len(alternative.terms)
                np.maximum(best, np.where(ok, alt_score * np.float32(alternative.term_weight), 0), out=best)
                hit |= ok
            score += best
            satisfied += hit
        matched = satisfied >= plan.required
        for alternative in plan.optional:
            for entries, scores in postings[alternative.terms[0]]:
                score[entries] += scores * np.float32(alternative.term_weight)
        return score, matched

    def search(self, query: EngineQuery) -> EngineResult:
        table = self.table()
        if query.plan.is_empty or table.size == 0:
            return EngineResult(0, [], "id", {} if not query.facets else _empty_facets())
        score, matched = self._score(query, table)
        base = matched & table.alive
        if query.audience is not None:
            allowed = np.array([bool(a & set(query.audience)) for a in table.audiences] or [False], dtype=bool)
            base &= allowed[table.audience_code]
        if query.exclude_keys:
            excluded = SearchEntry.objects.filter(key__in=query.exclude_keys).values_list("pk", flat=True)
            excluded = np.array([pk for pk in excluded if pk < table.size], dtype=np.int64)
            base[excluded] = False
        masks = self._filter_masks(query, table)
        selected = base.copy()
        for mask in masks.values():
            selected &= mask
        facets = self._facets(base, masks, table) if query.facets else {}

        candidates = np.flatnonzero(selected)
        if not query.limit:  # counts and facets only
            return EngineResult(len(candidates), [], "id", facets)
        final = score[candidates] * self._ranking_factor(table, candidates, query)
        wanted = query.offset + query.limit
        top = np.arange(len(candidates))
        if len(candidates) > 4 * wanted:
            threshold = np.partition(final, len(final) - wanted)[len(final) - wanted]
            top = np.flatnonzero(final >= threshold)
        order = top[np.lexsort((candidates[top], -table.day[candidates[top]], -final[top]))]
        window = order[query.offset : wanted]
        hits = [(int(candidates[i]), float(final[i])) for i in window]
        return EngineResult(len(candidates), hits, "id", facets)

    @staticmethod
    def _ranking_factor(table: EntryTable, entries: np.ndarray, query: EngineQuery) -> np.ndarray:
        """rank_boost + freshness (+ the answer boost for FAQs when the query is a question)."""
        days = table.day[entries]
        age = np.maximum(query.today.toordinal() - days, 0).astype(np.float32)
        freshness = np.where(days > 0, np.power(np.float32(0.5), age / FRESHNESS_HALF_LIFE_DAYS), 1.0)
        factor = table.boost[entries] + np.float32(FRESHNESS_WEIGHT) * freshness.astype(np.float32)
        if query.plan.question:
            factor += np.float32(ANSWER_BOOST) * (table.type_code[entries] == table.known("types", ANSWER_TYPE))
        return factor

    @staticmethod
    def _filter_masks(query: EngineQuery, table: EntryTable) -> dict[str, np.ndarray]:
        masks = {}
        filters = query.filters
        if filters.type:
            masks["type"] = table.type_code == table.known("types", filters.type)
        if filters.year:
            masks["year"] = table.year == filters.year
        if filters.organisation:
            mask = np.zeros(table.size, dtype=bool)
            mask[table.org_entry[table.org_code == table.known("orgs", filters.organisation)]] = True
            masks["organization"] = mask
        if filters.tag:
            mask = np.zeros(table.size, dtype=bool)
            mask[table.tag_entry[table.tag_code == table.known("tags", filters.tag)]] = True
            masks["tag"] = mask
        return masks

    @staticmethod
    def _facets(base: np.ndarray, masks: dict[str, np.ndarray], table: EntryTable) -> dict[str, dict]:
        """Counts per facet value; each facet ignores its own filter, so the other values stay visible."""

        def scope(name: str) -> np.ndarray:
            selected = base.copy()
            for other, mask in masks.items():
                if other != name:
                    selected &= mask
            return selected

        facets = {}
        selected = scope("type")
        counts = np.bincount(table.type_code[selected], minlength=len(table.types))
        facets["type"] = {table.types[i]: int(n) for i, n in enumerate(counts) if n}
        selected = scope("year")
        counts = np.bincount(table.year[selected])
        facets["year"] = {int(year): int(counts[year]) for year in np.flatnonzero(counts) if year}
        selected = scope("organization")
        counts = np.bincount(table.org_code[selected[table.org_entry]], minlength=len(table.orgs))
        facets["organization"] = {table.orgs[code]: int(counts[code]) for code in np.flatnonzero(counts)}
        selected = scope("tag")
        counts = np.bincount(table.tag_code[selected[table.tag_entry]], minlength=len(table.tags))
        facets["tag"] = {table.tags[code]: int(counts[code]) for code in np.flatnonzero(counts)}
        return facets

    def count(self) -> int:
        return SearchEntry.objects.filter(live=True).exclude(postings=b"").count()

    # Writing

    def index(self, live: list[SearchEntry], dead: list[SearchEntry]) -> None:
        """Bring the posting lists of these entries up to date; call inside the transaction that saved them."""
        entries = [*live, *dead]
        if not entries:
            return
        new_impacts = {entry.pk: entry_impacts(entry.fields) if entry.live else {} for entry in entries}
        ids = token_ids({t for impacts in new_impacts.values() for t in impacts}, create=True)
        stored = dict(SearchEntry.objects.filter(pk__in=[e.pk for e in entries]).values_list("pk", "postings"))
        changes: dict[tuple[int, int], dict[int, int | None]] = defaultdict(dict)
        new_postings = {}
        for entry in entries:
            old_tokens, old_values = decode_postings(stored.get(entry.pk))
            old = dict(zip(old_tokens.tolist(), old_values.tolist(), strict=True))
            new = {ids[token]: impact for token, impact in new_impacts[entry.pk].items()}
            block = entry.pk >> BLOCK_BITS
            for token_id in old.keys() - new.keys():
                changes[(token_id, block)][entry.pk] = None
            for token_id, impact in new.items():
                if old.get(token_id) != impact:
                    changes[(token_id, block)][entry.pk] = impact
            token_array = np.array(sorted(new), dtype=np.int64)
            new_postings[entry.pk] = encode_postings(
                token_array, np.array([new[t] for t in token_array.tolist()], dtype=np.int64)
            )
        self._apply(changes)
        for entry in entries:
            entry.postings = new_postings[entry.pk]
        rows_update(entries, ["postings"])

    def _apply(self, changes: dict[tuple[int, int], dict[int, int | None]]) -> None:
        if not changes:
            return
        blocks = sorted({block for _, block in changes})
        token_list = sorted({token for token, _ in changes})
        current: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
        with connection.cursor() as cursor:
            for chunk in _chunks(token_list):
                cursor.execute(
                    f"SELECT token_id, block, entry_ids, impacts FROM {BLOCKS} "  # noqa: S608
                    f"WHERE block IN ({', '.join(['%s'] * len(blocks))}) "
                    f"AND token_id IN ({', '.join(['%s'] * len(chunk))})",
                    [*blocks, *chunk],
                )
                for token_id, block, entry_ids, impacts in cursor.fetchall():
                    if (token_id, block) in changes:
                        current[(token_id, block)] = (
                            np.frombuffer(bytes(entry_ids), dtype="<u4").astype(np.int64),
                            np.frombuffer(bytes(impacts), dtype="<u2").astype(np.int64),
                        )
            upserts, deletes = [], []
            for (token_id, block), entry_changes in changes.items():
                entries, impacts = current.get(
                    (token_id, block), (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
                )
                changed = np.array(list(entry_changes), dtype=np.int64)
                keep = ~np.isin(entries, changed)
                added = [(pk, impact) for pk, impact in entry_changes.items() if impact is not None]
                entries = np.concatenate([entries[keep], np.array([a[0] for a in added], dtype=np.int64)])
                impacts = np.concatenate([impacts[keep], np.array([a[1] for a in added], dtype=np.int64)])
                if len(entries) == 0:
                    deletes.append((token_id, block))
                    continue
                order = np.argsort(entries, kind="stable")
                upserts.append(
                    (
                        token_id,
                        block,
                        entries[order].astype("<u4").tobytes(),
                        impacts[order].astype("<u2").tobytes(),
                    )
                )
            if upserts:
                cursor.executemany(
                    f"INSERT INTO {BLOCKS} (token_id, block, entry_ids, impacts) VALUES (%s, %s, %s, %s) "  # noqa: S608
                    "ON CONFLICT (token_id, block) DO UPDATE SET entry_ids = EXCLUDED.entry_ids, "
                    "impacts = EXCLUDED.impacts",
                    upserts,
                )
            if deletes:
                cursor.executemany(f"DELETE FROM {BLOCKS} WHERE token_id = %s AND block = %s", deletes)  # noqa: S608

    def rebuild(self, entries: Iterable[SearchEntry], *, total: int, progress: Callable[[int], None]) -> int:
        """Replace every posting list, building them block by block from the entries' stored tokens."""
        done = 0
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {BLOCKS}")  # noqa: S608
            SearchEntry.objects.filter(live=False).exclude(postings=b"").update(postings=b"")
            batch: list[SearchEntry] = []
            current_block = None
            for entry in entries:
                block = entry.pk >> BLOCK_BITS
                if current_block is not None and block != current_block and batch:
                    done += self._write_block(batch)
                    progress(done)
                    batch = []
                current_block = block
                batch.append(entry)
            if batch:
                done += self._write_block(batch)
                progress(done)
        return done

    def _write_block(self, entries: list[SearchEntry]) -> int:
        impacts_by_entry = {entry.pk: entry_impacts(entry.fields) for entry in entries}
        ids = token_ids({t for impacts in impacts_by_entry.values() for t in impacts}, create=True)
        lists: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for entry in entries:
            new = {ids[token]: impact for token, impact in impacts_by_entry[entry.pk].items()}
            for token_id, impact in new.items():
                lists[token_id][0].append(entry.pk)
                lists[token_id][1].append(impact)
            token_array = np.array(sorted(new), dtype=np.int64)
            entry.postings = encode_postings(
                token_array, np.array([new[t] for t in token_array.tolist()], dtype=np.int64)
            )
        block = entries[0].pk >> BLOCK_BITS
        rows = [
            (
                token_id,
                block,
                np.array(pks, dtype="<u4").tobytes(),
                np.array(values, dtype="<u2").tobytes(),
            )
            for token_id, (pks, values) in lists.items()
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {BLOCKS} (token_id, block, entry_ids, impacts) VALUES (%s, %s, %s, %s)",  # noqa: S608
                rows,
            )
        rows_update(entries, ["postings"])
        return len(entries)


def _empty_facets() -> dict[str, dict]:
    return {"type": {}, "year": {}, "organization": {}, "tag": {}}
