"""Rebuild the search index: bring the analysed entries up to date, then refill the engine.

With Elasticsearch the engine gets a fresh index which replaces the old one in one atomic alias swap,
so searching keeps working throughout.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search.backends import ENGINE_NAMES, EngineUnavailable, engine_name
from search.services import engine_rebuild, entries_sync

LABELS = {"analyse": "分析内容", "index": "写入索引"}


class Command(BaseCommand):
    help = "重建检索索引（先分析内容，再整体写入检索引擎；Elasticsearch 用别名切换，不中断检索）。"

    def add_arguments(self, parser):
        parser.add_argument("--backend", choices=ENGINE_NAMES, help="检索引擎（默认：按 ELASTICSEARCH_URL 决定）")
        parser.add_argument("--reanalyse", action="store_true", help="重新分析全部内容（默认只分析新的或改过的）")
        parser.add_argument("--skip-analysis", action="store_true", help="只用已分析的条目重建引擎索引")
        parser.add_argument("--jobs", type=int, default=0, help="并行分析的进程数（默认：CPU 数，最多 4）")

    def handle(self, *args, backend=None, reanalyse=False, skip_analysis=False, jobs=0, **options):
        name = backend or engine_name()
        started = time.monotonic()
        self._last = 0.0
        try:
            if not skip_analysis:
                report = entries_sync(reanalyse=reanalyse, jobs=jobs, progress=self.progress)
                workers = f"（{report.processes} 个进程并行）" if report.processes > 1 else ""
                self.stdout.write(
                    f"内容 {report.wanted} 条：分析 {report.analysed} 条{workers}，移除 {report.removed} 条"
                )
            indexed = engine_rebuild(name=name, progress=self.progress)
        except EngineUnavailable as error:
            raise CommandError(f"检索引擎不可用：{error}") from error
        self.stdout.write(
            self.style.SUCCESS(f"已重建 {name} 索引：{indexed} 条，用时 {time.monotonic() - started:.1f} 秒")
        )

    def progress(self, step: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done not in (0, total) and now - self._last < 0.5:
            return
        self._last = now
        width = 30
        filled = width * done // total if total else width
        line = f"{LABELS.get(step, step)} [{'#' * filled}{'-' * (width - filled)}] {done}/{total}"
        interactive = getattr(self.stdout, "isatty", lambda: False)() or sys.stdout.isatty()
        if interactive:
            self.stdout.write("\r" + line, ending="\n" if done == total else "")
            self.stdout.flush()
        else:
            self.stdout.write(line)
