"""What a workflow reviews — a request or a page — described the same way for tasks, notices and the API."""

from django.urls import reverse

from wagtail.models import Page, WorkflowState

from workflows.models import Request


def reviewed_item(workflow_state: WorkflowState):
    """The specific object under review (a `Request` or a specific page)."""
    obj = workflow_state.content_object
    return obj.specific if isinstance(obj, Page) else obj


def item_kind(obj) -> str:
    return "request" if isinstance(obj, Request) else "page"


def item_title(obj) -> str:
    if isinstance(obj, Page):
        return obj.draft_title or obj.title
    return str(obj)


def approver_url(obj) -> str:
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    if isinstance(obj, Request):
        return reverse("wagtailsnippets_workflows_request:edit", args=[obj.pk])
    return ""


def requester_url(obj) -> str:
    if isinstance(obj, Request):
        return reverse("api:request-detail", args=[obj.pk])
    return approver_url(obj)
