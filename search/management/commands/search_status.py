"""Compare the database, the analysed entries and the engine, and show what waits in the outbox."""

from django.core.management.base import BaseCommand

from search.backends import ENGINE_NAMES
from search.services import search_status


class Command(BaseCommand):
    help = "检索索引状态：数据库内容数、已分析条目数、引擎中的文档数和待处理的更新。"

    def add_arguments(self, parser):
        parser.add_argument("--backend", choices=ENGINE_NAMES, help="检索引擎（默认：按 ELASTICSEARCH_URL 决定）")

    def handle(self, *args, backend=None, **options):
        status = search_status(name=backend)
        pending = status["pending"]
        indexed = status["indexed"] if status["indexed"] is not None else f"不可用（{status['engine_error']}）"
        lines = [
            f"检索引擎：{status['engine']}",
            f"数据库中可检索的内容：{status['content']}",
            f"已分析的条目：{status['entries']}（最近更新 {status['last_change'] or '—'}）",
            f"引擎中的文档：{indexed}",
            f"待处理的更新：{pending['total']}（待分析 {pending['entry']}，待写入引擎 {pending['engine']}，"
            f"重试中 {pending['failing']}，最早 {pending['oldest'] or '—'}）",
        ]
        if pending["last_error"]:
            lines.append(f"最近的错误：{pending['last_error'][:300]}")
        in_sync = status["content"] == status["entries"] == status["indexed"] and not pending["total"]
        for line in lines:
            self.stdout.write(line)
        if in_sync:
            self.stdout.write(self.style.SUCCESS("索引与数据库一致。"))
        else:
            self.stdout.write(self.style.WARNING("索引与数据库不一致：运行 search_drain 或 search_reindex。"))
