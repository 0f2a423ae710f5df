"""Apply the index updates waiting in the outbox now (e.g. from cron, or after an engine outage)."""

from django.core.management.base import BaseCommand

from search.outbox import outbox_drain


class Command(BaseCommand):
    help = "立即处理检索索引的待办更新（包括正在等待重试的）。"

    def handle(self, *args, **options):
        report = outbox_drain(retry_failed=True)
        self.stdout.write(f"分析 {report.analysed} 条，写入引擎 {report.sent} 条，失败 {report.failed} 条")
        if report.error:
            self.stderr.write(f"检索引擎不可用：{report.error}")
