"""Small admin views outside the viewsets: finance marks committed money as paid."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from wagtail.permissions import policy_registry

from workflows.models import LedgerEntry, LedgerKind
from workflows.services.ledger import ledger_pay


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
