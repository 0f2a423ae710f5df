"""Search quality on the Chinese evaluation set, per engine: nDCG@10, MRR@10, Recall@10, zero-result rate.

    .venv/bin/python bench/search_quality.py [--engine stock,embedded,elasticsearch] [--details] [--json FILE]

Engines, each measured in its own subprocess on its own throw-away SQLite database holding the same corpus
(bench/data/eval_corpus.jsonl, loaded with ``manage.py import_knowledge``):

- ``stock``: what Wagtail gives out of the box. Its default database search backend
  (``wagtail.search.backends.database``, forced for this run), ``Page.objects.live().search(q)`` plus
  ``FAQ.objects.filter(live=True).search(q)`` (FAQs are snippets, not pages, so stock page search cannot see
  them; leaving them out would be unfair to it). The two lists are merged by the backend's own score.
- ``embedded``: our API, ``GET /api/v1/search/?q=`` through Django's test client, ``ELASTICSEARCH_URL`` unset.
- ``elasticsearch``: the same API with ``ELASTICSEARCH_URL`` pointing at a real node, after
  ``manage.py search_reindex``. Uses ``$ELASTICSEARCH_URL`` when set (indices get a throw-away prefix and are
  deleted afterwards), otherwise starts a temporary node with ``search.devnode``.

Metrics (on the first 10 results; a result that is not a corpus document counts as not relevant):
- nDCG@10 with linear gain (grade / log2(rank + 1)), ideal ranking built from all judged documents.
- MRR@10: 1 / rank of the first document judged relevant (grade >= 1), 0 when none is in the top 10.
- Recall@10: judged-relevant documents in the top 10 / min(10, number of judged-relevant documents).
- Zero-result rate: share of queries that have an answer but returned nothing at all.
- No-answer queries (judgments empty) are left out of the three averages above; for them the script reports
  how many returned results anyway (fewer is better).

It prints figures and never asserts: the exit status is 0 unless the script itself could not run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"
ENGINES = ("stock", "embedded", "elasticsearch")
KINDS = ("keyword", "question", "synonym", "partial", "typo", "pinyin", "no_answer")
TOP_K = 10
API_PATH = "/api/v1/search/"


# --- metrics --------------------------------------------------------------------------------------------------------


def dcg(gains: list[int]) -> float:
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def ndcg_at_k(ranked: list[str], judgments: dict[str, int], k: int = TOP_K) -> float:
    ideal = dcg(sorted(judgments.values(), reverse=True)[:k])
    return dcg([judgments.get(doc, 0) for doc in ranked[:k]]) / ideal if ideal else 0.0


def mrr_at_k(ranked: list[str], judgments: dict[str, int], k: int = TOP_K) -> float:
    for rank, doc in enumerate(ranked[:k], start=1):
        if judgments.get(doc, 0) >= 1:
            return 1.0 / rank
    return 0.0


def recall_at_k(ranked: list[str], judgments: dict[str, int], k: int = TOP_K) -> float:
    relevant = {doc for doc, grade in judgments.items() if grade >= 1}
    return len(relevant & set(ranked[:k])) / min(k, len(relevant)) if relevant else 0.0


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def summarise(queries: list[dict], run: dict) -> dict:
    """Aggregate one engine's rankings into overall and per-kind figures."""
    per_query = []
    for query in queries:
        answer = run["rankings"][query["query"]]
        ranked, count = answer["ids"], answer["count"]
        judgments = query["judgments"]
        row = {"query": query["query"], "kind": query["kind"], "count": count, "ranked": ranked}
        if judgments:
            row |= {
                "ndcg": ndcg_at_k(ranked, judgments),
                "mrr": mrr_at_k(ranked, judgments),
                "recall": recall_at_k(ranked, judgments),
                "zero": count == 0,
            }
        else:
            row["returned_results"] = count > 0
        per_query.append(row)

    def figures(rows: list[dict]) -> dict:
        answerable = [row for row in rows if "ndcg" in row]
        unanswerable = [row for row in rows if "returned_results" in row]
        return {
            "queries": len(rows),
            "ndcg@10": mean([row["ndcg"] for row in answerable]),
            "mrr@10": mean([row["mrr"] for row in answerable]),
            "recall@10": mean([row["recall"] for row in answerable]),
            "zero_result_rate": mean([float(row["zero"]) for row in answerable]),
            "zero_result_queries": sum(row["zero"] for row in answerable),
            "answerable": len(answerable),
            "no_answer_with_results": sum(row["returned_results"] for row in unanswerable),
            "no_answer": len(unanswerable),
        }

    by_kind = defaultdict(list)
    for row in per_query:
        by_kind[row["kind"]].append(row)
    return {
        "overall": figures(per_query),
        "by_kind": {kind: figures(rows) for kind, rows in by_kind.items()},
        "per_query": per_query,
    }


