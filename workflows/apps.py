from django.apps import AppConfig

# Wagtail's own workflow e-mails (English-worded templates, links into the admin even for workers) would
# duplicate ours. Connecting a no-op first under the same dispatch_uid makes Wagtail's later connect() a
# no-op — this app is listed before wagtail.admin in INSTALLED_APPS.
SILENCED_WAGTAIL_NOTIFIERS = (
    ("workflow_submitted", "workflow_state_submitted_email_notification"),
    ("workflow_rejected", "workflow_state_rejected_email_notification"),
    ("workflow_approved", "workflow_state_approved_email_notification"),
)


def _silenced(**kwargs):
    return None


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = "办公审批"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail import signals
        from wagtail.models import WorkflowState
        from wagtail.permissions import register_permission_policy

        from workflows.models import Budget, LedgerEntry, Request
        from workflows.permissions import FundsPermissionPolicy, RequestPermissionPolicy

        for signal_name, dispatch_uid in SILENCED_WAGTAIL_NOTIFIERS:
            getattr(signals, signal_name).connect(_silenced, sender=WorkflowState, dispatch_uid=dispatch_uid)
        register_permission_policy(Request, RequestPermissionPolicy(Request))
        register_permission_policy(Budget, FundsPermissionPolicy(Budget))
        register_permission_policy(LedgerEntry, FundsPermissionPolicy(LedgerEntry))
