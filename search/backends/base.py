"""What every search engine does for search/, and the ranking constants both engines share."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from search.chinese import QueryPlan
from search.models import SearchEntry

# Field weights, shared by both engines: title over tags over summary over body. The embedded engine sums
# weighted saturated frequencies; Elasticsearch repeats a field's tokens `weight` times in one combined field.
FIELD_WEIGHTS = {
    "title": 5,
    "tags": 3,
    "summary": 2,
    "body": 1,
    "title_grams": 3,
    "summary_grams": 1,
    "title_pinyin": 1,
}
TITLE_FIELDS = ("title", "title_grams", "title_pinyin")
# Recent over stale where relevance ties: score × (rank_boost + FRESHNESS_WEIGHT × 0.5 ** (age / half-life)).
FRESHNESS_WEIGHT = 0.05
FRESHNESS_HALF_LIFE_DAYS = 365
# Questions ("……怎么申请？") prefer answers: an FAQ's factor grows by this much.
ANSWER_BOOST = 0.2
ANSWER_TYPE = "faq"


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
