"""Search speed on a generated corpus: API latency (p50/p95) at 1 and 16 clients, and full reindex time.

    .venv/bin/python bench/search_speed.py [--docs 100000] [--queries 200] [--engine embedded,elasticsearch]
                                           [--import-sample 2000] [--clients 16] [--threads 16]
                                           [--conn-max-age SECONDS] [--tmpdir DIR]

What it does, in order (each Django step in its own subprocess, on one throw-away SQLite database):

1. Generates ``--docs`` documents in the ``import_knowledge`` format with bench/speed_corpus.py (seeded: the
   same corpus every run) and 2-4 word queries taken from those documents' own words.
2. Loads the first ``--import-sample`` documents with ``manage.py import_knowledge`` and times it; the rate is
   extrapolated to the whole corpus. ``import_knowledge`` publishes one page at a time (revision, tree
   insert, index update), too slow for 100,000 pages here, so the remaining documents are written by a
   bulk loader in this script: the same page, FAQ and tag rows the import creates (no revisions, no
   signals), then ``manage.py search_reindex`` indexes everything. The figures say which path was used.
3. Times ``search_reindex`` for each engine (embedded: the database index; elasticsearch: a fresh index,
   bulk batches, alias swap), on all documents.
4. Per engine, serves the site in a subprocess on a free loopback port with a WSGI server (stdlib wsgiref)
   that runs requests on a fixed pool of ``--threads`` worker threads, each keeping its database connection
   as production servers do (``--conn-max-age 0``: a new connection per request, as under ``runserver``),
   warms it up, then times
   ``GET /api/v1/search/?q=...&page_size=10`` end to end: one client in sequence, then ``--clients`` concurrent
   clients (threads).

Prints figures, never asserts. This is a shared 2-core machine: the load average printed with the figures says
how busy it was. Elasticsearch is ``$ELASTICSEARCH_URL`` when set (indices get a throw-away prefix and are
deleted afterwards), otherwise a temporary node from ``search.devnode``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

import speed_corpus  # noqa: E402

ENGINES = ("embedded", "elasticsearch")
API_PATH = "/api/v1/search/"
BATCH = 500


# --- worker steps (run inside Django, in subprocesses) ----------------------------------------------------------------


def django_setup() -> None:
    sys.path.insert(0, str(REPO_ROOT))
    os.chdir(REPO_ROOT)
    import django

    django.setup()


def step_load(sample_path: Path, bulk_path: Path) -> dict:
    """Migrate, import the sample with import_knowledge, bulk-load the rest."""
    django_setup()
    from django.core.management import call_command

    info = {}
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    info["migrate_s"] = time.perf_counter() - started

    sample = sum(1 for line in sample_path.open(encoding="utf-8") if line.strip())
    out = _Capture()
    started = time.perf_counter()
    call_command("import_knowledge", str(sample_path), progress_every=0, stdout=out, stderr=out)
    info["import_s"] = time.perf_counter() - started
    info["import_docs"] = sample
    info["import_summary"] = out.lines[-1] if out.lines else ""

    started = time.perf_counter()
    info["bulk_docs"] = bulk_load(bulk_path)
    info["bulk_s"] = time.perf_counter() - started
    return info


class _Capture:
    def __init__(self):
        self.lines: list[str] = []

    def write(self, text: str) -> None:
        self.lines.extend(line for line in str(text).splitlines() if line.strip())

    def flush(self) -> None:
        pass


def bulk_load(path: Path) -> int:
    """Write documents as published pages/FAQs, the rows import_knowledge would create, many at a time.

    Bench-only: Wagtail pages cannot be bulk-created through the ORM (multi-table inheritance, tree paths),
    so this computes the tree paths itself and inserts each table's rows in batches. No revisions, no
    signals, no index updates (the caller runs search_reindex).
    """
    import datetime
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone

    from wagtail.models import Page

    from content_types.models import FAQ, AchievementType, CaseStoryPage
    from content_types.services import (
        KNOWLEDGE_PAGE_TYPES,
        organisation_ensure,
        plain_text_paragraphs,
        tags_ensure,
    )

    docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    if not docs:
        return 0
    organisations = {name: organisation_ensure(name=name) for name in dict.fromkeys(d["organization"] for d in docs)}
    tags = {tag.name: tag for tag in tags_ensure(names=sorted({t for d in docs for t in d["tags"]}))}
    content_types = {kind: ContentType.objects.get_for_model(model) for kind, model in KNOWLEDGE_PAGE_TYPES.items()}
    page_fields = [f for f in Page._meta.local_concrete_fields if f is not Page._meta.auto_field]

    def published(day: str) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.fromisoformat(day).replace(hour=9))

    next_position = {}
    for name, organisation in organisations.items():
        last = organisation.get_last_child()
        next_position[name] = (Page._str2int(last.path[-Page.steplen :]) + 1) if last else 1

    with transaction.atomic():
        for start in range(0, len(docs), BATCH):
            batch = docs[start : start + BATCH]
            by_model: dict[type, list] = {}
            faqs, faq_tags, added = [], [], {}
            for doc in batch:
                organisation = organisations[doc["organization"]]
                if doc["type"] == "faq":
                    faq = FAQ(
                        question=doc["title"],
                        answer="".join(plain_text_paragraphs(doc["body"])),
                        organisation=organisation,
                        external_id=doc["external_id"],
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published(doc["published_at"]),
                        last_published_at=published(doc["published_at"]),
                    )
                    faqs.append(faq)
                    faq_tags.append([tags[t] for t in doc["tags"]])
                    continue
                model = KNOWLEDGE_PAGE_TYPES[doc["type"]]
                position = next_position[doc["organization"]]
                next_position[doc["organization"]] += 1
                added[organisation.pk] = added.get(organisation.pk, 0) + 1
                slug = doc["external_id"]
                page = model(
                    title=doc["title"],
                    draft_title=doc["title"],
                    slug=slug,
                    content_type=content_types[doc["type"]],
                    path=Page._get_path(organisation.path, organisation.depth + 1, position),
                    depth=organisation.depth + 1,
                    numchild=0,
                    url_path=f"{organisation.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published(doc["published_at"]),
                    last_published_at=published(doc["published_at"]),
                    locale_id=organisation.locale_id,
                    translation_key=uuid.uuid4(),
                    summary=doc["summary"],
                    date=datetime.date.fromisoformat(doc["published_at"]),
                    body=[{"type": "paragraph", "value": html} for html in plain_text_paragraphs(doc["body"])],
                    external_id=doc["external_id"],
                )
                if model is CaseStoryPage:
                    page.achievement_type = AchievementType.SERVICE
                page._bench_tags = [tags[t] for t in doc["tags"]]
                by_model.setdefault(model, []).append(page)

            for model, pages in by_model.items():
                rows = Page._base_manager._insert(
                    pages, fields=page_fields, returning_fields=Page._meta.db_returning_fields, using="default"
                )
                for page, row in zip(pages, rows, strict=True):
                    page.pk = page.id = page.page_ptr_id = row[0]
                model._base_manager._insert(pages, fields=model._meta.local_concrete_fields, using="default")
                _link_tags(model, [(page.pk, page._bench_tags) for page in pages])
            if faqs:
                FAQ.objects.bulk_create(faqs)
                _link_tags(FAQ, [(faq.pk, names) for faq, names in zip(faqs, faq_tags, strict=True)])
            for organisation_id, count in added.items():
                Page.objects.filter(pk=organisation_id).update(numchild=F("numchild") + count)
    return len(docs)


def _link_tags(model, links) -> None:
    field = model._meta.get_field("tags")
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    through.objects.bulk_create(
        [through(**{f"{source}_id": pk, f"{target}_id": tag.pk}) for pk, tag_list in links for tag in tag_list]
    )


def step_reindex(engine: str, extra: list[str]) -> dict:
    """`search_reindex --backend ENGINE [extra]` (the environment says where Elasticsearch is)."""
    django_setup()
    from django.core.management import call_command

    from content_types.models import FAQ
    from content_types.services import KNOWLEDGE_PAGE_TYPES

    out = _Capture()
    started = time.perf_counter()
    call_command("search_reindex", f"--backend={engine}", *extra, stdout=out, stderr=out)
    elapsed = time.perf_counter() - started
    documents = FAQ.objects.filter(live=True).count()
    documents += sum(model.objects.live().count() for model in KNOWLEDGE_PAGE_TYPES.values())
    return {"reindex_s": elapsed, "documents": documents, "output": [line for line in out.lines if "[" not in line]}


def serve(port: int, threads: int) -> None:
    """A WSGI server on 127.0.0.1:port with a fixed pool of worker threads, like a production server.

    Each worker thread keeps its database connection between requests (the settings' ``DB_CONN_MAX_AGE``),
    as gunicorn's or waitress's threads do. ``runserver`` instead starts a thread, and so opens a
    connection, for every request: ``--conn-max-age 0`` measures that too.
    """
    from concurrent.futures import ThreadPoolExecutor
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    django_setup()
    from django.core.wsgi import get_wsgi_application

    class PooledServer(WSGIServer):
        request_queue_size = 128
        workers = ThreadPoolExecutor(threads, thread_name_prefix="wsgi")

        def process_request(self, request, client_address) -> None:
            self.workers.submit(self._serve, request, client_address)

        def _serve(self, request, client_address) -> None:
            try:
                self.finish_request(request, client_address)
            except Exception:  # noqa: BLE001 (reported like socketserver's own servers do)
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = make_server(
        "127.0.0.1", port, get_wsgi_application(), server_class=PooledServer, handler_class=QuietHandler
    )
    # The parent stops the server with SIGTERM: leave through SystemExit, so that exit handlers still run (the
    # test settings remove their temporary media folder in one).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("ready", flush=True)
    server.serve_forever()


# --- the parent -----------------------------------------------------------------------------------------------------


def run_step(args_list: list[str], env: dict, what: str) -> dict:
    result = Path(env["BENCH_WORKDIR"]) / f"step-{time.monotonic_ns()}.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), *args_list, "--result", str(result)]
    process = subprocess.run(cmd, env=env, cwd=REPO_ROOT, capture_output=True, text=True)  # noqa: S603
    if process.returncode != 0 or not result.exists():
        tail = "\n".join((process.stderr or process.stdout).strip().splitlines()[-12:])
        raise StepFailed(f"{what} failed (exit {process.returncode}):\n{tail}")
    return json.loads(result.read_text(encoding="utf-8"))


class StepFailed(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env: dict, threads: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = open(Path(env["BENCH_WORKDIR"]) / f"server-{port}.log", "w")  # noqa: SIM115 (held while it runs)
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, str(Path(__file__).resolve()), "--serve", str(port), "--threads", str(threads)],
        env=env,
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    ready = process.stdout.readline().strip()
    if ready != "ready":
        process.kill()
        log.close()
        raise StepFailed(f"the server did not start: {Path(log.name).read_text()[-1500:]}")
    process._bench_log = log
    return process, f"http://127.0.0.1:{port}"


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    process._bench_log.close()


def query_once(base: str, text: str) -> tuple[float, int, int]:
    url = f"{base}{API_PATH}?" + urllib.parse.urlencode({"q": text, "page_size": 10})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (our own loopback server)
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    elapsed = time.perf_counter() - started
    count = json.loads(body).get("count", 0) if status == 200 else -1
    return elapsed, status, count


def measure(base: str, queries: list[str], clients: int, total: int) -> dict:
    """`total` requests spread over `clients` threads; latencies in ms."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    empty = 0
    lock = threading.Lock()

    def client(index: int) -> None:
        nonlocal empty
        for number in range(index, total, clients):
            elapsed, status, count = query_once(base, queries[number % len(queries)])
            with lock:
                latencies.append(elapsed * 1000)
                statuses[status] = statuses.get(status, 0) + 1
                empty += count == 0

    threads = [threading.Thread(target=client, args=(index,)) for index in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "clients": clients,
        "requests": len(latencies),
        "p50": percentile(ordered, 50),
        "p95": percentile(ordered, 95),
        "p99": percentile(ordered, 99),
        "mean": statistics.fmean(ordered),
        "throughput": len(latencies) / wall,
        "statuses": statuses,
        "empty": empty,
    }


def percentile(ordered: list[float], pct: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not ordered:
        return float("nan")
    rank = max(1, round(pct / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def load_average() -> str:
    try:
        return " ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "n/a"


def start_elasticsearch():
    if os.environ.get("ELASTICSEARCH_URL"):
        return os.environ["ELASTICSEARCH_URL"], None, None
    sys.path.insert(0, str(REPO_ROOT))
    from search import devnode

    missing = devnode.missing_java_tools()
    if missing:
        return None, None, f"{', '.join(missing)} not found and ELASTICSEARCH_URL unset"
    node = devnode.ElasticsearchNode(heap=os.environ.get("BENCH_ES_HEAP", "1g"))
    try:
        node.start()
    except (devnode.BuildError, devnode.NodeStartError, OSError) as error:
        node.close()
        return None, None, f"could not start a node: {str(error).splitlines()[0]}"
    return node.url, node, None


def node_log_tail(node, lines: int = 15) -> str:
    try:
        text = node.log_path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        return f"    (no log: {error})"
    return "\n".join(f"    {line[:300]}" for line in text.splitlines()[-lines:])


def delete_indices(url: str, prefix: str) -> None:
    base = url.rstrip("/")
    try:
        with urllib.request.urlopen(f"{base}/_cat/indices/{prefix}*?format=json&h=index", timeout=10) as response:  # noqa: S310
            names = [row["index"] for row in json.load(response)]
        for name in names:
            urllib.request.urlopen(urllib.request.Request(f"{base}/{name}", method="DELETE"), timeout=30).close()  # noqa: S310
    except (urllib.error.URLError, OSError, ValueError, KeyError):
        print(f"(could not clean up indices {prefix}* on {url})")


def load_corpus(workdir: Path, env: dict, figures: dict, args) -> None:
    """import_knowledge on the sample, the bulk loader for the rest; remembers what the database holds."""
    load = run_step(
        [
            "--worker",
            "load",
            "--sample-file",
            str(workdir / "sample.jsonl"),
            "--bulk-file",
            str(workdir / "bulk.jsonl"),
        ],
        env,
        "loading",
    )
    figures["load"] = load
    per_doc = load["import_s"] / max(1, load["import_docs"])
    print(
        f"  import_knowledge: {load['import_docs']} documents in {load['import_s']:.1f}s "
        f"({1000 * per_doc:.0f} ms each) -> {args.docs} would take ≈ {per_doc * args.docs / 60:.0f} min"
    )
    print(f"    {load['import_summary']}")
    if load["bulk_docs"]:
        print(f"  bench bulk loader: {load['bulk_docs']} more documents in {load['bulk_s']:.1f}s")
    (workdir / "bench.json").write_text(json.dumps({"docs": args.docs, "seed": args.seed}), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000, help="documents to generate (default 100000)")
    parser.add_argument("--queries", type=int, default=200, help="distinct queries; one client sends each once")
    parser.add_argument("--engine", default=",".join(ENGINES), help="comma-separated: embedded,elasticsearch")
    parser.add_argument("--import-sample", type=int, default=2000, help="documents loaded with import_knowledge")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients for the second run")
    parser.add_argument("--warmup", type=int, default=100, help="unmeasured queries (different ones) first")
    parser.add_argument("--concurrent-requests", type=int, default=0, help="default: max(queries, 20 x clients)")
    parser.add_argument("--tmpdir", type=Path, default=None, help="where the throw-away database lives")
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--keep", action="store_true", help="keep the database and logs (path printed)")
    parser.add_argument("--reuse", type=Path, help="a directory kept by --keep: skip loading, measure again")
    parser.add_argument(
        "--no-full-reindex",
        action="store_true",
        help="skip the extra `search_reindex --backend elasticsearch --reanalyse` (analysis from scratch)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--worker", choices=["load", "reindex", "migrate"], help=argparse.SUPPRESS)
    parser.add_argument(
        "--threads", type=int, default=16, help="the server's worker threads (default 16, one per client)"
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        help="DB_CONN_MAX_AGE for the server (default: the settings' 60 s; 0 opens a connection per request)",
    )
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--sample-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--bulk-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--backend", help=argparse.SUPPRESS)
    parser.add_argument("--reindex-extra", default="", help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.serve:
        serve(args.serve, args.threads)
        return 0
    if args.worker == "migrate":
        django_setup()
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        args.result.write_text("{}", encoding="utf-8")
        return 0
    if args.worker:
        info = (
            step_load(args.sample_file, args.bulk_file)
            if args.worker == "load"
            else step_reindex(args.backend, args.reindex_extra.split())
        )
        args.result.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        return 0

    engines = [engine.strip() for engine in args.engine.split(",") if engine.strip()]
    if set(engines) - set(ENGINES):
        parser.error(f"unknown engine(s): {', '.join(sorted(set(engines) - set(ENGINES)))}")
    figures: dict = {"docs": args.docs, "load_average_start": load_average(), "engines": {}}
    print(f"search_speed: {args.docs} documents, engines {', '.join(engines)}; load average {load_average()}")

    if args.reuse:
        workdir = args.reuse.resolve()
        meta = json.loads((workdir / "bench.json").read_text(encoding="utf-8"))
        if (meta["docs"], meta["seed"]) != (args.docs, args.seed):
            parser.error(f"{workdir} holds --docs {meta['docs']} --seed {meta['seed']}")
    else:
        workdir = Path(tempfile.mkdtemp(prefix="union-bench-speed-", dir=args.tmpdir))
    prefix = f"bench-speed-{os.getpid()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("BENCH_SETTINGS", "cms.settings.test"),
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "VAR_DIR": str(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
        "ELASTICSEARCH_INDEX_PREFIX": prefix,
        "LOG_LEVEL": "WARNING",
        "PYTHONWARNINGS": "ignore",
        "BENCH_WORKDIR": str(workdir),
    }
    env.pop("ELASTICSEARCH_URL", None)
    node, es_url = None, None
    try:
        started = time.perf_counter()
        docs = list(speed_corpus.documents(args.docs, seed=args.seed))
        queries = speed_corpus.queries(docs, args.queries)
        warmup = speed_corpus.queries(docs, args.warmup, seed=args.seed + 1)
        sample_size = min(args.import_sample, len(docs))
        for name, part in (
            [] if args.reuse else (("sample.jsonl", docs[:sample_size]), ("bulk.jsonl", docs[sample_size:]))
        ):
            with (workdir / name).open("w", encoding="utf-8") as out:
                for doc in part:
                    out.write(json.dumps({k: v for k, v in doc.items() if k != "_words"}, ensure_ascii=False) + "\n")
        chars = sum(len(d["title"]) + len(d["summary"]) + len(d["body"]) for d in docs)
        print(
            f"  generated {len(docs)} documents ({chars / len(docs):.0f} characters each on average) "
            f"and {len(queries)} queries in {time.perf_counter() - started:.1f}s"
        )
        del docs

        if args.reuse:
            print(f"  reusing the database loaded earlier in {workdir} (migrating it to the current code)")
            run_step(["--worker", "migrate"], env, "migrating")
        else:
            load_corpus(workdir, env, figures, args)
        size = (workdir / "db.sqlite3").stat().st_size / 2**20
        print(f"  database: {size:.0f} MiB")

        total_concurrent = args.concurrent_requests or max(args.queries, 20 * args.clients)
        for engine in engines:
            engine_env = dict(env)
            if engine == "elasticsearch":
                es_url, node, reason = start_elasticsearch()
                if reason:
                    print(f"  elasticsearch: skipped — {reason}")
                    figures["engines"][engine] = {"skipped": reason}
                    continue
                engine_env["ELASTICSEARCH_URL"] = es_url
            result: dict = {}
            figures["engines"][engine] = result
            try:
                runs = [("reindex", "")]
                if engine == "elasticsearch" and not args.no_full_reindex:
                    runs.append(("reindex_full", "--reanalyse"))
                for key, extra in runs:
                    command = f"search_reindex --backend {engine} {extra}".strip()
                    step = ["--worker", "reindex", "--backend", engine, f"--reindex-extra={extra}"]
                    try:
                        reindex = run_step(step, engine_env, command)
                    except StepFailed as error:
                        # Reported, then tried once more so that the latency figures can still be measured.
                        result.setdefault("failed_attempts", []).append(str(error))
                        print(f"  {command}: FAILED, trying once more — {error}")
                        if node is not None:
                            print(node_log_tail(node, 5))
                        reindex = run_step(step, engine_env, command)
                    reindex["command"] = command
                    result[key] = reindex
                    print(
                        f"  {reindex['command']}: {reindex['documents']} documents in {reindex['reindex_s']:.1f}s"
                        f" (load average {load_average()})"
                    )
                    for line in reindex["output"]:
                        print(f"      {line}")
                server_env = dict(engine_env)
                if args.conn_max_age is not None:
                    server_env["DB_CONN_MAX_AGE"] = str(args.conn_max_age)
                server, base = start_server(server_env, args.threads)
                try:
                    for text in warmup:  # other queries than the measured ones: JIT, caches, jieba dictionary
                        query_once(base, text)
                    result["one_client"] = measure(base, queries, 1, len(queries))
                    result["concurrent"] = measure(base, queries, args.clients, total_concurrent)
                    result["load_average"] = load_average()
                finally:
                    stop_server(server)
            except StepFailed as error:
                result["error"] = str(error)
                print(f"  {engine}: FAILED — {error}")
                if node is not None:
                    print("  last lines of the Elasticsearch node's log:")
                    print(node_log_tail(node))
            if engine == "elasticsearch" and node is None and es_url:
                delete_indices(es_url, prefix)
    except StepFailed as error:
        print(f"FAILED — {error}")
        figures["error"] = str(error)
    finally:
        if node is not None:
            node.close()
        if args.keep or args.reuse:
            print(f"  kept: {workdir} (DATABASE_URL=sqlite:///{workdir / 'db.sqlite3'})")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    print_report(figures, args)
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def print_report(figures: dict, args) -> None:
    print(f"\nAPI latency, GET {API_PATH}?q=<2-4 words>&page_size=10, ms (end to end over loopback HTTP)\n")
    header = f"{'engine':<15}{'clients':>8}{'requests':>10}{'p50':>9}{'p95':>9}{'p99':>9}{'mean':>9}{'req/s':>8}"
    print(header)
    print("-" * len(header))
    for engine, result in figures["engines"].items():
        for key in ("one_client", "concurrent"):
            run = result.get(key)
            if not run:
                continue
            print(
                f"{engine:<15}{run['clients']:>8}{run['requests']:>10}{run['p50']:>9.1f}{run['p95']:>9.1f}"
                f"{run['p99']:>9.1f}{run['mean']:>9.1f}{run['throughput']:>8.1f}"
            )
            bad = {status: n for status, n in run["statuses"].items() if int(status) != 200}
            if bad or run["empty"]:
                print(f"{'':<15}  non-200 answers: {bad or 'none'}; empty result lists: {run['empty']}")
        if "skipped" in result or "error" in result:
            print(f"{engine:<15}  {result.get('skipped') or 'failed'}")
    print("\nReindex (search_reindex runs in this order; the first one analyses what the bulk loader wrote)")
    for result in figures["engines"].values():
        for error in result.get("failed_attempts", []):
            print(f"  an attempt FAILED: {error.splitlines()[0]} {error.splitlines()[-1]}")
        for key in ("reindex", "reindex_full"):
            if key in result:
                reindex = result[key]
                print(f"  {reindex['command']:<55} {reindex['documents']} documents in {reindex['reindex_s']:.1f}s")
    print(f"\nLoad average (1/5/15 min) at start: {figures['load_average_start']}; at end: {load_average()}")


if __name__ == "__main__":
    sys.exit(main())