# --- the worker: one engine, one fresh database, in its own process --------------------------------------------------


def normalise_title(title: str) -> str:
    return " ".join(str(title).split())


def url_path(url: str) -> str:
    return urllib.parse.unquote(urllib.parse.urlsplit(url or "").path).rstrip("/")


def django_setup() -> None:
    sys.path.insert(0, str(REPO_ROOT))
    os.chdir(REPO_ROOT)
    import django

    django.setup()


def worker(engine: str, corpus: Path, queries_path: Path, result_path: Path) -> None:
    django_setup()

    from django.core.management import call_command
    from django.test.utils import override_settings

    if engine == "stock":
        # Wagtail's stock database backend, whatever the project configures for its own admin search.
        override_settings(WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": "wagtail.search.backends.database"}}).enable()

    info: dict = {"engine": engine}
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    info["migrate_s"] = time.perf_counter() - started

    out, err = _Capture(), _Capture()
    started = time.perf_counter()
    call_command("import_knowledge", str(corpus), stdout=out, stderr=err)
    info["import_s"] = time.perf_counter() - started
    info["import_summary"] = out.lines[-1] if out.lines else ""
    info["import_rejected"] = err.lines

    documents = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_title = {normalise_title(doc["title"]): doc["external_id"] for doc in documents}
    by_url = _url_map()

    if engine == "stock":
        started = time.perf_counter()
        call_command("update_index", verbosity=0)  # rebuild with the stock backend, in case imports bypassed it
        info["index_s"] = time.perf_counter() - started
        from wagtail.search.backends import get_search_backend

        info["backend"] = type(get_search_backend()).__module__ + "." + type(get_search_backend()).__name__
        search = _stock_search()
    else:
        from django.conf import settings

        info["elasticsearch_url"] = settings.ELASTICSEARCH_URL
        if engine == "elasticsearch":
            started = time.perf_counter()
            call_command("search_reindex", stdout=_Capture(), stderr=_Capture())
            info["index_s"] = time.perf_counter() - started
            _refresh(settings.ELASTICSEARCH_URL)
            info["es_documents"] = es_count(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX_PREFIX)
        search = _api_search(by_title, by_url)

    queries = [json.loads(line) for line in queries_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rankings, latencies = {}, []
    for query in queries:
        started = time.perf_counter()
        rankings[query["query"]] = search(query["query"])
        latencies.append(time.perf_counter() - started)
    info["mean_query_ms"] = 1000 * mean(latencies)
    result_path.write_text(json.dumps({"info": info, "rankings": rankings}, ensure_ascii=False), encoding="utf-8")


class _Capture:
    """A stdout stand-in for call_command that keeps the lines."""

    def __init__(self):
        self.lines: list[str] = []

    def write(self, text: str) -> None:
        self.lines.extend(line for line in str(text).splitlines() if line.strip())

    def flush(self) -> None:
        pass


def _url_map() -> dict[str, str]:
    """URL path of every imported page -> its external_id (the API's `url` may be absolute or relative)."""
    from wagtail.models import Page

    mapping = {}
    for page in Page.objects.live().specific().iterator():
        external_id = getattr(page, "external_id", "")
        if external_id:
            mapping[url_path(page.get_url() or "")] = external_id
    return mapping


def _stock_search():
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from content_types.models import FAQ

    backend = get_search_backend()
    page_ids = {}
    for page in Page.objects.live().specific().iterator():
        if getattr(page, "external_id", ""):
            page_ids[page.pk] = page.external_id
    faq_ids = dict(FAQ.objects.exclude(external_id="").values_list("pk", "external_id"))

    def search(text: str) -> dict:
        pages = Page.objects.live().search(text).annotate_score("_score")
        faqs = backend.search(text, FAQ.objects.filter(live=True)).annotate_score("_score")
        hits = [(page._score or 0.0, page_ids.get(page.pk, f"page:{page.pk}")) for page in pages[:TOP_K]]
        hits += [(faq._score or 0.0, faq_ids.get(faq.pk, f"faq:{faq.pk}")) for faq in faqs[:TOP_K]]
        hits.sort(key=lambda hit: -hit[0])
        return {"ids": [doc for _, doc in hits[:TOP_K]], "count": pages.count() + faqs.count()}

    return search


def _api_search(by_title: dict[str, str], by_url: dict[str, str]):
    from django.test import Client

    client = Client()

    def search(text: str) -> dict:
        response = client.get(API_PATH, {"q": text, "page_size": TOP_K})
        if response.status_code != 200:
            raise RuntimeError(f"{API_PATH}?q={text} answered {response.status_code}: {response.content[:300]!r}")
        data = response.json()
        ids = []
        for result in data.get("results", [])[:TOP_K]:
            doc = by_title.get(normalise_title(result.get("title", ""))) or by_url.get(url_path(result.get("url")))
            ids.append(doc or f"other:{result.get('title', '')}")
        return {"ids": ids, "count": data.get("count", len(ids))}

    return search


def es_count(url: str, prefix: str) -> str:
    """Documents in this run's indices, to show the answers really came from Elasticsearch."""
    address = f"{url.rstrip('/')}/_cat/indices/{prefix}*?format=json&h=index,docs.count"
    try:
        with urllib.request.urlopen(address, timeout=10) as response:  # noqa: S310
            return ", ".join(f"{row['index']}: {row['docs.count']}" for row in json.load(response)) or "no index"
    except (urllib.error.URLError, OSError, ValueError, KeyError) as error:
        return f"unknown ({error})"


def _refresh(url: str) -> None:
    request = urllib.request.Request(f"{url.rstrip('/')}/_refresh", method="POST")  # noqa: S310 (our own node)
    with contextlib.suppress(urllib.error.URLError, OSError):
        urllib.request.urlopen(request, timeout=30).close()  # noqa: S310


# --- the parent: one subprocess per engine, then the tables -----------------------------------------------------------


def worker_env(engine_dir: Path, prefix: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("BENCH_SETTINGS", "cms.settings.test"),
        "DATABASE_URL": f"sqlite:///{engine_dir / 'db.sqlite3'}",
        "VAR_DIR": str(engine_dir),
        "MEDIA_ROOT": str(engine_dir / "media"),
        "ELASTICSEARCH_INDEX_PREFIX": prefix,
        "LOG_LEVEL": "WARNING",
        "PYTHONWARNINGS": "ignore",
    }
    env.pop("ELASTICSEARCH_URL", None)
    return env


def run_worker(worker_args: list[str], env: dict) -> subprocess.CompletedProcess:
    cmd = [sys.executable, str(Path(__file__).resolve()), *worker_args]
    return subprocess.run(cmd, env=env, cwd=REPO_ROOT, capture_output=True, text=True)  # noqa: S603


def failure(process: subprocess.CompletedProcess) -> str:
    tail = "\n".join((process.stderr or process.stdout).strip().splitlines()[-15:])
    return f"worker exited with {process.returncode}:\n{tail}"


def migrate_template(workdir: Path, prefix: str) -> str | None:
    """Migrate one database that every engine starts from (migrations are the slow part); error or None."""
    template = workdir / "template"
    template.mkdir()
    process = run_worker(["--worker", "migrate"], worker_env(template, prefix))
    return None if process.returncode == 0 else failure(process)


def run_engine(engine: str, args, workdir: Path, es_url: str | None, prefix: str) -> dict:
    engine_dir = workdir / engine
    engine_dir.mkdir()
    shutil.copyfile(workdir / "template" / "db.sqlite3", engine_dir / "db.sqlite3")
    env = worker_env(engine_dir, prefix)
    if engine == "elasticsearch":
        env["ELASTICSEARCH_URL"] = es_url
    result_path = engine_dir / "result.json"
    worker_args = ["--worker", engine, "--corpus", str(args.corpus), "--queries", str(args.queries)]
    started = time.perf_counter()
    process = run_worker([*worker_args, "--result", str(result_path)], env)
    elapsed = time.perf_counter() - started
    if process.returncode != 0 or not result_path.exists():
        return {"engine": engine, "error": failure(process)}
    run = json.loads(result_path.read_text(encoding="utf-8"))
    run["info"]["total_s"] = elapsed
    return run


def start_elasticsearch():
    """(url, node or None, reason when unavailable)."""
    if os.environ.get("ELASTICSEARCH_URL"):
        return os.environ["ELASTICSEARCH_URL"], None, None
    sys.path.insert(0, str(REPO_ROOT))
    from search import devnode

    missing = devnode.missing_java_tools()
    if missing:
        return None, None, f"{', '.join(missing)} not found and ELASTICSEARCH_URL unset"
    node = devnode.ElasticsearchNode()
    try:
        node.start()
    except (devnode.BuildError, devnode.NodeStartError, OSError) as error:
        node.close()
        return None, None, f"could not start a node: {str(error).splitlines()[0]}"
    return node.url, node, None


def delete_indices(url: str, prefix: str) -> None:
    """Remove what this run created on a cluster it does not own."""
    base = url.rstrip("/")
    try:
        with urllib.request.urlopen(f"{base}/_cat/indices/{prefix}*?format=json&h=index", timeout=10) as response:  # noqa: S310
            names = [row["index"] for row in json.load(response)]
        for name in names:
            request = urllib.request.Request(f"{base}/{name}", method="DELETE")  # noqa: S310
            urllib.request.urlopen(request, timeout=30).close()  # noqa: S310
    except (urllib.error.URLError, OSError, ValueError, KeyError):
        print(f"(could not clean up indices {prefix}* on {url})")


def fmt(value: float, digits: int = 3) -> str:
    return "  n/a" if value != value else f"{value:.{digits}f}"


def print_tables(queries: list[dict], runs: dict[str, dict], reports: dict[str, dict], documents: int) -> None:
    engines = list(runs)
    width = max(14, *(len(engine) + 2 for engine in engines))
    kinds = [kind for kind in KINDS if any(query["kind"] == kind for query in queries)]
    answerable = sum(1 for query in queries if query["judgments"])
    print(f"\nSearch quality — {documents} documents, {len(queries)} queries ({answerable} with an answer)\n")

    header = "metric".ljust(30) + "".join(engine.rjust(width) for engine in engines)
    print(header)
    print("-" * len(header))

    def cell(engine: str, key: str, kind: str | None = None) -> str:
        if "error" in runs[engine]:
            return "failed".rjust(width)
        if "skipped" in runs[engine]:
            return "skipped".rjust(width)
        figures = reports[engine]["overall"] if kind is None else reports[engine]["by_kind"].get(kind)
        if figures is None:
            return "".rjust(width)
        if key == "zero":
            text = f"{figures['zero_result_rate']:.1%} ({figures['zero_result_queries']})"
        elif key == "no_answer":
            text = f"{figures['no_answer_with_results']}/{figures['no_answer']}"
        else:
            text = fmt(figures[key])
        return text.rjust(width)

    rows = [
        ("nDCG@10", "ndcg@10"),
        ("MRR@10", "mrr@10"),
        ("Recall@10", "recall@10"),
        ("zero-result rate (answerable)", "zero"),
        ("no-answer queries w/ results", "no_answer"),
    ]
    for label, key in rows:
        print(label.ljust(30) + "".join(cell(engine, key) for engine in engines))

    print("\nnDCG@10 / MRR@10 by kind of query (no_answer: queries that returned results)\n")
    header = "kind".ljust(30) + "".join(engine.rjust(width) for engine in engines)
    print(header)
    print("-" * len(header))
    for kind in kinds:
        count = sum(1 for query in queries if query["kind"] == kind)
        label = f"{kind} ({count})".ljust(30)
        cells = []
        for engine in engines:
            if "error" in runs[engine] or "skipped" in runs[engine]:
                cells.append(("failed" if "error" in runs[engine] else "skipped").rjust(width))
                continue
            figures = reports[engine]["by_kind"][kind]
            if kind == "no_answer":
                cells.append(f"{figures['no_answer_with_results']}/{figures['no_answer']}".rjust(width))
            else:
                cells.append(f"{fmt(figures['ndcg@10'], 2)} / {fmt(figures['mrr@10'], 2)}".rjust(width))
        print(label + "".join(cells))

    print("\nRun details")
    for engine in engines:
        run = runs[engine]
        if "skipped" in run:
            print(f"  {engine}: skipped — {run['skipped']}")
            continue
        if "error" in run:
            print(f"  {engine}: FAILED — {run['error']}")
            continue
        info = run["info"]
        parts = [f"import {info['import_s']:.1f}s"]
        if "index_s" in info:
            parts.append(f"index {info['index_s']:.1f}s")
        parts.append(f"mean query {info['mean_query_ms']:.1f} ms")
        if info.get("backend"):
            parts.append(f"backend {info['backend']}")
        if info.get("elasticsearch_url"):
            parts.append(f"ES {info['elasticsearch_url']} (documents per index: {info.get('es_documents')})")
        if info.get("import_rejected"):
            parts.append(f"{len(info['import_rejected'])} import lines rejected")
        print(f"  {engine}: " + ", ".join(parts))
        if info.get("import_rejected"):
            for line in info["import_rejected"][:5]:
                print(f"      {line}")


def print_details(queries: list[dict], reports: dict[str, dict]) -> None:
    for engine, report in reports.items():
        print(f"\nPer-query results — {engine}")
        for query, row in zip(queries, report["per_query"], strict=True):
            judgments = query["judgments"]
            marks = " ".join(f"{doc}[{judgments[doc]}]" if judgments.get(doc) else doc for doc in row["ranked"][:TOP_K])
            score = f"nDCG {row['ndcg']:.2f}" if "ndcg" in row else f"{row['count']} results"
            print(f"  [{query['kind']}] {query['query']}  ({score}, count {row['count']})\n      {marks or '—'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default=",".join(ENGINES), help="comma-separated: stock,embedded,elasticsearch")
    parser.add_argument("--corpus", type=Path, default=DATA_DIR / "eval_corpus.jsonl")
    parser.add_argument("--queries", type=Path, default=DATA_DIR / "eval_queries.jsonl")
    parser.add_argument("--details", action="store_true", help="print every query's top 10 per engine")
    parser.add_argument("--json", type=Path, help="also write all figures and rankings to this file")
    parser.add_argument("--worker", choices=[*ENGINES, "migrate"], help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.corpus, args.queries = args.corpus.resolve(), args.queries.resolve()

    if args.worker == "migrate":
        django_setup()
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        return 0
    if args.worker:
        worker(args.worker, args.corpus, args.queries, args.result)
        return 0

    engines = [engine.strip() for engine in args.engine.split(",") if engine.strip()]
    unknown = set(engines) - set(ENGINES)
    if unknown:
        parser.error(f"unknown engine(s): {', '.join(sorted(unknown))}")
    queries = [json.loads(line) for line in args.queries.read_text(encoding="utf-8").splitlines() if line.strip()]
    documents = sum(1 for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip())

    workdir = Path(tempfile.mkdtemp(prefix="union-bench-quality-"))
    prefix = f"bench-quality-{os.getpid()}"
    node, es_url = None, None
    runs: dict[str, dict] = {}
    try:
        print("… migrating a template database", flush=True)
        error = migrate_template(workdir, prefix)
        if error:
            print(f"FAILED — {error}")
            return 1
        for engine in engines:
            print(f"… {engine}", flush=True)
            if engine == "elasticsearch":
                es_url, node, reason = start_elasticsearch()
                if reason:
                    runs[engine] = {"engine": engine, "skipped": reason}
                    continue
            runs[engine] = run_engine(engine, args, workdir, es_url, prefix)
    finally:
        if node is not None:
            node.close()
        elif es_url:
            delete_indices(es_url, prefix)
        shutil.rmtree(workdir, ignore_errors=True)

    reports = {
        engine: summarise(queries, run) for engine, run in runs.items() if "error" not in run and "skipped" not in run
    }
    print_tables(queries, runs, reports, documents)
    if "stock" in reports:
        for engine in ("embedded", "elasticsearch"):
            if engine in reports:
                gain = reports[engine]["overall"]["ndcg@10"] - reports["stock"]["overall"]["ndcg@10"]
                print(f"  nDCG@10 {engine} − stock: {gain:+.3f}")
    if args.details:
        print_details(queries, reports)
    if args.json:
        args.json.write_text(
            json.dumps({"runs": runs, "reports": reports}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
