"""Small admin views outside the viewsets: finance marks committed money as paid, applicants withdraw."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from wagtail.permissions import policy_registry

from workflows.models import LedgerEntry, LedgerKind, Request
from workflows.services.ledger import ledger_pay
from workflows.services.requests import request_withdraw


def ledger_entry_pay(request, pk):
    policy = policy_registry.get_by_type(LedgerEntry)
    entry = get_object_or_404(policy.instances_user_has_permission_for(request.user, "change"), pk=pk)
    if entry.kind != LedgerKind.COMMITTED:
        raise PermissionDenied
    if request.method == "POST":
        ledger_pay(entry=entry, user=request.user)
        messages.success(request, f"已将“{entry}”标记为已支出。")
        return redirect("wagtailsnippets_workflows_ledgerentry:list")
    return TemplateResponse(request, "workflows/admin/ledger_pay_confirm.html", {"entry": entry})


def request_withdraw_view(request, pk):
    """The applicant withdraws their own request from the admin (officers who apply, e.g. for activity funds)."""
    union_request = get_object_or_404(Request, pk=pk, applicant=request.user)
    if request.method == "POST":
        try:
            request_withdraw(request=union_request, user=request.user)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, f"已撤回“{union_request}”。")
        return redirect("wagtailsnippets_workflows_request:inspect", union_request.pk)
    return TemplateResponse(request, "workflows/admin/request_withdraw_confirm.html", {"union_request": union_request})
