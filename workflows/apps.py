from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = "办公审批"
    default_auto_field = "django.db.models.BigAutoField"
