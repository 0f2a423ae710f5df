"""What every search engine does for search/, and the ranking constants both engines share."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from search.chinese import QueryPlan, namespace
from search.models import SearchEntry

# Field weights: title over tags over summary over body; partial-word and pinyin matches count a little less.
WORD_FIELDS = {"title": 5.0, "tags": 3.0, "summary": 2.0, "body": 1.0}
GRAM_FIELDS = {"title_grams": 4.0, "summary_grams": 1.5}
PINYIN_FIELDS = {"title_pinyin": 3.0}
TITLE_FIELDS = ("title", "title_grams", "title_pinyin")
FIELD_WEIGHTS = {**WORD_FIELDS, **GRAM_FIELDS, **PINYIN_FIELDS}
# Recent over stale where relevance ties: score × (rank_boost + FRESHNESS_WEIGHT × 0.5 ** (age / half-life)).
FRESHNESS_WEIGHT = 0.05
FRESHNESS_HALF_LIFE_DAYS = 365


def term_fields(term: str, *, title_only: bool = False) -> dict[str, float]:
    """The fields (with boosts) a query term is looked up in."""
    fields = {"word": WORD_FIELDS, "gram": GRAM_FIELDS, "pinyin": PINYIN_FIELDS}[namespace(term)]
    if title_only:
        fields = {name: boost for name, boost in fields.items() if name in TITLE_FIELDS}
    return fields


class EngineUnavailable(Exception):
    """The search engine cannot be reached; the caller decides whether to retry or to tell the user."""


@dataclass
class Filters:
    type: str | None = None
    organisation: int | None = None
    tag: str | None = None
    year: int | None = None

    def active(self) -> dict:
        return {name: value for name, value in vars(self).items() if value not in (None, "")}


@dataclass
class EngineQuery:
    plan: QueryPlan
    filters: Filters = field(default_factory=Filters)
    audience: list[str] | None = None
    offset: int = 0
    limit: int = 20
    exclude_keys: list[str] = field(default_factory=list)
    facets: bool = True
    title_only: bool = False
    today: datetime.date = field(default_factory=datetime.date.today)


@dataclass
class EngineResult:
    total: int
    hits: list[tuple[object, float]]
    hit_field: str
    facets: dict[str, dict] = field(default_factory=dict)


class Engine:
    """The operations search/ needs from an engine."""

    name = ""
    label = ""

    def index(self, live: list[SearchEntry], dead: list[SearchEntry]) -> None:
        raise NotImplementedError

    def search(self, query: EngineQuery) -> EngineResult:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def rebuild(self, entries: Iterable[SearchEntry], *, total: int, progress: Callable[[int], None]) -> int:
        raise NotImplementedError
