from wagtail import hooks
from wagtail.snippets.models import register_snippet

from workflows.panels import MyTasksPanel
from workflows.viewsets import OfficeGroup

register_snippet(OfficeGroup)

# The applicant's data is theirs: in the request editor approvers only decide, nobody saves or publishes.
_REQUEST_MENU_ITEMS_REMOVED = {
    "action-save",
    "action-publish",
    "action-unpublish",
    "action-submit",
    "action-restart-workflow",
    "action-cancel-workflow",
    "action-lock",
    "action-unlock",
}


@hooks.register("construct_homepage_panels")
def add_my_tasks_panel(request, panels):
    panels.append(MyTasksPanel(request.user))


@hooks.register("construct_snippet_action_menu")
def keep_requests_read_only(menu_items, request, context):
    from workflows.models import Request

    if context.get("model") is Request:
        menu_items[:] = [item for item in menu_items if item.name not in _REQUEST_MENU_ITEMS_REMOVED]


@hooks.register("register_admin_urls")
def register_workflows_urls():
    from django.urls import path

    from workflows.views import ledger_entry_pay, request_withdraw_view

    return [
        path("workflows/ledger/<int:pk>/pay/", ledger_entry_pay, name="workflows_ledger_pay"),
        path("workflows/requests/<int:pk>/withdraw/", request_withdraw_view, name="workflows_request_withdraw"),
    ]
