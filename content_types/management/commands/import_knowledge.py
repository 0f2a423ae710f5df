"""Bring a union's existing policies, notices, news, case stories, courses and FAQs in from a JSONL file."""

import sys
import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from content_types.management.indexing import per_save_indexing_paused
from content_types.management.quiet import quiet_logs
from content_types.services import ImportOutcome, KnowledgeLineRejected, knowledge_import_line


class Command(BaseCommand):
    help = (
        "从 JSONL 文件导入知识内容（每行一个 JSON 对象）："
        '{"external_id", "type": "policy|notice|news|case|course|faq", "title", "summary", "body", '
        '"published_at": "YYYY-MM-DD", "organization", "tags": [...]}。'
        "summary 与 tags 可省略，faq 可省略 published_at；body 为纯文本，空行分段。"
        "按 external_id 新建或更新已发布的内容（组织不存在时自动创建），重复导入不会产生重复内容。"
        "格式错误的行会连同行号报告并跳过，其余行照常导入，每行单独提交。"
        "只有文件无法读取时才以非零状态退出；有被拒绝的行时退出状态仍为 0，请查看汇总。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSONL 文件路径（UTF-8 编码）；“-” 表示从标准输入读取")
        parser.add_argument("--progress-every", type=int, default=100, help="每处理多少行报告一次进度（默认 100）")

    def handle(self, *args, file: str, progress_every: int, verbosity: int = 1, **options):
        with quiet_logs(verbosity), per_save_indexing_paused():
            self._run(file, progress_every)

    def _run(self, file: str, progress_every: int) -> None:
        started = time.monotonic()
        try:
            stream = sys.stdin.buffer if file == "-" else open(file, "rb")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"无法读取文件 {file}：{exc.strerror or exc}") from exc

        counts: Counter[str] = Counter()
        number = 0
        try:
            for number, line in enumerate(stream, start=1):
                if line.strip():
                    counts[self._import(number, line)] += 1
                if progress_every > 0 and number % progress_every == 0:
                    self.stdout.write(f"已处理 {number} 行……")
        except OSError as exc:
            raise CommandError(f"读取文件 {file} 的第 {number + 1} 行时出错：{exc.strerror or exc}") from exc
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()

        elapsed = time.monotonic() - started
        summary = (
            f"导入完成：共 {number} 行，新建 {counts[ImportOutcome.CREATED]}，更新 {counts[ImportOutcome.UPDATED]}，"
            f"未变 {counts[ImportOutcome.UNCHANGED]}，拒绝 {counts['rejected']}（用时 {elapsed:.1f} 秒）"
        )
        style = self.style.WARNING if counts["rejected"] else self.style.SUCCESS
        self.stdout.write(style(summary))

    def _import(self, number: int, line: bytes) -> str:
        try:
            return knowledge_import_line(line=line)
        except KnowledgeLineRejected as exc:
            reason = str(exc)
        except Exception as exc:  # one broken line must not stop the others; its transaction is rolled back
            reason = f"导入出错（{type(exc).__name__}）：{exc}"
        self.stderr.write(self.style.ERROR(f"第 {number} 行被拒绝：{reason}"))
        return "rejected"
