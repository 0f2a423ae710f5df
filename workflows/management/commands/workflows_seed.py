from django.core.management.base import BaseCommand

from workflows.services.seed import workflows_seed


class Command(BaseCommand):
    help = "创建默认的内容发布审核流程、审批步骤和六个申请事项（可重复运行）。"

    def handle(self, *args, **options):
        result = workflows_seed()
        names = "、".join(request_type.name for request_type in result["request_types"])
        self.stdout.write(f"内容发布审核流程：{result['editorial_workflow'].name}；申请事项：{names}。")
