import datetime

from django.core.management.base import BaseCommand

from workflows.services.reminders import overdue_steps_process


class Command(BaseCommand):
    help = "提醒超时未审批的步骤；提醒后仍未处理的，上报上一级组织（供定时任务每小时运行）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--escalate-after-hours", type=int, default=24, help="提醒后多少小时仍未处理即上报（默认 24）"
        )

    def handle(self, *args, escalate_after_hours, **options):
        counts = overdue_steps_process(escalate_after=datetime.timedelta(hours=escalate_after_hours))
        self.stdout.write(f"已提醒 {counts['reminded']} 个超时步骤，已上报 {counts['escalated']} 个。")
