"""Elasticsearch shard counts compared on the same documents and queries, paired.

    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python bench/es_layout.py --reuse DIR [--shards 1,2]
                                                                               [--queries 200] [--rounds 2]

DIR is a directory kept by ``search_speed.py --keep``: its database holds the analysed entries, and its
bench.json says which corpus (and so which queries) it holds. For each shard count this builds a throw-away
index from the stored entries, as ``search_reindex`` does, and warms it up. Then every query goes to each
index in turn, through the engine's own ``search`` (the request to the node included, the rest of Django
left out); the order of the indices alternates by round, so a change in the machine's load falls on all
alike. It prints p50/p95/mean per shard count, and how often the first page (keys, order and scores)
and the facets equal those of the first shard count. The indices are deleted at the end.

Prints figures, never asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import speed_corpus  # noqa: E402
from search_speed import django_setup, percentile  # noqa: E402

WARMUP = 100


def same_hits(mine: list[tuple], theirs: list[tuple]) -> bool:
    """The same keys in the same order, with the same scores (to float rounding)."""
    return len(mine) == len(theirs) and all(
        key == other and abs(score - other_score) <= 1e-5 * max(abs(score), 1)
        for (key, score), (other, other_score) in zip(mine, theirs, strict=True)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", type=Path, required=True, help="a directory kept by search_speed.py --keep")
    parser.add_argument("--shards", default="1,2", help="comma-separated shard counts; the first is the reference")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2, help="times each query goes to each index")
    args = parser.parse_args()
    if not os.environ.get("ELASTICSEARCH_URL"):
        parser.error("set ELASTICSEARCH_URL (for example a node from `python -m search.devnode`)")
    meta = json.loads((args.reuse / "bench.json").read_text(encoding="utf-8"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    os.environ["DATABASE_URL"] = f"sqlite:///{args.reuse.resolve() / 'db.sqlite3'}"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    django_setup()
    from django.test import override_settings
    from django.utils import timezone

    from search.backends import EngineQuery, get_engine
    from search.dictionary import analyzer
    from search.indexing import PUBLIC
    from search.services import engine_rebuild

    docs = list(speed_corpus.documents(meta["docs"], seed=meta["seed"]))
    queries = speed_corpus.queries(docs, args.queries)
    warmup = speed_corpus.queries(docs, WARMUP, seed=meta["seed"] + 1)
    current = analyzer()

    def engine_query(text: str) -> EngineQuery:
        return EngineQuery(plan=current.analyse_query(text), audience=[PUBLIC], limit=10, today=timezone.localdate())

    layouts = [int(value) for value in args.shards.split(",")]
    engines = {}
    try:
        for shards in layouts:
            prefix = f"bench-layout-{os.getpid()}-{shards}"
            with override_settings(ELASTICSEARCH_SHARDS=shards, ELASTICSEARCH_INDEX_PREFIX=prefix):
                started = time.perf_counter()
                engine_rebuild(name="elasticsearch")
                engines[shards] = get_engine("elasticsearch")
                print(f"  {shards} shard(s): index built in {time.perf_counter() - started:.1f}s")
        for text in warmup:
            for engine in engines.values():
                engine.search(engine_query(text))

        times: dict[int, list[float]] = {shards: [] for shards in layouts}
        answers: dict[int, list] = {shards: [] for shards in layouts}
        for round_number in range(args.rounds):
            order = layouts if round_number % 2 == 0 else layouts[::-1]
            for text in queries:
                query = engine_query(text)
                for shards in order:
                    started = time.perf_counter()
                    result = engines[shards].search(query)
                    times[shards].append((time.perf_counter() - started) * 1000)
                    if round_number == 0:
                        answers[shards].append(result)

        reference = answers[layouts[0]]
        print(f"\n{len(queries)} queries x {args.rounds} rounds on {meta['docs']} documents; engine.search, ms")
        print(f"{'shards':>6} {'p50':>7} {'p95':>7} {'mean':>7}   same page as {layouts[0]} shard(s)   same facets")
        for shards in layouts:
            values = sorted(times[shards])
            same_page = sum(
                same_hits(mine.hits, theirs.hits) for mine, theirs in zip(answers[shards], reference, strict=True)
            )
            same_facets = sum(
                mine.facets == theirs.facets for mine, theirs in zip(answers[shards], reference, strict=True)
            )
            p50, p95, mean = percentile(values, 50), percentile(values, 95), statistics.mean(values)
            print(
                f"{shards:>6} {p50:7.1f} {p95:7.1f} {mean:7.1f}"
                f"   {same_page / len(queries):>24.0%}   {same_facets / len(queries):>11.0%}"
            )
    finally:
        for engine in engines.values():
            engine.drop()


if __name__ == "__main__":
    main()
