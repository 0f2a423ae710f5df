"""Fill an empty database with the Chinese demo: union tree, accounts per role, content of every type."""

import os
import time
import unicodedata

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from content_types.demo.seed import demo_seed
from content_types.management.quiet import quiet_logs
from content_types.models import OrganisationPage

DEFAULT_PASSWORD = "demo-password"  # noqa: S105 - a published demo password, see README


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def table(header: list[str], rows: list[list[str]]) -> str:
    """A plain-text table whose columns line up in a terminal even with Chinese text."""
    widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    render = [
        "| " + " | ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)) + " |" for row in [header, *rows]
    ]
    return "\n".join([line, render[0], line, *render[1:], line])


class Command(BaseCommand):
    help = (
        "在空数据库中创建中文演示数据：公司工会、分工会、基层工会和班组，各类内容（新闻、通知公告、基层风采、"
        "政策法规、培训课程、常见问题）及图片附件，并为每个角色创建一个演示账号（账号名即角色名，"
        f"密码取环境变量 DEMO_PASSWORD，默认 {DEFAULT_PASSWORD}）。数据库中已有工会组织时不做任何更改。"
    )

    def handle(self, *args, verbosity: int = 1, **options):
        if OrganisationPage.objects.exists():
            self.stdout.write("数据库中已有工会组织，未做任何更改（already seeded）。")
            return
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        started = time.monotonic()
        try:
            with quiet_logs(verbosity):
                report = demo_seed(password=password)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        # Approval chains and request types belong to the workflows app; the demo wants them too.
        if "workflows_seed" in get_commands():
            call_command("workflows_seed", stdout=self.stdout)
        elapsed = time.monotonic() - started

        counts = report.counts
        content = sum(
            counts[name] for name in ("NewsPage", "NoticePage", "CaseStoryPage", "PolicyPage", "CoursePage", "FAQ")
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"演示数据已创建（用时 {elapsed:.1f} 秒）：工会组织 {counts['organisations']} 个，内容 {content} 条"
                f"（新闻 {counts['NewsPage']}、通知公告 {counts['NoticePage']}、基层风采 {counts['CaseStoryPage']}、"
                f"政策法规 {counts['PolicyPage']}、培训课程 {counts['CoursePage']}（课时 {counts['LessonPage']}）、"
                f"常见问题 {counts['FAQ']}），图片 {counts['images']} 张，文档 {counts['documents']} 个。"
            )
        )
        shown = password if password == DEFAULT_PASSWORD else "（环境变量 DEMO_PASSWORD 的值）"
        rows = [
            [username, role, name, organisation, shown if created else "（账号已存在，未修改）"]
            for username, role, name, organisation, created in report.accounts
        ]
        self.stdout.write("\n演示账号：\n" + table(["账号", "角色", "姓名", "所属组织", "密码"], rows))
